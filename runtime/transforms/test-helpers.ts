import type { ConnectSchema, ConnectValue, RecordHeader, SinkRecord, SourceRecord } from '../core/record.js';
import { createTransformChain, type TransformChain } from './transform-registry.js';

/** A frozen sink record for tests; every field can be overridden. */
export function sinkRecord(changes: Partial<Omit<SinkRecord, 'headers'>> & { headers?: RecordHeader[] } = {}): SinkRecord {
  return Object.freeze({ topic: 'test', partition: 0, key: null, value: null, timestamp: 1_700_000_000_000, headers: [], kafkaOffset: 42, ...changes });
}

/** A frozen source record for tests. */
export function sourceRecord(changes: Partial<Omit<SourceRecord, 'headers'>> & { headers?: RecordHeader[] } = {}): SourceRecord {
  return Object.freeze({ topic: 'test', partition: null, key: null, value: null, timestamp: 1_700_000_000_000, headers: [], sourcePartition: {}, sourceOffset: {}, ...changes });
}

/** A one-transform chain: `type` plus its keys, as `transforms.t.*`. */
export function transform(type: string, keys: Record<string, string | number | boolean> = {}): TransformChain {
  const config: Record<string, unknown> = { transforms: 't', 'transforms.t.type': type };
  for (const [key, value] of Object.entries(keys)) config[`transforms.t.${key}`] = value;
  return createTransformChain(config);
}

/** Struct schema shorthand: `struct({ id: { type: 'int32' } }, { name: 'x' })`. */
export function struct(fields: Record<string, ConnectSchema>, extra: Partial<ConnectSchema> = {}): ConnectSchema {
  return { type: 'struct', fields: Object.entries(fields).map(([field, schema]) => ({ ...schema, field })), ...extra };
}

/** Deep-freezes a value so a test fails if a transform mutates its input. */
export function frozen<T extends ConnectValue>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    for (const v of Object.values(value)) frozen(v as ConnectValue);
    Object.freeze(value);
  }
  return value;
}
