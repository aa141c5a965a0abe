import { choosePositions, exactCount, PositionSet } from '../core/exact-positions.js';
import { Prng } from '../core/prng.js';

/** The disorder knobs of a run, each a fraction of its events. */
export interface DisorderRates {
  readonly lateRate: number;
  readonly duplicateRate: number;
  readonly malformedRate: number;
  readonly orphanRate: number;
}

/**
 * Which events of a run get which disorder, fixed before the first event: each knob selects exactly
 * `round(count * rate)` events. Malformed events are chosen first; late, duplicated and orphaned
 * events are chosen among the others (a malformed record carries no usable event to delay, repeat
 * or orphan). Each knob has its own PRNG stream, so changing one leaves the others' picks alone.
 */
export interface DisorderPlan {
  readonly malformed: PositionSet;
  readonly late: PositionSet;
  readonly duplicates: PositionSet;
  readonly orphans: PositionSet;
}

/** Problems with a set of rates for `count` events, as messages; empty when the plan is possible. */
export function disorderProblems(count: number, rates: DisorderRates): string[] {
  const problems: string[] = [];
  const malformed = exactCount(count, rates.malformedRate);
  for (const [name, rate] of [['--late-rate', rates.lateRate], ['--duplicate-rate', rates.duplicateRate], ['--orphan-rate', rates.orphanRate]] as const) {
    if (exactCount(count, rate) + malformed > count)
      problems.push(`${name} ${rate} plus --malformed-rate ${rates.malformedRate} exceed all ${count} events (they apply to different events)`);
  }
  return problems;
}

export function planDisorder(seed: string, count: number, rates: DisorderRates): DisorderPlan {
  const malformed = choosePositions(Prng.derive(seed, 'plan', 'malformed'), count, exactCount(count, rates.malformedRate));
  const pick = (label: string, rate: number) => choosePositions(Prng.derive(seed, 'plan', label), count, exactCount(count, rate), malformed);
  return {
    malformed,
    late: pick('late', rates.lateRate),
    duplicates: pick('duplicates', rates.duplicateRate),
    orphans: pick('orphans', rates.orphanRate),
  };
}
