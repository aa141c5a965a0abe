import { describe, expect, it } from 'vitest';
import { choosePositions, exactCount, PositionSet } from './exact-positions.js';
import { Prng } from './prng.js';

describe('exact positions', () => {
  it('a 1% rate over 100,000 events is exactly 1,000 events', () => {
    expect(exactCount(100_000, 0.01)).toBe(1000);
    expect(exactCount(10, 0.05)).toBe(1);
    expect(exactCount(10, 0)).toBe(0);
    const chosen = choosePositions(Prng.derive('x'), 100_000, 1000);
    expect(chosen.size).toBe(1000);
    const list = chosen.toArray();
    expect(new Set(list).size).toBe(1000);
    expect(list).toEqual([...list].sort((a, b) => a - b));
    expect(Math.min(...list)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...list)).toBeLessThan(100_000);
  });

  it('never chooses an excluded position, and can choose all the others', () => {
    const excluded = choosePositions(Prng.derive('e'), 50, 20);
    const rest = choosePositions(Prng.derive('r'), 50, 30, excluded);
    expect(rest.size).toBe(30);
    for (const p of rest.toArray()) expect(excluded.has(p)).toBe(false);
    expect(new Set([...rest.toArray(), ...excluded.toArray()]).size).toBe(50);
    expect(() => choosePositions(Prng.derive('r'), 50, 31, excluded)).toThrow(RangeError);
  });

  it('is deterministic and spreads over the whole run', () => {
    const a = choosePositions(Prng.derive('s'), 10_000, 500).toArray();
    expect(choosePositions(Prng.derive('s'), 10_000, 500).toArray()).toEqual(a);
    const firstHalf = a.filter((p) => p < 5000).length;
    expect(firstHalf).toBeGreaterThan(200);
    expect(firstHalf).toBeLessThan(300);
  });

  it('PositionSet.has answers by binary search', () => {
    const set = new PositionSet(Uint32Array.from([2, 5, 9]));
    expect([0, 2, 3, 5, 9, 10].map((p) => set.has(p))).toEqual([false, true, false, true, true, false]);
    expect(PositionSet.empty.has(0)).toBe(false);
  });
});
