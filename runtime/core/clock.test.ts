import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from './clock.js';

describe('ManualClock', () => {
  it('moves only when advanced, set or slept on, and records the sleeps', async () => {
    const clock = new ManualClock(1_000);
    clock.advance(500);
    await clock.sleep(250);
    await clock.sleep(0);
    expect(clock.now()).toBe(1_750);
    expect(clock.sleeps).toEqual([250]);
    clock.set(10);
    expect(clock.now()).toBe(10);
  });
});

describe('systemClock', () => {
  it('sleeps until aborted, and not at all for ms <= 0', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
    await systemClock.sleep(0);
    expect(systemClock.now()).toBeGreaterThan(0);
  });
});
