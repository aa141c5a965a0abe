import type { EventModel } from '../core/event-model.js';
import type { PlannedRecord } from '../core/planned-record.js';
import { valuesAt } from '../core/value-path.js';

/**
 * The foreign-key values of `records` that match no row of the model's dimension tables, as
 * `{ eventId, field, value }`. Malformed records are skipped: they carry no usable event.
 */
export function danglingForeignKeys(model: EventModel, records: Iterable<PlannedRecord>): Array<{ eventId: string; field: string; value: unknown }> {
  const keys = new Map(
    model.foreignKeys.map((fk) => {
      const table = model.dimensions.find((t) => t.name === fk.table);
      return [fk.path, new Set(table?.rows.map((row) => row[fk.column]))] as const;
    }),
  );
  const dangling: Array<{ eventId: string; field: string; value: unknown }> = [];
  for (const record of records) {
    if (record.kind === 'malformed') continue;
    for (const fk of model.foreignKeys) {
      for (const value of valuesAt(record.value, fk.path)) {
        if (!keys.get(fk.path)!.has(value)) dangling.push({ eventId: record.eventId, field: fk.path, value });
      }
    }
  }
  return dangling;
}
