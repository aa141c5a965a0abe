import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import { ConfigFieldsError } from '../core/config-spec.js';
import { createTransformChain, defaultTransformRegistry, TransformError, validateTransforms } from './transform-registry.js';
import { sinkRecord } from './test-helpers.js';

describe('createTransformChain', () => {
  it('no transforms: the identity', () => {
    const record = sinkRecord({ value: 1 });
    expect(createTransformChain({ name: 'x' })(record)).toBe(record);
  });

  it('applies transforms in order and stops at a drop', () => {
    const chain = createTransformChain({
      transforms: 'hoist, route , drop',
      'transforms.hoist.type': 'HoistField$Value',
      'transforms.hoist.field': 'v',
      'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
      'transforms.route.regex': '(.*)',
      'transforms.route.replacement': 'x-$1',
      'transforms.drop.type': 'Filter',
      'transforms.drop.predicate': 'onlyY',
      predicates: 'onlyY',
      'predicates.onlyY.type': 'TopicNameMatches',
      'predicates.onlyY.pattern': 'x-y',
    });
    expect(chain(sinkRecord({ topic: 't', value: 1 }))).toMatchObject({ topic: 'x-t', value: { v: 1 } });
    expect(chain(sinkRecord({ topic: 'y', value: 1 }))).toBeNull();
  });

  it('accepts class names with $Key/$Value, simple names, and X.Value', () => {
    for (const type of ['org.apache.kafka.connect.transforms.HoistField$Value', 'HoistField$Value', 'org.apache.kafka.connect.transforms.HoistField.Value']) {
      expect(createTransformChain({ transforms: 'h', 'transforms.h.type': type, 'transforms.h.field': 'f' })(sinkRecord({ value: 1 }))?.value).toEqual({ f: 1 });
    }
  });

  it('lists every invalid key at once; an unknown class lists the available ones', () => {
    const config = {
      transforms: 'a,b,c,d',
      'transforms.a.type': 'com.example.Nope',
      'transforms.b.type': 'org.apache.kafka.connect.transforms.Cast$Value',
      'transforms.c.type': 'ExtractField$Value',
      'transforms.c.feild': 'x',
      'transforms.d.type': 'Filter',
      'transforms.d.predicate': 'missing',
      predicates: 'p',
      'predicates.p.type': 'TopicNameMatches',
    };
    const errors = validateTransforms(config);
    expect(errors.map((e) => e.field)).toEqual(['predicates.p.pattern', 'transforms.a.type', 'transforms.b.spec', 'transforms.c.field', 'transforms.c.feild', 'transforms.d.predicate']);
    expect(errors[1]!.message).toMatch(/Class com.example.Nope could not be found. Available transformations: io.debezium.transforms.ExtractNewRecordState, org.apache.kafka.connect.transforms.Cast\$Key, .*ValueToKey$/);
    expect(errors[4]!.message).toBe('Unknown configuration "transforms.c.feild" of org.apache.kafka.connect.transforms.ExtractField$Value; did you mean "transforms.c.field"?');
    let thrown: unknown;
    try {
      createTransformChain(config);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigFieldsError).fieldErrors).toEqual(errors);
    expect((thrown as ConfigFieldsError).message).toMatch(/^Transformation configuration is invalid and contains the following 6 error\(s\):\n/);
    expect(validateTransforms({ transforms: 'a', 'transforms.a.type': '' })).toEqual([{ field: 'transforms.a.type', message: 'Missing required configuration "transforms.a.type" which has no default value.' }]);
  });

  it('a failing transform throws a TransformError naming it, for the DLQ headers', () => {
    const chain = createTransformChain({ transforms: 'v2k', 'transforms.v2k.type': 'ValueToKey', 'transforms.v2k.fields': 'id' });
    try {
      chain(sinkRecord({ value: 'not a map' }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TransformError);
      expect(error).toMatchObject({ alias: 'v2k', className: 'org.apache.kafka.connect.transforms.ValueToKey', exceptionClass: 'org.apache.kafka.connect.errors.DataException', stage: 'TRANSFORMATION', retriable: false });
    }
  });

  it('every plugin has a class name, a doc and a spec with docs', () => {
    const plugins = [...defaultTransformRegistry.transformPlugins(), ...defaultTransformRegistry.predicatePlugins()];
    expect(plugins.length).toBe(24);
    for (const plugin of plugins) {
      expect(plugin.doc.length).toBeGreaterThan(10);
      for (const field of plugin.spec) expect(field.doc.length).toBeGreaterThan(5);
    }
  });
});
