import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import { parseDurationMs, parseOffsetFlag, parseTimeFlag, resolveStartOffset } from './start-offsets.js';

const p = { partition: 0, low: 10, high: 100 };

describe('resolveStartOffset', () => {
  it('earliest and latest are the log start and the end', () => {
    expect(resolveStartOffset({ kind: 'earliest' }, p)).toBe(10);
    expect(resolveStartOffset({ kind: 'latest' }, p)).toBe(100);
  });

  it('clamps an absolute offset into [low, high]', () => {
    expect(resolveStartOffset({ kind: 'offset', offset: 50 }, p)).toBe(50);
    expect(resolveStartOffset({ kind: 'offset', offset: 3 }, p)).toBe(10);
    expect(resolveStartOffset({ kind: 'offset', offset: 500 }, p)).toBe(100);
  });

  it('-N is N before the end, never before the log start', () => {
    expect(resolveStartOffset({ kind: 'from-end', count: 5 }, p)).toBe(95);
    expect(resolveStartOffset({ kind: 'from-end', count: 500 }, p)).toBe(10);
  });

  it('a time resolves to the offset Kafka found, or the end when no record is that late', () => {
    expect(resolveStartOffset({ kind: 'time', timestamp: 1 }, { ...p, atTime: 42 })).toBe(42);
    expect(resolveStartOffset({ kind: 'time', timestamp: 1 }, { ...p, atTime: -1 })).toBe(100);
    expect(resolveStartOffset({ kind: 'time', timestamp: 1 }, { ...p, atTime: null })).toBe(100);
  });

  it('shifts from the committed offset, or from the log start when nothing is committed', () => {
    expect(resolveStartOffset({ kind: 'shift', by: -5 }, { ...p, committed: 60 })).toBe(55);
    expect(resolveStartOffset({ kind: 'shift', by: 1000 }, { ...p, committed: 60 })).toBe(100);
    expect(resolveStartOffset({ kind: 'shift', by: 5 }, { ...p, committed: null })).toBe(15);
    expect(resolveStartOffset({ kind: 'shift', by: -5 }, { ...p, committed: -1 })).toBe(10);
  });

  it('committed uses the fallback where the group has committed nothing', () => {
    expect(resolveStartOffset({ kind: 'committed', fallback: 'earliest' }, { ...p, committed: 70 })).toBe(70);
    expect(resolveStartOffset({ kind: 'committed', fallback: 'earliest' }, { ...p, committed: null })).toBe(10);
    expect(resolveStartOffset({ kind: 'committed', fallback: 'latest' }, { ...p, committed: -1 })).toBe(100);
  });
});

describe('parseOffsetFlag', () => {
  it('reads the kcat spellings', () => {
    expect(parseOffsetFlag('beginning')).toEqual({ kind: 'earliest' });
    expect(parseOffsetFlag('earliest')).toEqual({ kind: 'earliest' });
    expect(parseOffsetFlag('end')).toEqual({ kind: 'latest' });
    expect(parseOffsetFlag('42')).toEqual({ kind: 'offset', offset: 42 });
    expect(parseOffsetFlag('-10')).toEqual({ kind: 'from-end', count: 10 });
  });

  it('refuses anything else with a hint', () => {
    expect(() => parseOffsetFlag('soon')).toThrow(ConfigError);
    expect(() => parseOffsetFlag('1.5')).toThrow(/not an offset/);
  });
});

describe('parseTimeFlag', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('reads ISO-8601 times and dates', () => {
    expect(parseTimeFlag('2025-01-31T12:00:00Z', now)).toBe(Date.parse('2025-01-31T12:00:00Z'));
    expect(parseTimeFlag('2025-01-31', now)).toBe(Date.parse('2025-01-31T00:00:00Z'));
  });

  it('reads epoch milliseconds', () => {
    expect(parseTimeFlag('1738324800000', now)).toBe(1738324800000);
  });

  it('reads a duration ago, with or without a minus', () => {
    expect(parseTimeFlag('15m', now)).toBe(now - 15 * 60_000);
    expect(parseTimeFlag('-1h30m', now)).toBe(now - 90 * 60_000);
    expect(parseTimeFlag('2d', now)).toBe(now - 2 * 86_400_000);
  });

  it('refuses what is not a time', () => {
    expect(() => parseTimeFlag('yesterday', now)).toThrow(ConfigError);
    expect(() => parseTimeFlag('2025-13-45', now)).toThrow(/not a time/);
  });

  it('parses durations', () => {
    expect(parseDurationMs('500ms')).toBe(500);
    expect(parseDurationMs('1.5s')).toBe(1500);
    expect(parseDurationMs('10')).toBeUndefined();
  });
});
