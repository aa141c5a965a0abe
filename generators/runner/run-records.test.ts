import { describe, expect, it } from 'vitest';
import { testRun } from '../testing/test-run.js';
import { ManualClock } from '../../runtime/core/clock.js';
import { MemorySink, type SerializedRecord } from './record-sink.js';
import { runRecords } from './run-records.js';

describe('runRecords', () => {
  it('sends everything in order in fast mode, in full batches, and the ledger matches', async () => {
    const run = testRun('clickstream', { count: 4500, disorder: { lateRate: 0.01, duplicateRate: 0.01, malformedRate: 0.01, orphanRate: 0 } });
    const sink = new MemorySink();
    const clock = new ManualClock();
    const outcome = await runRecords(run.list, { sink, planned: run.list.length, paced: false, clock, maxBatchRecords: 1000 });
    expect(outcome.stopped).toBe('completed');
    expect(sink.batches).toEqual([1000, 1000, 1000, 1000, 545]);
    expect(clock.sleeps).toEqual([]);
    expect(sink.records.map((r) => r.headers.event_id)).toEqual(run.list.map((r) => r.eventId));
    const ledger = outcome.ledger.build({ generator: 'clickstream', seed: '42', startTime: '', settings: {}, complete: true, planned: { events: 4500, records: 4545 }, dimensions: {} });
    expect(ledger.totals).toMatchObject({ records: 4545, events: 4455, duplicates: 45, malformed: 45, late: 45 });
  });

  it('paces sends to processing time on the injected clock, batching within the linger', async () => {
    // 100 events/s: one every 10 ms; with a 25 ms linger, batches of three.
    const run = testRun('user-events', { count: 30, rate: 100 });
    const sink = new MemorySink();
    const clock = new ManualClock(1_000_000);
    const sentAt: number[] = [];
    const timed = { send: async (batch: readonly SerializedRecord[]) => { sentAt.push(clock.now()); await sink.send(batch); }, close: async () => undefined };
    const outcome = await runRecords(run.list, { sink: timed, planned: 30, paced: true, clock, lingerMs: 25 });
    expect(outcome.stopped).toBe('completed');
    expect(sink.records).toHaveLength(30);
    expect(clock.now() - 1_000_000).toBe(290);
    expect(sink.batches.every((n) => n <= 3)).toBe(true);
    // No record leaves before its processing time.
    let i = 0;
    for (const [b, n] of sink.batches.entries()) {
      for (let k = 0; k < n; k++, i++) expect(sentAt[b]! - 1_000_000).toBeGreaterThanOrEqual(run.list[i]!.dueOffsetMs);
    }
  });

  it('stops on abort, flushing what was batched, and reports interrupted', async () => {
    const run = testRun('order-events', { count: 100, rate: 10 });
    const sink = new MemorySink();
    const controller = new AbortController();
    const clock = new ManualClock();
    const aborting = { now: () => clock.now(), sleep: async (ms: number) => { await clock.sleep(ms); if (clock.now() >= 2_000) controller.abort(); } };
    const outcome = await runRecords(run.list, { sink, planned: 100, paced: true, clock: aborting, signal: controller.signal, lingerMs: 0 });
    expect(outcome.stopped).toBe('interrupted');
    expect(sink.records).toHaveLength(20);
    expect(outcome.ledger.size).toBe(20);
  });

  it('a failed send ends the run with what was acknowledged before it', async () => {
    const run = testRun('clickstream', { count: 50 });
    let calls = 0;
    const failing = { send: async () => { if (++calls === 3) throw new Error('broker gone'); }, close: async () => undefined };
    const outcome = await runRecords(run.list, { sink: failing, planned: 50, paced: false, maxBatchRecords: 10 });
    expect(outcome.stopped).toBe('failed');
    expect((outcome.error as Error).message).toBe('broker gone');
    expect(outcome.ledger.size).toBe(20);
  });
});
