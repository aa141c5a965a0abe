import type { Malformation } from '../core/planned-record.js';
import type { Prng } from '../core/prng.js';

/**
 * Breaks a value for DLQ practice, one of three ways chosen by the PRNG: `truncated` (the serialized
 * record is cut short, so it is not JSON or not decodable Avro), `missing-field` (a field removed)
 * or `wrong-type` (a field's value replaced by one of another type). Returns the value to serialize
 * (a modified copy; `value` is left alone) and what was done.
 */
export function malform(value: Readonly<Record<string, unknown>>, prng: Prng): { value: Record<string, unknown>; malformation: Malformation } {
  const fields = Object.keys(value);
  const roll = prng.int(0, 2);
  if (roll === 0 || fields.length === 0) return { value: { ...value }, malformation: { kind: 'truncated', keep: prng.between(0.1, 0.9) } };
  const field = prng.pick(fields);
  const copy = { ...value };
  if (roll === 1) {
    delete copy[field];
    return { value: copy, malformation: { kind: 'missing-field', field } };
  }
  copy[field] = wrongTypeFor(copy[field]);
  return { value: copy, malformation: { kind: 'wrong-type', field } };
}

function wrongTypeFor(current: unknown): unknown {
  if (typeof current === 'string') return 12345;
  if (typeof current === 'number') return 'not-a-number';
  if (typeof current === 'boolean') return 'maybe';
  if (current === null) return { unexpected: true };
  return 'not-an-object';
}
