import { SchemaViolation } from './stream-record.js';

/** A field type: `string`, `number`, `object`, and `?` for nullable (`string?`). */
export type FieldType = 'string' | 'number' | 'object' | 'string?' | 'number?' | 'object?';

/**
 * Checks that `value` is an object with every field of `shape` and of the right type, else throws
 * a SchemaViolation naming the field: the record then goes to the DLQ with that reason.
 */
export function requireShape<T>(value: unknown, shape: Readonly<Record<string, FieldType>>): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SchemaViolation('schema-violation', 'value is not a JSON object');
  const object = value as Record<string, unknown>;
  for (const [field, type] of Object.entries(shape)) {
    const nullable = type.endsWith('?');
    const base = nullable ? type.slice(0, -1) : type;
    const actual = object[field];
    if (actual === undefined) throw new SchemaViolation('schema-violation', `field "${field}" is missing`);
    if (actual === null && nullable) continue;
    const actualType = actual === null ? 'null' : Array.isArray(actual) ? 'array' : typeof actual;
    if (actualType !== base) throw new SchemaViolation('schema-violation', `field "${field}" must be ${nullable ? `${base} or null` : base}, got ${actualType}`);
  }
  return value as T;
}

/** Event time from an ISO-8601 field; throws a SchemaViolation when it does not parse. */
export function isoTime(text: string, field = 'timestamp'): number {
  const t = Date.parse(text);
  if (!Number.isFinite(t)) throw new SchemaViolation('missing-event-time', `field "${field}" is not an ISO-8601 time: ${JSON.stringify(text).slice(0, 60)}`);
  return t;
}
