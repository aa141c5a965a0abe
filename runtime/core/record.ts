/**
 * Records as Kafka Connect sees them, immutable. Values are "Connect data": JSON-like values
 * (null, boolean, number, string, arrays, plain objects), `Uint8Array`/`Buffer` for bytes, and
 * `Date` for timestamps; an optional schema describes them when a converter provides one.
 * Transforms and converters never mutate a record: they return a new one (or null to drop it).
 */
export type ConnectValue = null | boolean | number | bigint | string | Date | Uint8Array | ConnectValue[] | { [field: string]: ConnectValue };

/** A Connect schema (the shape of JsonConverter's `schema` envelope). */
export interface ConnectSchema {
  type: 'int8' | 'int16' | 'int32' | 'int64' | 'float32' | 'float64' | 'boolean' | 'string' | 'bytes' | 'array' | 'map' | 'struct';
  optional?: boolean;
  name?: string;
  version?: number;
  doc?: string;
  parameters?: Record<string, string>;
  default?: ConnectValue;
  /** struct fields, in order */
  fields?: (ConnectSchema & { field: string })[];
  /** array element / map value schema */
  items?: ConnectSchema;
  keys?: ConnectSchema;
  values?: ConnectSchema;
}

export interface RecordHeader {
  key: string;
  value: ConnectValue;
}

export interface SandboxRecord {
  readonly topic: string;
  /** Null when not yet assigned (a source record before it is sent). */
  readonly partition: number | null;
  readonly key: ConnectValue;
  readonly keySchema?: ConnectSchema | undefined;
  readonly value: ConnectValue;
  readonly valueSchema?: ConnectSchema | undefined;
  /** Milliseconds since the epoch, or null. */
  readonly timestamp: number | null;
  readonly headers: readonly RecordHeader[];
}

/** A record read from Kafka by a sink task. */
export interface SinkRecord extends SandboxRecord {
  readonly kafkaOffset: number;
  readonly timestampType?: 'CreateTime' | 'LogAppendTime' | 'NoTimestampType';
}

/** A record produced by a source task, with where it came from so the task can resume. */
export interface SourceRecord extends SandboxRecord {
  readonly sourcePartition: Readonly<Record<string, ConnectValue>>;
  readonly sourceOffset: Readonly<Record<string, ConnectValue>>;
}

/** A copy of `record` with some fields replaced; the input is never mutated. */
export function withChanges<R extends SandboxRecord>(record: R, changes: Partial<SandboxRecord>): R {
  return Object.freeze({ ...record, ...changes }) as R;
}
