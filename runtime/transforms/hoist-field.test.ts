import { describe, expect, it } from 'vitest';
import { sinkRecord, transform } from './test-helpers.js';

describe('HoistField', () => {
  it("Confluent docs' example: Foo and Bar become {\"line\":\"Foo\"} and {\"line\":\"Bar\"}", () => {
    const t = transform('org.apache.kafka.connect.transforms.HoistField$Value', { field: 'line' });
    expect(['Foo', 'Bar'].map((v) => t(sinkRecord({ value: v }))?.value)).toEqual([{ line: 'Foo' }, { line: 'Bar' }]);
  });

  it('with a schema: a single-field struct schema; key variant', () => {
    const out = transform('HoistField$Key', { field: 'magic' })(sinkRecord({ key: 42, keySchema: { type: 'int32' } }))!;
    expect(out.key).toEqual({ magic: 42 });
    expect(out.keySchema).toEqual({ type: 'struct', fields: [{ type: 'int32', field: 'magic' }] });
  });

  it('wraps null like Connect; a blank field is refused', () => {
    expect(transform('HoistField$Value', { field: 'x' })(sinkRecord({ value: null }))?.value).toEqual({ x: null });
    expect(() => transform('HoistField$Value', { field: ' ' })).toThrow(/String may not be empty/);
  });
});
