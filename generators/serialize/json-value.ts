import type { PlannedRecord } from '../core/planned-record.js';

/**
 * The JSON bytes of a record's value: `JSON.stringify` in the value's field order, cut short for a
 * `truncated` malformation (a proper prefix of a JSON object is never valid JSON).
 */
export function jsonValue(record: PlannedRecord): Buffer {
  const text = JSON.stringify(record.value);
  if (record.malformation?.kind !== 'truncated') return Buffer.from(text);
  const cut = Math.min(text.length - 1, Math.max(1, Math.floor(text.length * record.malformation.keep)));
  return Buffer.from(text.slice(0, cut));
}
