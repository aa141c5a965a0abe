import { describe, expect, it } from 'vitest';
import { createTransformChain } from './transform-registry.js';
import { sinkRecord } from './test-helpers.js';

describe('Filter with predicates', () => {
  it("Kafka docs' example: drop records whose topic matches foo; ExtractField$Key unless topic is bar", () => {
    const chain = createTransformChain({
      transforms: 'Filter,Extract',
      'transforms.Filter.type': 'org.apache.kafka.connect.transforms.Filter',
      'transforms.Filter.predicate': 'IsFoo',
      'transforms.Extract.type': 'org.apache.kafka.connect.transforms.ExtractField$Key',
      'transforms.Extract.field': 'other_field',
      'transforms.Extract.predicate': 'IsBar',
      'transforms.Extract.negate': 'true',
      predicates: 'IsFoo,IsBar',
      'predicates.IsFoo.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
      'predicates.IsFoo.pattern': 'foo',
      'predicates.IsBar.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
      'predicates.IsBar.pattern': 'bar',
    });
    const key = { other_field: 'k' };
    expect(chain(sinkRecord({ topic: 'foo', key }))).toBeNull();
    expect(chain(sinkRecord({ topic: 'bar', key }))?.key).toEqual(key);
    expect(chain(sinkRecord({ topic: 'baz', key }))?.key).toBe('k');
  });

  it('HasHeaderKey and RecordIsTombstone (negate=true as a JSON boolean)', () => {
    const dropTombstones = createTransformChain({ transforms: 'f', 'transforms.f.type': 'Filter', 'transforms.f.predicate': 't', predicates: 't', 'predicates.t.type': 'RecordIsTombstone' });
    expect(dropTombstones(sinkRecord({ value: null }))).toBeNull();
    expect(dropTombstones(sinkRecord({ value: 1 }))?.value).toBe(1);
    const keepTagged = createTransformChain({ transforms: 'f', 'transforms.f.type': 'Filter', 'transforms.f.predicate': 'h', 'transforms.f.negate': true, predicates: 'h', 'predicates.h.type': 'org.apache.kafka.connect.transforms.predicates.HasHeaderKey', 'predicates.h.name': 'tag' });
    expect(keepTagged(sinkRecord({ headers: [{ key: 'tag', value: 'x' }] }))).not.toBeNull();
    expect(keepTagged(sinkRecord({ headers: [{ key: 'other', value: 'x' }] }))).toBeNull();
  });

  it('without a predicate, Filter drops everything', () => {
    expect(createTransformChain({ transforms: 'f', 'transforms.f.type': 'Filter' })(sinkRecord())).toBeNull();
  });
});
