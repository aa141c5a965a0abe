import { describe, expect, it } from 'vitest';
import { frozen, sinkRecord, struct, transform } from './test-helpers.js';

describe('Flatten', () => {
  it("Confluent docs' example: nested content with a null in the middle", () => {
    const value = frozen({ content: { id: 42, name: { first: 'David', middle: null, last: 'Wong' } } });
    const out = transform('org.apache.kafka.connect.transforms.Flatten$Value', { delimiter: '.' })(sinkRecord({ value }))?.value;
    expect(out).toEqual({ 'content.id': 42, 'content.name.first': 'David', 'content.name.middle': null, 'content.name.last': 'Wong' });
  });

  it('schemaless: custom delimiter, arrays kept', () => {
    const out = transform('Flatten$Key', { delimiter: '_' })(sinkRecord({ key: { A: { B: 1, C: [1, 2] }, D: 'x' } }))?.key;
    expect(out).toEqual({ A_B: 1, A_C: [1, 2], D: 'x' });
  });

  it('with a schema: optional parents make children optional, defaults come from parents; null structs flatten to nulls', () => {
    const inner = struct({ int8: { type: 'int8' }, str: { type: 'string', optional: true } }, { optional: true, default: { int8: 2, str: 'd' } });
    const schema = struct({ A: struct({ B: inner }), arr: { type: 'array', items: { type: 'int32' } } }, { name: 'n' });
    const out = transform('Flatten$Value')(sinkRecord({ value: { A: { B: { int8: 1, str: 'x' } }, arr: [1] }, valueSchema: schema }))!;
    expect(out.valueSchema).toEqual(struct({
      'A.B.int8': { type: 'int8', optional: true, default: 2 },
      'A.B.str': { type: 'string', optional: true, default: 'd' },
      arr: { type: 'array', items: { type: 'int32' } },
    }, { name: 'n' }));
    expect(out.value).toEqual({ 'A.B.int8': 1, 'A.B.str': 'x', arr: [1] });
    expect(transform('Flatten$Value')(sinkRecord({ value: { A: { B: null }, arr: [] }, valueSchema: schema }))?.value).toEqual({ 'A.B.int8': null, 'A.B.str': null, arr: [] });
  });

  it('tombstones pass', () => {
    const tombstone = sinkRecord();
    expect(transform('Flatten$Value')(tombstone)).toBe(tombstone);
  });
});
