import { describe, expect, it } from 'vitest';
import { frozen, sinkRecord, struct, transform } from './test-helpers.js';

describe('Cast', () => {
  it('schemaless fields, Kafka test style: int8/int16/int32/int64/float32/float64/boolean/string', () => {
    const t = transform('org.apache.kafka.connect.transforms.Cast$Value', { spec: 'int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,float64:boolean,boolean:int8,string:int32,bigint:int8,bytes:string' });
    const value = frozen({ int8: 8, int16: 16, int32: 32, int64: 64, float32: 32.5, float64: 0.5, boolean: true, string: '42', bigint: 300, bytes: Buffer.from('hi') });
    expect(t(sinkRecord({ value }))?.value).toEqual({ int8: 8, int16: 16, int32: 32, int64: true, float32: 32.5, float64: false, boolean: 1, string: 42, bigint: 44, bytes: 'aGk=' });
  });

  it('whole value casts, with and without a schema', () => {
    expect(transform('Cast$Value', { spec: 'int8' })(sinkRecord({ value: 42 }))?.value).toBe(42);
    expect(transform('Cast$Value', { spec: 'string' })(sinkRecord({ value: 42 }))?.value).toBe('42');
    const out = transform('Cast$Key', { spec: 'int32' })(sinkRecord({ key: 42, keySchema: { type: 'int64', name: 'k', optional: true } }))!;
    expect([out.key, out.keySchema]).toEqual([42, { type: 'int32', name: 'k', optional: true }]);
    expect(transform('Cast$Value', { spec: 'string' })(sinkRecord({ value: 1.0, valueSchema: { type: 'float64' } }))?.value).toBe('1.0');
    expect(transform('Cast$Value', { spec: 'string' })(sinkRecord({ value: 1e20, valueSchema: { type: 'float64' } }))?.value).toBe('1.0E20');
  });

  it('with a schema: field schemas change, optionality and defaults kept; logical types', () => {
    const schema = struct({
      id: { type: 'int64' },
      score: { type: 'int32', optional: true, default: 5 },
      ts: { type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp', version: 1 },
      day: { type: 'int32', name: 'org.apache.kafka.connect.data.Date', version: 1 },
      other: { type: 'string' },
    }, { name: 'r' });
    const t = transform('Cast$Value', { spec: 'id:string,score:float64,ts:int64,day:string' });
    const out = t(sinkRecord({ value: { id: 46920, score: null, ts: new Date(1234), day: new Date(86_400_000 * 3), other: 'x' }, valueSchema: schema }))!;
    expect(out.valueSchema).toEqual(struct({
      id: { type: 'string' },
      score: { type: 'float64', optional: true, default: 5 },
      ts: { type: 'int64' },
      day: { type: 'string' },
      other: { type: 'string' },
    }, { name: 'r' }));
    expect(out.value).toEqual({ id: '46920', score: 5, ts: 1234, day: '1970-01-04', other: 'x' });
  });

  it('narrowing wraps like Java; parsing is strict and range-checked', () => {
    expect(transform('Cast$Value', { spec: 'int8' })(sinkRecord({ value: 200 }))?.value).toBe(-56);
    expect(transform('Cast$Value', { spec: 'int32' })(sinkRecord({ value: 3.9 }))?.value).toBe(3);
    expect(transform('Cast$Value', { spec: 'boolean' })(sinkRecord({ value: 'TRUE' }))?.value).toBe(true);
    expect(transform('Cast$Value', { spec: 'boolean' })(sinkRecord({ value: 'yes' }))?.value).toBe(false);
    expect(() => transform('Cast$Value', { spec: 'int8' })(sinkRecord({ value: '300' }))).toThrow(/Value \(300\) was out of range/);
    expect(() => transform('Cast$Value', { spec: 'int32' })(sinkRecord({ value: Buffer.from('x'), valueSchema: { type: 'bytes' } }))).toThrow(/Unexpected type in Cast/);
    expect(() => transform('Cast$Value', { spec: 'string' })(sinkRecord({ value: [1], valueSchema: { type: 'array', items: { type: 'int32' } } }))).toThrow(/does not support casting from ARRAY/);
  });

  it('config: bad types and mixed whole/field specs are refused', () => {
    expect(() => transform('Cast$Value', { spec: 'a:array' })).toThrow(/does not support casting to ARRAY/);
    expect(() => transform('Cast$Value', { spec: 'a:nope' })).toThrow(/Invalid type found in casting spec: nope/);
    expect(() => transform('Cast$Value', { spec: 'int8,a:int16' })).toThrow(/may ony specify a single cast/);
    expect(() => transform('Cast$Value', { spec: '' })).toThrow(/Must specify at least one field to cast/);
  });

  it('null values pass unchanged', () => {
    const tombstone = sinkRecord();
    expect(transform('Cast$Value', { spec: 'int8' })(tombstone)).toBe(tombstone);
  });
});
