import { createHash, type Hash } from 'node:crypto';
import type { PlannedRecord } from '../core/planned-record.js';
import { jsonValue } from '../serialize/json-value.js';
import type { Ledger, RecordCounts } from './ledger.js';

/**
 * Accumulates the ledger of a run, one record at a time in send order. The runner adds a record
 * only once the broker has acknowledged it, so a run cut short still gets a true ledger. Not
 * reusable: `build` once at the end.
 */
export class LedgerBuilder {
  private readonly hash: Hash = createHash('sha256');
  private readonly topics = new Map<string, RecordCounts>();
  private readonly eventTypes = new Map<string, RecordCounts>();
  private readonly keys = new Map<string, RecordCounts>();
  private readonly eventIds: string[] = [];
  private readonly duplicates: string[] = [];
  private readonly late: string[] = [];
  private readonly malformed: Array<Ledger['malformed'][number]> = [];
  private readonly orphans: Array<Ledger['orphans'][number]> = [];
  private records = 0;

  /** Counts `record`; `json` is its JSON value when the caller has serialized it already. */
  add(record: PlannedRecord, json: Buffer = jsonValue(record)): void {
    this.records++;
    const headers = Object.entries(record.headers).map(([k, v]) => `${k}=${v}`).join('&');
    this.hash.update(`${record.topic}\u0000${record.key}\u0000${record.timestamp}\u0000${headers}\u0000`);
    this.hash.update(json);
    this.hash.update('\n');

    const valid = record.kind !== 'malformed';
    const distinct = record.kind === 'event';
    bump(this.topics, record.topic, distinct);
    bump(this.keys, record.key, distinct);
    if (valid) bump(this.eventTypes, record.eventType, distinct);
    if (record.kind === 'malformed') {
      this.malformed.push({ eventId: record.eventId, key: record.key, malformation: record.malformation! });
    } else if (record.kind === 'duplicate') {
      this.duplicates.push(record.eventId);
    } else {
      this.eventIds.push(record.eventId);
      if (record.late) this.late.push(record.eventId);
      if (record.orphan) this.orphans.push({ eventId: record.eventId, ...record.orphan });
    }
  }

  /** How many records have been added. */
  get size(): number {
    return this.records;
  }

  build(header: Pick<Ledger, 'generator' | 'seed' | 'startTime' | 'settings' | 'complete' | 'planned' | 'dimensions'> & { run?: Ledger['run'] }): Ledger {
    const { run, ...rest } = header;
    return {
      version: 1,
      ...rest,
      totals: {
        records: this.records,
        events: this.eventIds.length,
        duplicates: this.duplicates.length,
        malformed: this.malformed.length,
        late: this.late.length,
        orphans: this.orphans.length,
      },
      topics: Object.fromEntries(this.topics),
      eventTypes: Object.fromEntries([...this.eventTypes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      keys: Object.fromEntries(this.keys),
      eventIds: this.eventIds,
      duplicates: this.duplicates,
      late: this.late,
      malformed: this.malformed,
      orphans: this.orphans,
      checksum: `sha256:${this.hash.digest('hex')}`,
      ...(run ? { run } : {}),
    };
  }
}

function bump(map: Map<string, RecordCounts>, name: string, distinct: boolean): void {
  let counts = map.get(name);
  if (!counts) map.set(name, (counts = { records: 0, events: 0 }));
  counts.records++;
  if (distinct) counts.events++;
}
