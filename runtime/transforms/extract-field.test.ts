import { describe, expect, it } from 'vitest';
import { fieldPath } from './extract-field.js';
import { sinkRecord, struct, transform } from './test-helpers.js';

describe('ExtractField', () => {
  it("Confluent docs' example: {id: 42, cost: 4000} with field=id gives 42", () => {
    expect(transform('org.apache.kafka.connect.transforms.ExtractField$Value', { field: 'id' })(sinkRecord({ value: { id: 42, cost: 4000 } }))?.value).toBe(42);
    expect(transform('ExtractField$Key', { field: 'id' })(sinkRecord({ key: { id: 'k' } }))?.key).toBe('k');
  });

  it('with a schema: the schema becomes the field schema; unknown fields fail; null passes', () => {
    const schema = struct({ magic: { type: 'int32', optional: true } }, { name: 'x' });
    const t = transform('ExtractField$Value', { field: 'magic' });
    const out = t(sinkRecord({ value: { magic: 42 }, valueSchema: schema }))!;
    expect(out.value).toBe(42);
    expect(out.valueSchema).toEqual({ type: 'int32', optional: true });
    expect(t(sinkRecord({ value: null, valueSchema: schema }))?.value).toBeNull();
    expect(() => transform('ExtractField$Value', { field: 'nope' })(sinkRecord({ value: { magic: 1 }, valueSchema: schema }))).toThrow(/Unknown field: nope/);
    expect(transform('ExtractField$Value', { field: 'nope' })(sinkRecord({ value: { magic: 1 } }))?.value).toBeNull();
  });

  it('field.syntax.version=V2 reads nested fields, with backticks for dotted names', () => {
    const t = transform('ExtractField$Value', { field: 'a.b', 'field.syntax.version': 'V2' });
    expect(t(sinkRecord({ value: { a: { b: 'nested' }, 'a.b': 'flat' } }))?.value).toBe('nested');
    expect(transform('ExtractField$Value', { field: 'a.b' })(sinkRecord({ value: { a: { b: 'nested' }, 'a.b': 'flat' } }))?.value).toBe('flat');
    const schema = struct({ a: struct({ b: { type: 'string' } }) });
    const out = t(sinkRecord({ value: { a: { b: 'x' } }, valueSchema: schema }))!;
    expect([out.value, out.valueSchema]).toEqual(['x', { type: 'string' }]);
    expect(fieldPath('`a.b`.c', 'V2')).toEqual(['a.b', 'c']);
    expect(fieldPath('a.`b\\`.c`', 'V2')).toEqual(['a', 'b`.c']);
    expect(() => transform('ExtractField$Value', { field: '`a', 'field.syntax.version': 'V2' })).toThrow(/Incomplete backtick pair/);
  });
});
