import type { Malformation } from '../core/planned-record.js';

/** Counts of one group of records (a topic, a key, an event type). */
export interface RecordCounts {
  /** Records sent: events, duplicates and malformed records. */
  records: number;
  /** Distinct valid events (not malformed; a duplicated event counts once). */
  events: number;
}

/**
 * The manifest of a run, what scenario assertions compare sinks against. Everything except `run`
 * follows from the generator and its settings: two runs with the same seed and start time have
 * equal ledgers (and equal `checksum`s) apart from `run`.
 */
export interface Ledger {
  readonly version: 1;
  readonly generator: string;
  readonly seed: string;
  /** ISO-8601 event time of the first event. */
  readonly startTime: string;
  /** The settings that produced the records, enough to replay the run. */
  readonly settings: Record<string, unknown>;
  /** False when the run stopped early (Ctrl-C, an error): the counts are then what was acknowledged. */
  readonly complete: boolean;
  /** What the full run produces: `count` events and `records` records. */
  readonly planned: { readonly events: number; readonly records: number };
  readonly totals: {
    readonly records: number;
    readonly events: number;
    readonly duplicates: number;
    readonly malformed: number;
    readonly late: number;
    readonly orphans: number;
  };
  readonly topics: Readonly<Record<string, RecordCounts>>;
  readonly eventTypes: Readonly<Record<string, RecordCounts>>;
  readonly keys: Readonly<Record<string, RecordCounts>>;
  /** Rows written per dimension table. */
  readonly dimensions: Readonly<Record<string, number>>;
  /** Ids of the distinct valid events, in the order they were first sent. */
  readonly eventIds: readonly string[];
  /** Ids of the events sent twice (each once here). */
  readonly duplicates: readonly string[];
  readonly late: readonly string[];
  readonly malformed: ReadonlyArray<{ readonly eventId: string; readonly key: string; readonly malformation: Malformation }>;
  readonly orphans: ReadonlyArray<{ readonly eventId: string; readonly field: string; readonly value: unknown }>;
  /** `sha256:` over every record sent (topic, key, timestamp, headers, JSON value), in send order. */
  readonly checksum: string;
  /** Facts of this execution (wall-clock times, where it went); differ between identical runs. */
  readonly run?: Readonly<Record<string, unknown>>;
}
