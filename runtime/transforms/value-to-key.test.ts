import { describe, expect, it } from 'vitest';
import { sinkRecord, struct, transform } from './test-helpers.js';

describe('ValueToKey', () => {
  it("Confluent docs' example: the key becomes the listed value fields (schemaless)", () => {
    const t = transform('org.apache.kafka.connect.transforms.ValueToKey', { fields: 'userId,city,state' });
    const value = { userId: 'u1', city: 'Paris', state: 'IDF', zip: '75001' };
    const out = t(sinkRecord({ key: 'old', value }))!;
    expect(out.key).toEqual({ userId: 'u1', city: 'Paris', state: 'IDF' });
    expect(out.keySchema).toBeUndefined();
    expect(out.value).toBe(value);
  });

  it('with a schema: a key struct schema from the value field schemas; a missing field is an error', () => {
    const schema = struct({ a: { type: 'int32' }, b: { type: 'int32' }, c: { type: 'int32' } });
    const out = transform('ValueToKey', { fields: 'a,b' })(sinkRecord({ value: { a: 1, b: 2, c: 3 }, valueSchema: schema }))!;
    expect(out.keySchema).toEqual(struct({ a: { type: 'int32' }, b: { type: 'int32' } }));
    expect(out.key).toEqual({ a: 1, b: 2 });
    expect(() => transform('ValueToKey', { fields: 'not_there' })(sinkRecord({ value: { a: 1 }, valueSchema: schema }))).toThrow(/Field does not exist: not_there/);
  });

  it('a tombstone is a DataException, as in Connect; with a RecordIsTombstone predicate it is skipped', () => {
    expect(() => transform('ValueToKey', { fields: 'a' })(sinkRecord())).toThrow(/Only Map objects supported/);
  });
});
