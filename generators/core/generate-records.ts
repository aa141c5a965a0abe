import { applyOrphan } from '../disorder/apply-orphan.js';
import { planDisorder, type DisorderPlan } from '../disorder/disorder-plan.js';
import { malform } from '../disorder/malform.js';
import type { EventModel, GeneratorSpec } from './event-model.js';
import { createGeneratorContext } from './generator-context.js';
import type { GenerationSettings } from './generation-settings.js';
import { MinHeap } from './min-heap.js';
import type { PlannedRecord } from './planned-record.js';
import { Prng } from './prng.js';
import { RateSchedule } from './rate-schedule.js';

/** Duplicates follow their original within this many milliseconds (a retry, a replay). */
export const MAX_DUPLICATE_DELAY_MS = 2_000;

/** One run of a generator: its model (with dimensions), its disorder plan, and its records. */
export interface GeneratorRun {
  readonly spec: GeneratorSpec;
  readonly settings: GenerationSettings;
  readonly model: EventModel;
  readonly plan: DisorderPlan;
  /** Records in send order; iterate once (the model is stateful). */
  readonly records: Iterable<PlannedRecord>;
}

/** Builds the model and the plan; no record is generated until `records` is iterated. */
export function createRun(spec: GeneratorSpec, settings: GenerationSettings): GeneratorRun {
  const model = spec.create(createGeneratorContext(settings.seed, settings.startTime, settings.model));
  const plan = planDisorder(settings.seed, settings.count, settings.disorder);
  return { spec, settings, model, plan, records: plannedRecords(model, settings, plan) };
}

type Held = Omit<PlannedRecord, 'sequence' | 'dueOffsetMs'>;

/**
 * The pure core of every generator: event `i` happens at `startTime + schedule(i)`; the plan decides
 * whether it is malformed, orphaned, late (held back by half to all of the maximum lateness, so
 * records with later event times overtake it) or duplicated (sent again up to 2 s later). Held
 * records go out in due order, ties in the order they were held, so the send order is a function of
 * the settings alone.
 */
export function* plannedRecords(model: EventModel, settings: GenerationSettings, plan: DisorderPlan): Generator<PlannedRecord> {
  const schedule = new RateSchedule(settings.rate, settings.burst);
  const disorder = Prng.derive(settings.seed, 'disorder');
  const orphanPrng = Prng.derive(settings.seed, 'orphans');
  const runTag = createGeneratorContext(settings.seed, settings.startTime, settings.model).runTag;
  const { topic, startTime, maxLatenessMs } = settings;
  const headers = model.headers;
  const held = new MinHeap<Held>();
  let sequence = 0;
  let orphans = 0;

  for (let slot = 0; slot < settings.count; slot++) {
    const offset = Math.floor(schedule.offsetMs(slot));
    while (held.peekPriority() <= offset) {
      const dueOffsetMs = held.peekPriority();
      yield { ...(held.pop() as Held), sequence: sequence++, dueOffsetMs };
    }
    const eventId = `${runTag}-${slot}`;
    const event = model.next(startTime + offset, eventId);
    const recordHeaders = { ...headers, event_id: eventId };

    if (plan.malformed.has(slot)) {
      const broken = malform(event.value, disorder);
      yield {
        sequence: sequence++, slot, topic, key: event.key, headers: recordHeaders, timestamp: event.eventTime, dueOffsetMs: offset,
        eventId, eventType: event.eventType, kind: 'malformed', late: false, value: broken.value, malformation: broken.malformation,
      };
      continue;
    }

    let key = event.key;
    let value = event.value;
    let orphan: PlannedRecord['orphan'];
    if (plan.orphans.has(slot)) {
      const result = applyOrphan(model, event, orphans++, orphanPrng);
      ({ key, value, orphan } = result);
    }
    const late = plan.late.has(slot);
    const record: Held = {
      slot, topic, key, headers: recordHeaders, timestamp: event.eventTime, eventId, eventType: event.eventType,
      kind: 'event', late, value, ...(orphan ? { orphan } : {}),
    };
    let due = offset;
    if (late) {
      due = offset + disorder.int(Math.ceil(maxLatenessMs / 2), maxLatenessMs);
      held.push(due, record);
    } else {
      yield { ...record, sequence: sequence++, dueOffsetMs: offset };
    }
    if (plan.duplicates.has(slot)) held.push(due + disorder.int(0, MAX_DUPLICATE_DELAY_MS), { ...record, kind: 'duplicate' });
  }
  while (held.size > 0) {
    const dueOffsetMs = held.peekPriority();
    yield { ...(held.pop() as Held), sequence: sequence++, dueOffsetMs };
  }
}
