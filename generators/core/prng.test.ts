import { describe, expect, it } from 'vitest';
import { Prng } from './prng.js';

describe('Prng', () => {
  it('gives the same sequence for the same seed and label, another for another label', () => {
    const take = (p: Prng) => Array.from({ length: 5 }, () => p.nextUint32());
    expect(take(Prng.derive('42', 'a'))).toEqual(take(Prng.derive('42', 'a')));
    expect(take(Prng.derive('42', 'a'))).not.toEqual(take(Prng.derive('42', 'b')));
    expect(take(Prng.derive('42', 'a'))).not.toEqual(take(Prng.derive('43', 'a')));
    // Labels are separated, not concatenated.
    expect(take(Prng.derive('4', '2a'))).not.toEqual(take(Prng.derive('42', 'a')));
  });

  it('stays within its ranges and covers them', () => {
    const prng = Prng.derive('range');
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const n = prng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      seen.add(n);
      const f = prng.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(prng.hex(13)).toMatch(/^[0-9a-f]{13}$/);
  });

  it('is roughly uniform', () => {
    const prng = Prng.derive('uniform');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(prng.float() * 10)]!++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});
