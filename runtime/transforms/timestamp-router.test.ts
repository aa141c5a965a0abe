import { describe, expect, it } from 'vitest';
import { javaDateFormat } from './java-date-format.js';
import { sinkRecord, transform } from './test-helpers.js';

describe('TimestampRouter', () => {
  it('defaults: ${topic}-${timestamp} with yyyyMMdd', () => {
    expect(transform('org.apache.kafka.connect.transforms.TimestampRouter')(sinkRecord({ topic: 'test', timestamp: Date.UTC(2017, 0, 1, 23) }))?.topic).toBe('test-20170101');
  });

  it("Confluent docs' example: foo-${topic}-${timestamp} with YYYYMM", () => {
    const t = transform('TimestampRouter', { 'topic.format': 'foo-${topic}-${timestamp}', 'timestamp.format': 'YYYYMM' });
    expect(t(sinkRecord({ topic: 'bar', timestamp: Date.UTC(2021, 5, 15) }))?.topic).toBe('foo-bar-202106');
  });

  it('a record without a timestamp is a DataException', () => {
    expect(() => transform('TimestampRouter')(sinkRecord({ timestamp: null }))).toThrow(/Timestamp missing on record/);
  });
});

describe('SimpleDateFormat translation', () => {
  const d = new Date(Date.UTC(2024, 1, 5, 13, 4, 9, 7));
  it('formats common patterns in UTC', () => {
    expect(javaDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").format(d)).toBe('2024-02-05T13:04:09.007Z');
    expect(javaDateFormat('EEE, d MMM yyyy hh:mm a Z').format(d)).toBe('Mon, 5 Feb 2024 01:04 PM +0000');
    expect(javaDateFormat("EEEE MMMM yy D '''x'''").format(d)).toBe("Monday February 24 36 'x'");
    expect(javaDateFormat('YYYY ww').format(new Date(Date.UTC(2024, 11, 30)))).toBe('2025 01');
  });
  it('parses leniently (trailing text ignored), with offsets', () => {
    expect(javaDateFormat('yyyy-MM-dd HH:mm:ss').parse('2024-02-05 13:04:09').getTime()).toBe(Date.UTC(2024, 1, 5, 13, 4, 9));
    expect(javaDateFormat('yyyyMMdd').parse('20240205').getTime()).toBe(Date.UTC(2024, 1, 5));
    expect(javaDateFormat("yyyy-MM-dd'T'HH:mmXXX").parse('2024-02-05T13:04+02:00').getTime()).toBe(Date.UTC(2024, 1, 5, 11, 4));
    expect(javaDateFormat('dd MMM yyyy').parse('05 feb 2024 and more').getTime()).toBe(Date.UTC(2024, 1, 5));
    expect(() => javaDateFormat('yyyy-MM-dd').parse('nope')).toThrow(/Unparseable date/);
  });
});
