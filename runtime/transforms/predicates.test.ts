import { describe, expect, it } from 'vitest';
import { createTransformChain, validateTransforms } from './transform-registry.js';
import { sinkRecord } from './test-helpers.js';

/** A chain that drops the records matching predicate `p` configured with `keys`. */
function dropWhen(type: string, keys: Record<string, string> = {}, negate = false) {
  const config: Record<string, unknown> = { transforms: 'f', 'transforms.f.type': 'Filter', 'transforms.f.predicate': 'p', 'transforms.f.negate': negate, predicates: 'p', 'predicates.p.type': type };
  for (const [key, value] of Object.entries(keys)) config[`predicates.p.${key}`] = value;
  return createTransformChain(config);
}

describe('TopicNameMatches', () => {
  it('matches the whole topic name with a Java regex', () => {
    const chain = dropWhen('org.apache.kafka.connect.transforms.predicates.TopicNameMatches', { pattern: 'my-prefix-.*' });
    expect(chain(sinkRecord({ topic: 'my-prefix-orders' }))).toBeNull();
    expect(chain(sinkRecord({ topic: 'other-my-prefix-orders' }))).not.toBeNull();
  });
  it('requires a valid, non-empty pattern', () => {
    expect(validateTransforms({ predicates: 'p', 'predicates.p.type': 'TopicNameMatches', 'predicates.p.pattern': '(' }).map((e) => e.field)).toEqual(['predicates.p.pattern']);
    expect(validateTransforms({ predicates: 'p', 'predicates.p.type': 'TopicNameMatches' })[0]?.message).toBe('Missing required configuration "predicates.p.pattern" which has no default value.');
  });
});

describe('HasHeaderKey', () => {
  it('true when at least one header has the name; negate inverts', () => {
    const chain = dropWhen('org.apache.kafka.connect.transforms.predicates.HasHeaderKey', { name: 'my-header' });
    expect(chain(sinkRecord({ headers: [{ key: 'my-header', value: null }] }))).toBeNull();
    expect(chain(sinkRecord({ headers: [] }))).not.toBeNull();
    expect(dropWhen('HasHeaderKey', { name: 'my-header' }, true)(sinkRecord({ headers: [] }))).toBeNull();
  });
  it('requires a name', () => {
    expect(validateTransforms({ predicates: 'p', 'predicates.p.type': 'HasHeaderKey', 'predicates.p.name': '' })[0]?.message).toMatch(/String may not be empty/);
  });
});

describe('RecordIsTombstone', () => {
  it('true for null values only; an unknown predicate class lists the available ones', () => {
    const chain = dropWhen('org.apache.kafka.connect.transforms.predicates.RecordIsTombstone');
    expect(chain(sinkRecord({ value: null }))).toBeNull();
    expect(chain(sinkRecord({ value: 0 }))).not.toBeNull();
    expect(validateTransforms({ predicates: 'p', 'predicates.p.type': 'IsTombstone' })[0]?.message).toMatch(/Available predicates: org.apache.kafka.connect.transforms.predicates.HasHeaderKey, org.apache.kafka.connect.transforms.predicates.RecordIsTombstone, org.apache.kafka.connect.transforms.predicates.TopicNameMatches/);
  });
});
