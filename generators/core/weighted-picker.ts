import type { Prng } from './prng.js';

/**
 * Picks items with probability proportional to their weight, in O(log n) per pick (binary search on
 * cumulative weights). Immutable once built; the randomness comes from the `Prng` passed in.
 */
export class WeightedPicker<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new Error('WeightedPicker needs at least one entry');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0) || !Number.isFinite(weight)) throw new Error(`invalid weight ${weight}`);
      sum += weight;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new Error('WeightedPicker needs a positive total weight');
    this.total = sum;
  }

  /** From a `{ item: weight }` object, in key order. */
  static fromRecord<K extends string>(weights: Readonly<Record<K, number>>): WeightedPicker<K> {
    return new WeightedPicker(Object.entries(weights) as Array<[K, number]>);
  }

  pick(prng: Prng): T {
    const target = prng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
