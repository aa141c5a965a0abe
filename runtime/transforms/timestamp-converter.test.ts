import { describe, expect, it } from 'vitest';
import { sinkRecord, struct, transform } from './test-helpers.js';

const DATE = Date.UTC(2017, 0, 1); // 2017-01-01
const TIME = 4 * 3600_000; // 04:00:00
const TS = DATE + TIME; // 2017-01-01T04:00:00Z

describe('TimestampConverter', () => {
  it("Confluent docs' example: a unix field to yyyy-MM-dd strings", () => {
    const t = transform('org.apache.kafka.connect.transforms.TimestampConverter$Value', { field: 'event_date_long', 'target.type': 'string', format: 'yyyy-MM-dd' });
    expect(t(sinkRecord({ value: { event_date_long: TS, other: 1 } }))?.value).toEqual({ event_date_long: '2017-01-01', other: 1 });
  });

  it('schemaless whole values: every source type to every target type (Kafka test style)', () => {
    const to = (target: string, value: unknown, extra: Record<string, string> = {}) => transform('TimestampConverter$Value', { 'target.type': target, format: "yyyy MM dd HH mm ss SSS z", ...extra })(sinkRecord({ value: value as never }))?.value;
    expect(to('Timestamp', TS)).toEqual(new Date(TS));
    expect(to('Date', new Date(TS))).toEqual(new Date(DATE));
    expect(to('Time', new Date(TS))).toEqual(new Date(TIME));
    expect(to('unix', new Date(TS))).toBe(TS);
    expect(to('string', new Date(TS))).toBe('2017 01 01 04 00 00 000 UTC');
    expect(to('Timestamp', '2017 01 01 04 00 00 000 UTC')).toEqual(new Date(TS));
    expect(to('unix', new Date(TS), { 'unix.precision': 'seconds' })).toBe(TS / 1000);
    expect(to('Timestamp', TS / 1000, { 'unix.precision': 'seconds' })).toEqual(new Date(TS));
    expect(to('unix', new Date(TS), { 'unix.precision': 'nanoseconds' })).toBe(BigInt(TS) * 1_000_000n);
    expect(to('Timestamp', TS * 1000, { 'unix.precision': 'microseconds' })).toEqual(new Date(TS));
    expect(to('Timestamp', null)).toBeNull();
  });

  it('with a schema: the field schema becomes the target type schema', () => {
    const schema = struct({ ts: { type: 'int64', optional: true }, other: { type: 'string' } }, { name: 'n' });
    const out = transform('TimestampConverter$Value', { field: 'ts', 'target.type': 'Timestamp' })(sinkRecord({ value: { ts: TS, other: 'x' }, valueSchema: schema }))!;
    expect(out.valueSchema).toEqual(struct({ ts: { type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp', version: 1, optional: true }, other: { type: 'string' } }, { name: 'n' }));
    expect(out.value).toEqual({ ts: new Date(TS), other: 'x' });
    const whole = transform('TimestampConverter$Key', { 'target.type': 'string', format: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" })(sinkRecord({ key: new Date(TS), keySchema: { type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp', version: 1 } }))!;
    expect([whole.key, whole.keySchema]).toEqual(['2017-01-01T04:00:00.000Z', { type: 'string' }]);
  });

  it('bad input and config', () => {
    expect(() => transform('TimestampConverter$Value', { 'target.type': 'string' })).toThrow(/requires format option/);
    expect(() => transform('TimestampConverter$Value', { 'target.type': 'epoch' })).toThrow(/String must be one of: string, unix, Date, Time, Timestamp/);
    expect(() => transform('TimestampConverter$Value', { 'target.type': 'string', format: 'yyyy-bb' })).toThrow(/Illegal pattern character 'b'/);
    expect(() => transform('TimestampConverter$Value', { 'target.type': 'Timestamp', format: 'yyyy-MM-dd' })(sinkRecord({ value: 'nope' }))).toThrow(/Could not parse timestamp: value \(nope\) does not match pattern \(yyyy-MM-dd\)/);
    expect(() => transform('TimestampConverter$Value', { 'target.type': 'unix' })(sinkRecord({ value: 1.5 }))).toThrow(/does not support number/);
  });
});
