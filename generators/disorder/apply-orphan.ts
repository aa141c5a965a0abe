import type { EventModel, ModelEvent } from '../core/event-model.js';
import type { Prng } from '../core/prng.js';
import { setFirstAt, valuesAt } from '../core/value-path.js';

/**
 * Replaces one of the event's foreign keys (chosen among those it has) with a value that no
 * dimension row has, on a deep copy; the key follows when the key field was the one replaced.
 */
export function applyOrphan(
  model: EventModel,
  event: ModelEvent,
  n: number,
  prng: Prng,
): { key: string; value: Record<string, unknown>; orphan: { field: string; value: unknown } } {
  const present = model.foreignKeys.filter((fk) => valuesAt(event.value, fk.path).length > 0);
  if (present.length === 0) throw new Error('an orphan needs an event with a foreign key');
  const foreignKey = prng.pick(present);
  const replacement = model.orphanValue(foreignKey, n, prng);
  const value = structuredClone(event.value);
  setFirstAt(value, foreignKey.path, replacement);
  const key = foreignKey.path === model.keyField ? String(replacement) : event.key;
  return { key, value, orphan: { field: foreignKey.path, value: replacement } };
}
