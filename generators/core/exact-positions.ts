import type { Prng } from './prng.js';

/** How many of `total` events a rate selects: exactly `round(total * rate)`, never a probability. */
export function exactCount(total: number, rate: number): number {
  return Math.round(total * rate);
}

/**
 * A sorted set of event positions, queried by binary search. Immutable.
 */
export class PositionSet {
  static readonly empty = new PositionSet(new Uint32Array(0));

  constructor(private readonly sorted: Uint32Array) {}

  get size(): number {
    return this.sorted.length;
  }

  has(position: number): boolean {
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = sorted[mid] as number;
      if (value === position) return true;
      if (value < position) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** The positions in ascending order (a copy). */
  toArray(): number[] {
    return Array.from(this.sorted);
  }
}

/**
 * Picks exactly `k` distinct positions of `[0, n)`, uniformly, leaving out `excluded`. Robert
 * Floyd's sampling over the positions that remain, so memory and time are O(k log k), not O(n):
 * a million-event run does not allocate a million-entry shuffle.
 */
export function choosePositions(prng: Prng, n: number, k: number, excluded: PositionSet = PositionSet.empty): PositionSet {
  const available = n - excluded.size;
  if (k < 0 || k > available) throw new RangeError(`cannot choose ${k} of ${available} positions`);
  const chosen = new Set<number>();
  for (let j = available - k; j < available; j++) {
    const t = prng.int(0, j);
    chosen.add(chosen.has(t) ? j : t);
  }
  const compressed = Uint32Array.from(chosen).sort();
  const skip = excluded.toArray();
  const result = new Uint32Array(compressed.length);
  // Map the i-th remaining position back to its real position, walking both sorted lists once.
  let e = 0;
  compressed.forEach((c, i) => {
    let position = c + e;
    while (e < skip.length && (skip[e] as number) <= position) {
      e++;
      position = c + e;
    }
    result[i] = position;
  });
  return new PositionSet(result);
}
