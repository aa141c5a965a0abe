import { describe, expect, it } from 'vitest';
import { javaFullMatchRegex, javaReplacement } from './java-regex.js';
import { sinkRecord, transform } from './test-helpers.js';

describe('RegexRouter', () => {
  it("Kafka/Confluent docs' examples: strip a prefix, add a prefix, reorder with groups", () => {
    const route = (regex: string, replacement: string, topic: string) => transform('org.apache.kafka.connect.transforms.RegexRouter', { regex, replacement })(sinkRecord({ topic }))?.topic;
    expect(route('soe-(.*)', '$1', 'soe-Order')).toBe('Order');
    expect(route('(.*)', 'mysql-$1', 'orders')).toBe('mysql-orders');
    expect(route('(.*)-(\\d)', '$2-$1', 'orders-2')).toBe('2-orders');
    expect(route('(?<t>.*)_raw', '${t}_clean', 'users_raw')).toBe('users_clean');
    expect(route('orders', 'x', 'orders-2')).toBe('orders-2'); // whole-name match only
  });

  it('keeps the rest of the record; invalid regex or replacement is refused', () => {
    const input = sinkRecord({ topic: 'a', value: { x: 1 } });
    expect(transform('RegexRouter', { regex: 'a', replacement: 'b' })(input)).toEqual({ ...input, topic: 'b' });
    expect(() => transform('RegexRouter', { regex: '(', replacement: 'b' })).toThrow(/Invalid regex/);
    expect(() => transform('RegexRouter', { regex: 'a', replacement: '$x' })).toThrow(/Illegal group reference/);
  });

  it('translates Java regex features', () => {
    expect(javaFullMatchRegex('(?i)ABC').test('abc')).toBe(true);
    expect(javaFullMatchRegex('\\Qa.b\\E').test('a.b')).toBe(true);
    expect(javaFullMatchRegex('\\Qa.b\\E').test('axb')).toBe(false);
    expect(javaFullMatchRegex('a++b').test('aab')).toBe(true);
    expect(javaFullMatchRegex('\\p{Alpha}+').test('abc')).toBe(true);
    expect(javaReplacement('\\$1 costs $1')).toBe('$$1 costs $1');
  });
});
