import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { packageRoot } from '../../runtime/core/package-root.js';
import { parseJobOptions } from '../../runtime/streams/job-definition.js';
import { builtinJobs } from '../../runtime/streams/job-registry.js';
import { runJob } from '../../runtime/streams/kafka-job-runner.js';
import { javaReadCommitted } from '../helpers/java-read-committed.js';
import { StreamTestData, until } from '../helpers/stream-data.js';

const endpoints = inject('endpoints');
const data = new StreamTestData(endpoints);

beforeAll(() => data.open());
afterAll(() => data.cleanup());

describe('stream jobs against the real stack', () => {
  it('enrich-clickstream turns a seeded 10,000-event run into 10,000 enriched records, every dimension field filled', async () => {
    const click = await data.generate('clickstream', { count: '10000', seed: 'streams-42' });
    const app = data.track('st-enrich');
    const sink = `${app}-out`;
    const job = builtinJobs().get('enrich-clickstream')!;
    const controller = new AbortController();
    const running = runJob({
      job,
      options: parseJobOptions(job, { source: click.topic, sink, 'pg-schema': click.pgSchema }),
      bootstrapServers: endpoints.bootstrapServers,
      postgresUrl: endpoints.postgresUrl!,
      applicationId: app,
      signal: controller.signal,
    });
    running.catch(() => undefined);
    let failed = false;
    try {
      const out = await data.tailWhenExists(sink);
      await until('10,000 enriched records', () => out.length >= 10_000, 240_000);
      expect((await javaReadCommitted(sink)).length, 'records read by the Java read_committed consumer').toBe(10_000);
      expect(out).toHaveLength(10_000);
      expect(new Set(out.map((r) => r.headers.event_id))).toEqual(new Set(click.ledger.eventIds));
      for (const record of out) {
        const value = record.value!;
        for (const field of ['timestamp', 'user_id', 'device_id', 'url', 'user_name', 'device_type', 'url_category']) {
          expect(value[field], `${field} of ${record.headers.event_id}`).not.toBeNull();
          expect(value[field]).toBeDefined();
        }
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      controller.abort();
      const metrics = await running;
      // Only when the checks above passed: otherwise their error is the one worth reading.
      if (!failed) expect(metrics.input).toBe(10_000);
      if (!failed) expect(metrics.dlq).toBe(0);
      if (!failed) expect(metrics['join_misses.users'] ?? 0).toBe(0);
    }
  }, 360_000);

  it('purchase-alerts killed with SIGKILL mid-stream and restarted in exactly-once mode: no duplicate and no missing output (against the ledger), state restored', async () => {
    const events = await data.generate('user-events', { count: '10000', seed: 'streams-crash', malformedRate: '1%', users: '200' });
    const app = data.track('st-alerts');
    const analytics = `${app}-analytics`;
    const alerts = `${app}-alerts`;
    const malformed = new Set(events.ledger.malformed.map((m) => m.eventId));
    const purchases = events.planned
      .filter((r) => r.kind !== 'duplicate' && !malformed.has(r.eventId))
      .map((r) => r.value as { event_id: string; user_id: number; event_type: string; data: { amount?: number } })
      .filter((v) => v.event_type === 'purchase');
    expect(purchases.length).toBeGreaterThan(500);

    const args = ['jobs', 'start', 'purchase-alerts', '--bootstrap-server', endpoints.bootstrapServers, '--application-id', app, '--max-batch', '200',
      '--source', events.topic, '--analytics', analytics, '--alerts', alerts, '--threshold', '1000'];
    const start = (): ResultPromise => execa(process.execPath, ['--import', 'tsx', join(packageRoot(), 'cli', 'bin.ts'), ...args], { reject: false, all: true, cwd: packageRoot() });

    const first = start();
    const out = await data.tailWhenExists(analytics);
    await until('the first committed outputs', () => out.length >= 100).catch(async (error) => {
      first.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${String((await first).all)}`);
    });
    first.kill('SIGKILL');
    const killed = await first;
    expect(killed.signal).toBe('SIGKILL');
    const atKill = out.length;
    expect(atKill).toBeLessThan(purchases.length);

    const second = start();
    try {
      await until(`${purchases.length} purchase totals`, () => out.length >= purchases.length);
      // Kafka's own read_committed consumer is the reference: exactly-once as Kafka defines it.
      // It reads until 20 s without a record, long enough for any duplicate to reach kafkajs too.
      const reference = (await javaReadCommitted(analytics)).map((v) => (JSON.parse(v) as { event_id: string }).event_id);
      expect(reference.length - new Set(reference).size, 'outputs the Java read_committed consumer saw twice').toBe(0);
      expect(new Set(reference)).toEqual(new Set(purchases.map((p) => p.event_id)));
      expect(reference).toHaveLength(purchases.length);
      const ids = out.map((r) => r.value!.event_id as string);
      expect(ids.length - new Set(ids).size, 'outputs kafkajs read_committed saw twice').toBe(0);
      expect(new Set(ids)).toEqual(new Set(purchases.map((p) => p.event_id)));
      expect(ids).toHaveLength(purchases.length);

      // Totals continue across the crash: each user's purchase_count runs 1..n and the last total is the sum.
      const byUser = new Map<number, Array<Record<string, unknown>>>();
      for (const r of out) byUser.set(r.value!.user_id as number, [...(byUser.get(r.value!.user_id as number) ?? []), r.value!]);
      const expected = new Map<number, number>();
      for (const p of purchases) expected.set(p.user_id, (expected.get(p.user_id) ?? 0) + p.data.amount!);
      for (const [user, records] of byUser) {
        expect(records.map((r) => r.purchase_count)).toEqual(records.map((_, i) => i + 1));
        expect(records.at(-1)!.total).toBeCloseTo(expected.get(user)!, 2);
      }

      const alerted = await data.tailWhenExists(alerts);
      const over = [...expected.entries()].filter(([, total]) => Math.round(total * 100) / 100 > 1000).map(([user]) => user);
      await until('one alert per high-value customer', () => alerted.length >= over.length);
      const referenceAlerts = (await javaReadCommitted(alerts)).map((v) => JSON.parse(v) as { user_id: number; event_id: string; total: number });
      expect(new Set(referenceAlerts.map((a) => `${a.user_id}/${a.event_id}/${a.total}`))).toEqual(new Set(alerted.map((a) => `${a.value!.user_id}/${a.value!.event_id}/${a.value!.total}`)));
      expect([...new Set(alerted.map((a) => a.value!.user_id))].sort()).toEqual(over.sort());
      expect(referenceAlerts, 'one alert per high-value customer, for the Java reader').toHaveLength(over.length);
      expect(alerted, 'one alert per high-value customer').toHaveLength(over.length);

      const dlq = await data.tailWhenExists(`${app}-dlq`);
      await until('the malformed records in the DLQ', () => dlq.length >= malformed.size);
      expect(new Set(dlq.map((r) => r.headers.event_id))).toEqual(malformed);
      expect(dlq).toHaveLength(malformed.size);
      expect(dlq.every((r) => ['malformed', 'schema-violation', 'missing-event-time'].includes(r.headers['__streams.errors.reason']!))).toBe(true);
    } finally {
      second.kill('SIGINT');
      const result = await second;
      const restored = /state\s+(\d[\d,]*) changelog entries restored/.exec(String(result.all ?? ''));
      expect(Number(restored?.[1]?.replaceAll(',', ''))).toBeGreaterThan(0);
      expect(result.exitCode, String(result.all)).toBe(130);
    }
  }, 480_000);
});
