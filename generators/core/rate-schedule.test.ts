import { describe, expect, it } from 'vitest';
import { parseBurst, RateSchedule } from './rate-schedule.js';

describe('RateSchedule', () => {
  it('spaces a steady rate evenly', () => {
    const schedule = new RateSchedule(100);
    expect([0, 1, 99, 100].map((i) => schedule.offsetMs(i))).toEqual([0, 10, 990, 1000]);
    expect(schedule.countWithin(60_000)).toBe(6000);
    expect(new RateSchedule(3).countWithin(1000)).toBe(3);
  });

  it('runs bursts at the end of each period at factor times the rate', () => {
    // 10/s for 50 s, then 50/s for 10 s: 500 + 500 events per minute.
    const schedule = new RateSchedule(10, { factor: 5, lengthMs: 10_000, everyMs: 60_000 });
    expect(schedule.countWithin(60_000)).toBe(1000);
    expect(schedule.countWithin(50_000)).toBe(500);
    expect(schedule.offsetMs(499)).toBeCloseTo(49_900);
    expect(schedule.offsetMs(500)).toBeCloseTo(50_000);
    expect(schedule.offsetMs(501)).toBeCloseTo(50_020);
    expect(schedule.offsetMs(1000)).toBeCloseTo(60_000);
    for (let i = 1; i < 3000; i++) expect(schedule.offsetMs(i)).toBeGreaterThan(schedule.offsetMs(i - 1));
  });

  it('countWithin agrees with offsetMs', () => {
    const schedule = new RateSchedule(7, { factor: 3, lengthMs: 2_500, everyMs: 9_000 });
    for (const d of [0, 1, 999, 6_500, 9_000, 17_777, 123_456]) {
      const n = schedule.countWithin(d);
      if (n > 0) expect(schedule.offsetMs(n - 1)).toBeLessThan(d);
      expect(schedule.offsetMs(n)).toBeGreaterThanOrEqual(d - 1e-6);
    }
  });

  it('parses bursts, and explains bad ones', () => {
    expect(parseBurst('5x10s/60s')).toEqual({ factor: 5, lengthMs: 10_000, everyMs: 60_000 });
    expect(parseBurst('2.5x500ms/2s')).toEqual({ factor: 2.5, lengthMs: 500, everyMs: 2000 });
    expect(parseBurst('5x')).toMatch(/FACTORxLENGTH\/EVERY/);
    expect(parseBurst('5x60s/10s')).toMatch(/shorter than its period/);
  });
});
