/** How a malformed record is broken: not JSON at all, or JSON that violates the value schema. */
export type Malformation =
  | { readonly kind: 'truncated'; /** Fraction of the serialized value kept, in (0, 1). */ readonly keep: number }
  | { readonly kind: 'missing-field'; readonly field: string }
  | { readonly kind: 'wrong-type'; readonly field: string };

/**
 * One record of a run, in send order, before serialization. Plain immutable data: the pure core
 * produces these, the ledger counts them, serializers turn them into bytes, sinks send them.
 */
export interface PlannedRecord {
  /** Position in send order, from 0. */
  readonly sequence: number;
  /** Index of the logical event it carries, from 0 (a duplicate shares it with its original). */
  readonly slot: number;
  readonly topic: string;
  readonly key: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Event time, epoch ms: the Kafka record timestamp and the value's own timestamp. */
  readonly timestamp: number;
  /** Processing time as an offset from the run's start: a paced runner sends it no earlier. */
  readonly dueOffsetMs: number;
  readonly eventId: string;
  readonly eventType: string;
  /** `duplicate`: a second copy of an event already sent; `malformed`: an unusable record. */
  readonly kind: 'event' | 'duplicate' | 'malformed';
  /** Sent after records with later event times (by up to the maximum lateness). */
  readonly late: boolean;
  /** Set when a foreign key was replaced by a value no dimension row has. */
  readonly orphan?: { readonly field: string; readonly value: unknown };
  /** The value; for `missing-field` and `wrong-type` already broken accordingly. */
  readonly value: Readonly<Record<string, unknown>>;
  readonly malformation?: Malformation;
}
