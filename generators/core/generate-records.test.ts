import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LedgerBuilder } from '../ledger/ledger-builder.js';
import { jsonValue } from '../serialize/json-value.js';
import { testRun } from '../testing/test-run.js';

const DISORDER = { lateRate: 0.02, duplicateRate: 0.01, malformedRate: 0.005, orphanRate: 0.01 };

function digest(name: string, overrides: Parameters<typeof testRun>[1] = {}): string {
  const hash = createHash('sha256');
  for (const r of testRun(name, overrides).list) {
    hash.update(JSON.stringify([r.topic, r.key, r.timestamp, r.headers, r.dueOffsetMs]));
    hash.update(jsonValue(r));
  }
  return hash.digest('hex');
}

describe.each(['clickstream', 'user-events', 'order-events'])('%s records', (name) => {
  it('are byte-identical for the same seed and start time, and differ otherwise', () => {
    const same = digest(name, { disorder: DISORDER });
    expect(digest(name, { disorder: DISORDER })).toBe(same);
    expect(digest(name, { disorder: DISORDER, seed: '43' })).not.toBe(same);
    expect(digest(name, { disorder: DISORDER, startTime: Date.parse('2025-01-01T00:00:01Z') })).not.toBe(same);
  });

  it('hit every knob exactly: 10,000 events, 2% late, 1% duplicated, 0.5% malformed, 1% orphaned', () => {
    const { list } = testRun(name, { count: 10_000, disorder: DISORDER });
    expect(list).toHaveLength(10_100);
    expect(list.filter((r) => r.kind === 'duplicate')).toHaveLength(100);
    expect(list.filter((r) => r.kind === 'malformed')).toHaveLength(50);
    expect(list.filter((r) => r.kind === 'event' && r.late)).toHaveLength(200);
    expect(list.filter((r) => r.kind === 'event' && r.orphan)).toHaveLength(100);
    expect(new Set(list.map((r) => r.slot)).size).toBe(10_000);
    expect(list.map((r) => r.sequence)).toEqual(list.map((_, i) => i));
  });
});

const CLICK_TYPES: Record<string, string[]> = {
  timestamp: ['string'], user_id: ['number'], url: ['string'], device_id: ['string'], session_id: ['string'], referrer: ['string', 'null'], event_type: ['string'],
};
const violatesClickSchema = (value: Record<string, unknown>) =>
  Object.entries(CLICK_TYPES).some(([field, types]) => !(field in value) || !types.includes(value[field] === null ? 'null' : typeof value[field]));

describe('disorder', () => {
  const run = testRun('clickstream', { count: 5000, disorder: DISORDER, maxLatenessMs: 20_000 });

  it('sends records in processing-time order; late ones after records with later event times', () => {
    const dues = run.list.map((r) => r.dueOffsetMs);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const start = run.settings.startTime;
    for (const [i, r] of run.list.entries()) {
      const eventOffset = r.timestamp - start;
      if (r.kind === 'event' && r.late) {
        expect(r.dueOffsetMs - eventOffset).toBeGreaterThanOrEqual(10_000);
        expect(r.dueOffsetMs - eventOffset).toBeLessThanOrEqual(20_000);
        expect(run.list.slice(0, i).some((other) => other.timestamp > r.timestamp)).toBe(true);
      } else if (r.kind !== 'duplicate') expect(r.dueOffsetMs).toBe(eventOffset);
    }
  });

  it('repeats a duplicate byte for byte, after its original', () => {
    for (const dup of run.list.filter((r) => r.kind === 'duplicate')) {
      const original = run.list.find((r) => r.kind === 'event' && r.eventId === dup.eventId)!;
      expect(original.sequence).toBeLessThan(dup.sequence);
      expect(jsonValue(dup)).toEqual(jsonValue(original));
      expect([dup.key, dup.timestamp, dup.headers]).toEqual([original.key, original.timestamp, original.headers]);
    }
  });

  it('breaks malformed records in all three ways, and leaves the other events as they were', () => {
    const malformed = run.list.filter((r) => r.kind === 'malformed');
    expect(new Set(malformed.map((r) => r.malformation!.kind))).toEqual(new Set(['truncated', 'missing-field', 'wrong-type']));
    for (const r of malformed) {
      const text = jsonValue(r).toString();
      if (r.malformation!.kind === 'truncated') expect(() => JSON.parse(text)).toThrow();
      else expect(violatesClickSchema(JSON.parse(text))).toBe(true);
      expect(r.headers.event_id).toBe(r.eventId);
    }
    // Knobs change only the events they pick: the clean run has the same values elsewhere.
    const clean = new Map(testRun('clickstream', { count: 5000, maxLatenessMs: 20_000 }).list.map((r) => [r.eventId, jsonValue(r).toString()]));
    for (const r of run.list) if (r.kind === 'event' && !r.orphan) expect(jsonValue(r).toString()).toBe(clean.get(r.eventId));
  });

  it('the ledger counts what was sent', () => {
    const ledger = new LedgerBuilder();
    for (const r of run.list) ledger.add(r);
    const built = ledger.build({ generator: 'clickstream', seed: '42', startTime: '', settings: {}, complete: true, planned: { events: 5000, records: 5050 }, dimensions: {} });
    expect(built.totals).toEqual({ records: 5050, events: 4975, duplicates: 50, malformed: 25, late: 100, orphans: 50 });
    expect(built.topics).toEqual({ 'test-topic': { records: 5050, events: 4975 } });
    expect(new Set(built.eventIds).size).toBe(4975);
    expect(Object.values(built.keys).reduce((sum, c) => sum + c.records, 0)).toBe(5050);
    expect(Object.values(built.eventTypes).reduce((sum, c) => sum + c.events, 0)).toBe(4975);
    expect(Object.values(built.eventTypes).reduce((sum, c) => sum + c.records, 0)).toBe(5025);
    expect(built.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    const again = new LedgerBuilder();
    for (const r of testRun('clickstream', { count: 5000, disorder: DISORDER, maxLatenessMs: 20_000 }).list) again.add(r);
    expect(again.build({ ...built, settings: {} }).checksum).toBe(built.checksum);
  });
});
