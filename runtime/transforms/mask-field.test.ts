import { describe, expect, it } from 'vitest';
import { frozen, sinkRecord, struct, transform } from './test-helpers.js';

describe('MaskField', () => {
  it("Confluent docs' examples: mask a string; replace SSN, IP and phone numbers", () => {
    const mask = transform('org.apache.kafka.connect.transforms.MaskField$Value', { fields: 'string_field' });
    expect(mask(sinkRecord({ value: frozen({ integer_field: 22, string_field: 'foo' }) }))?.value).toEqual({ integer_field: 22, string_field: '' });
    const phone = transform('MaskField$Value', { fields: 'office,mobile', replacement: '+0-000-000-0000' });
    expect(phone(sinkRecord({ value: { office: '+1-555-123-4567', mobile: '+1-555-765-4321', name: 'x' } }))?.value).toEqual({ office: '+0-000-000-0000', mobile: '+0-000-000-0000', name: 'x' });
    expect(transform('MaskField$Value', { fields: 'SSN', replacement: '***-***-****' })(sinkRecord({ value: { SSN: '123-45-6789' } }))?.value).toEqual({ SSN: '***-***-****' });
  });

  it("schemaless: each type's null value; null stays null", () => {
    const t = transform('MaskField$Value', { fields: 'b,i,f,s,d,l,m,n' });
    const out = t(sinkRecord({ value: { b: true, i: 42, f: 4.2, s: 'x', d: new Date(5), l: [1], m: { a: 1 }, n: null, other: 'kept' } }))?.value;
    expect(out).toEqual({ b: false, i: 0, f: 0, s: '', d: new Date(0), l: [], m: {}, n: null, other: 'kept' });
  });

  it('with a schema: replacement parsed as the field type; the schema is unchanged', () => {
    const schema = struct({ age: { type: 'int32' }, score: { type: 'float64' }, name: { type: 'string' } });
    const out = transform('MaskField$Value', { fields: 'age,score,name', replacement: '9' })(sinkRecord({ value: { age: 30, score: 1.5, name: 'ann' }, valueSchema: schema }))!;
    expect(out.value).toEqual({ age: 9, score: 9, name: '9' });
    expect(out.valueSchema).toBe(schema);
  });

  it('refuses what Kafka refuses: booleans with a replacement, non-numeric replacements for numbers, bytes', () => {
    expect(() => transform('MaskField$Value', { fields: 'b', replacement: 'x' })(sinkRecord({ value: { b: true } }))).toThrow(/Cannot mask value of type boolean with custom replacement/);
    expect(() => transform('MaskField$Value', { fields: 'n', replacement: 'x' })(sinkRecord({ value: { n: 1 } }))).toThrow(/Unable to convert x/);
    expect(() => transform('MaskField$Value', { fields: 'bytes' })(sinkRecord({ value: { bytes: Buffer.from('a') } }))).toThrow(/Cannot mask value of type: bytes/);
    expect(() => transform('MaskField$Value', { fields: '' })).toThrow(/transforms.t.fields: Empty list/);
  });

  it('key variant and tombstones', () => {
    expect(transform('MaskField$Key', { fields: 'id' })(sinkRecord({ key: { id: 7 } }))?.key).toEqual({ id: 0 });
    const tombstone = sinkRecord();
    expect(transform('MaskField$Value', { fields: 'x' })(tombstone)).toBe(tombstone);
  });
});
