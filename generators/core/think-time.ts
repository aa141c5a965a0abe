import type { Prng } from './prng.js';

/** A think time between `minMs` and `maxMs`, log-uniform: many short pauses, a few long ones. */
export function thinkTime(prng: Prng, minMs: number, maxMs: number): number {
  return Math.round(Math.exp(prng.between(Math.log(minMs), Math.log(maxMs))));
}
