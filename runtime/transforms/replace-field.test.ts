import { describe, expect, it } from 'vitest';
import { frozen, sinkRecord, struct, transform } from './test-helpers.js';

describe('ReplaceField', () => {
  it("Confluent docs' examples: exclude, include and renames (schemaless)", () => {
    const value = frozen({ foo: 'bar', c1: 22, c2: 'xyz', c3: true });
    expect(transform('org.apache.kafka.connect.transforms.ReplaceField$Value', { exclude: 'c2' })(sinkRecord({ value }))?.value).toEqual({ foo: 'bar', c1: 22, c3: true });
    expect(transform('ReplaceField$Value', { include: 'c1,c2' })(sinkRecord({ value }))?.value).toEqual({ c1: 22, c2: 'xyz' });
    expect(transform('ReplaceField$Value', { renames: 'foo:c1,bar:c2' })(sinkRecord({ value: { foo: 22, bar: 'baz' } }))?.value).toEqual({ c1: 22, c2: 'baz' });
  });

  it('exclude wins over include; legacy whitelist/blacklist still work', () => {
    const value = { a: 1, b: 2, c: 3 };
    expect(transform('ReplaceField$Value', { include: 'a,b', exclude: 'b' })(sinkRecord({ value }))?.value).toEqual({ a: 1 });
    expect(transform('ReplaceField$Value', { whitelist: 'a,c' })(sinkRecord({ value }))?.value).toEqual({ a: 1, c: 3 });
    expect(transform('ReplaceField$Value', { blacklist: 'a' })(sinkRecord({ value }))?.value).toEqual({ b: 2, c: 3 });
  });

  it('with a schema: filters and renames the struct schema; null with a default becomes the default', () => {
    const schema = struct({ dont: { type: 'string' }, abc: { type: 'int32' }, foo: { type: 'boolean' }, etc: { type: 'string', optional: true, default: 'x' } }, { name: 'n' });
    const t = transform('ReplaceField$Value', { exclude: 'dont', renames: 'abc:xyz,foo:bar' });
    const out = t(sinkRecord({ value: { dont: 'whatever', abc: 42, foo: true, etc: null }, valueSchema: schema }))!;
    expect(out.valueSchema).toEqual(struct({ xyz: { type: 'int32' }, bar: { type: 'boolean' }, etc: { type: 'string', optional: true, default: 'x' } }, { name: 'n' }));
    expect(out.value).toEqual({ xyz: 42, bar: true, etc: 'x' });
    const keepNull = transform('ReplaceField$Value', { 'replace.null.with.default': false, exclude: 'dont' });
    expect(keepNull(sinkRecord({ value: { dont: '', abc: 1, foo: true, etc: null }, valueSchema: schema }))?.value).toMatchObject({ etc: null });
  });

  it('key variant; tombstones pass; a bad rename mapping is refused', () => {
    expect(transform('ReplaceField$Key', { renames: 'id:key_id' })(sinkRecord({ key: { id: 1 } }))?.key).toEqual({ key_id: 1 });
    const tombstone = sinkRecord();
    expect(transform('ReplaceField$Value', { exclude: 'a' })(tombstone)).toBe(tombstone);
    expect(() => transform('ReplaceField$Value', { renames: 'a:b:c' })).toThrow(/Invalid rename mapping: a:b:c/);
  });
});
