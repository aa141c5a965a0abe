/** A record as a stream job reads it from Kafka: raw bytes, before parsing. */
export interface InputRecord {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offset, as kafkajs gives it (a decimal string). */
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  /** The Kafka record timestamp (ms). */
  readonly timestamp: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** A record a job produces; `value` is already serialized (JSON text, or the raw bytes of a DLQ record) or null for a tombstone. */
export interface OutputRecord {
  readonly topic: string;
  readonly key: string | null;
  readonly value: string | Buffer | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** Kafka timestamp; the event time of what the record is about. */
  readonly timestamp?: number;
}

/**
 * Thrown by a source's `parse` when a record is not what the job expects; the record goes to the
 * DLQ with `reason` in its headers and the job carries on.
 */
export class SchemaViolation extends Error {
  constructor(readonly reason: 'malformed' | 'schema-violation' | 'missing-event-time', message: string) {
    super(message);
    this.name = 'SchemaViolation';
  }
}

/** Header prefix of DLQ and late records, in the spirit of Connect's `__connect.errors.`. */
export const ERROR_HEADER = '__streams.errors.';
