import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { Consumer } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRun } from '../../generators/core/generate-records.js';
import { parseGenerateOptions, type RawGenerateOptions } from '../../generators/generate-options.js';
import { builtinGenerators } from '../../generators/generator-registry.js';
import { registerCodecs } from '../../generators/runner/codecs.js';
import { quoteIdent } from '../../generators/runner/postgres-dimensions.js';
import { runGeneration } from '../../generators/run-generation.js';
import { pollUntil } from '../../runtime/core/poll.js';
import { packageRoot } from '../../runtime/core/package-root.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { parseJobOptions } from '../../runtime/streams/job-definition.js';
import { builtinJobs } from '../../runtime/streams/job-registry.js';
import { runJob } from '../../runtime/streams/kafka-job-runner.js';
import { javaReadCommitted } from '../helpers/java-read-committed.js';
import { unique } from '../helpers/unique.js';
import { retryTransient } from '../../runtime/kafka/create-topics.js';

const endpoints = inject('endpoints');

interface Read {
  key: string | null;
  value: Record<string, unknown> | null;
  headers: Record<string, string>;
}

let dir: string;
const topics: string[] = [];
const schemas: string[] = [];
const consumers: Consumer[] = [];

beforeAll(async () => {
  registerCodecs();
  dir = await mkdtemp(join(tmpdir(), 'streams-it-'));
});

afterAll(async () => {
  for (const consumer of consumers) await consumer.disconnect().catch(() => undefined);
  const admin = kafkaClient(endpoints.bootstrapServers).admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  await admin.deleteTopics({ topics: [...existing].filter((t) => topics.some((prefix) => t.startsWith(prefix))) }).catch(() => undefined);
  await admin.disconnect();
  const client = new pg.Client({ connectionString: endpoints.postgresUrl });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  await client.end();
  await rm(dir, { recursive: true, force: true });
});

async function generate(name: string, raw: RawGenerateOptions) {
  const topic = unique(`st-${name}`);
  const pgSchema = unique('st').replace('-', '_');
  topics.push(topic);
  schemas.push(pgSchema);
  const spec = builtinGenerators().get(name)!;
  // No --start-time: event times (and so record timestamps, which the jobs carry over to their
  // outputs) end now. A fixed date in the past puts every record beyond the brokers' 7-day time
  // retention: the retention check (every 5 minutes) then deleted source and output topics in the
  // middle of a test, and kafkajs reset the readers' and the job's positions (offset out of range).
  const options = parseGenerateOptions({ topic, pgSchema, ledger: join(dir, `${topic}.json`), ...raw }, { topic, now: Date.now() });
  const result = await runGeneration({ spec, options, targets: { bootstrapServers: endpoints.bootstrapServers, postgresUrl: endpoints.postgresUrl! } });
  expect(result.outcome.stopped).toBe('completed');
  return { topic, pgSchema, ledger: result.ledger, planned: [...createRun(spec, options.settings).records] };
}

/** Reads `topic` from the beginning, read_committed, into a growing array. */
async function tail(topic: string): Promise<Read[]> {
  const consumer = kafkaClient(endpoints.bootstrapServers).consumer({ groupId: unique('st-read') });
  consumers.push(consumer);
  await consumer.connect();
  await retryTransient(() => consumer.subscribe({ topic, fromBeginning: true }));
  const seen: Read[] = [];
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      let value: Record<string, unknown> | null = null;
      try {
        value = message.value ? (JSON.parse(message.value.toString()) as Record<string, unknown>) : null;
      } catch {
        value = { raw: message.value?.toString() ?? null };
      }
      seen.push({ key: message.key?.toString() ?? null, value, headers });
    },
  });
  return seen;
}

const until = (what: string, predicate: () => boolean, timeoutMs = 120_000) => pollUntil(what, async () => (predicate() ? true : undefined), { timeoutMs });

describe('stream jobs against the real stack', () => {
  it('enrich-clickstream turns a seeded 10,000-event run into 10,000 enriched records, every dimension field filled', async () => {
    const click = await generate('clickstream', { count: '10000', seed: 'streams-42' });
    const app = unique('st-enrich');
    topics.push(app);
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
      const out = await tailWhenExists(sink);
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
    const events = await generate('user-events', { count: '10000', seed: 'streams-crash', malformedRate: '1%', users: '200' });
    const app = unique('st-alerts');
    topics.push(app);
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
    const out = await tailWhenExists(analytics);
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

      const alerted = await tailWhenExists(alerts);
      const over = [...expected.entries()].filter(([, total]) => Math.round(total * 100) / 100 > 1000).map(([user]) => user);
      await until('one alert per high-value customer', () => alerted.length >= over.length);
      const referenceAlerts = (await javaReadCommitted(alerts)).map((v) => JSON.parse(v) as { user_id: number; event_id: string; total: number });
      expect(new Set(referenceAlerts.map((a) => `${a.user_id}/${a.event_id}/${a.total}`))).toEqual(new Set(alerted.map((a) => `${a.value!.user_id}/${a.value!.event_id}/${a.value!.total}`)));
      expect([...new Set(alerted.map((a) => a.value!.user_id))].sort()).toEqual(over.sort());
      expect(referenceAlerts, 'one alert per high-value customer, for the Java reader').toHaveLength(over.length);
      expect(alerted, 'one alert per high-value customer').toHaveLength(over.length);

      const dlq = await tailWhenExists(`${app}-dlq`);
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

/** Waits for the job to create `topic`, then tails it. */
async function tailWhenExists(topic: string): Promise<Read[]> {
  const admin = kafkaClient(endpoints.bootstrapServers).admin();
  await admin.connect();
  try {
    // Exists, and every partition has a leader: a consumer subscribing earlier fails on the
    // transient UNKNOWN_TOPIC_OR_PARTITION a broker answers for a topic created a moment ago.
    await pollUntil(
      `topic ${topic} with a leader for every partition`,
      async () => {
        if (!(await admin.listTopics()).includes(topic)) return undefined;
        const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
        return metadata && metadata.partitions.length > 0 && metadata.partitions.every((p) => p.leader >= 0) ? true : undefined;
      },
      { timeoutMs: 60_000 },
    );
  } finally {
    await admin.disconnect();
  }
  return tail(topic);
}
