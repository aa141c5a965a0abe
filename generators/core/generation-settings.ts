import type { DisorderRates } from '../disorder/disorder-plan.js';
import type { ModelOptions } from './event-model.js';
import type { Burst } from './rate-schedule.js';

/**
 * Everything that determines a run's records. Two runs with equal settings (and the same generator)
 * produce byte-identical records; the ledger repeats these settings so a run can be replayed.
 */
export interface GenerationSettings {
  readonly seed: string;
  /** Event time of the first event, epoch ms. */
  readonly startTime: number;
  /** Logical events (duplicates come on top, malformed records replace events). */
  readonly count: number;
  /** Events per second of event time; a paced runner also sends at this rate. */
  readonly rate: number;
  readonly burst?: Burst;
  readonly maxLatenessMs: number;
  readonly disorder: DisorderRates;
  readonly topic: string;
  readonly model: ModelOptions;
}
