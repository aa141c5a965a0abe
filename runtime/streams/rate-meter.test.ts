import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate-meter.js';

describe('RateMeter', () => {
  it('gives records per second over the interval since the previous sample', () => {
    const meter = new RateMeter(1_000);
    expect(meter.sample(6_000, { input: 500, output: 250 })).toEqual({ inputRate: 100, outputRate: 50 });
    expect(meter.sample(8_000, { input: 700, output: 250 })).toEqual({ inputRate: 100, outputRate: 0 });
  });

  it('is zero when no time has passed, and never negative', () => {
    const meter = new RateMeter(0, { input: 10, output: 10 });
    expect(meter.sample(0, { input: 20, output: 20 })).toEqual({ inputRate: 0, outputRate: 0 });
    expect(meter.sample(1_000, { input: 5, output: 5 })).toEqual({ inputRate: 0, outputRate: 0 });
  });
});
