import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import type { ConnectWorkerEvent } from '../../runtime/worker/connect-worker.js';
import { startConnectWorker, type StartedConnectWorker } from '../../runtime/worker/start-connect-worker.js';
import { httpJson } from '../helpers/http-json.js';
import { unique } from '../helpers/unique.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';

const endpoints = inject('endpoints');
const pgUrl = new URL(endpoints.postgresUrl!);

/** A tutorial's config: in-network hostname, user and password keys, JSON keys. */
const jdbcConfig = (topic: string) => ({
  'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
  topics: topic,
  'connection.url': `jdbc:postgresql://postgres:5432${pgUrl.pathname}`,
  'connection.user': decodeURIComponent(pgUrl.username),
  'connection.password': decodeURIComponent(pgUrl.password),
  'insert.mode': 'upsert',
  'pk.mode': 'record_key',
  'pk.fields': 'id',
  'auto.create': 'true',
  'auto.evolve': 'true',
  'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'key.converter.schemas.enable': 'false',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'value.converter.schemas.enable': false,
});

async function produce(topic: string, records: { key: unknown; value: unknown }[]) {
  const admin = kafkaClient(endpoints.bootstrapServers).admin();
  await admin.connect();
  await createTopicsAndWait(admin, [{ topic, numPartitions: 1, replicationFactor: 3 }]);
  await admin.disconnect();
  const producer = kafkaClient(endpoints.bootstrapServers).producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: records.map((r) => ({ key: JSON.stringify(r.key), value: r.value === null ? null : JSON.stringify(r.value) })) });
  await producer.disconnect();
}

describe('the bundled Postgres sink (JDBC sink config) against the stack\'s Postgres', () => {
  let worker: StartedConnectWorker;
  let db: pg.Client;
  const events: ConnectWorkerEvent[] = [];

  beforeAll(async () => {
    worker = await startConnectWorker({
      bootstrapServers: endpoints.bootstrapServers,
      endpoints,
      port: 0,
      topicPrefix: unique('_it-connect'),
      fileDirectory: mkdtempSync(join(tmpdir(), 'connect-pg-')),
      log: () => undefined,
      onEvent: (event) => events.push(event),
      metricsIntervalMs: 500,
    });
    db = new pg.Client({ connectionString: endpoints.postgresUrl });
    await db.connect();
  });
  afterAll(async () => {
    await worker?.stop();
    await db?.end();
  });

  const rows = async (table: string) => (await db.query(`SELECT * FROM "${table}" ORDER BY id`)).rows;

  it('auto-creates the table with inferred types, upserts, evolves, and absorbs redelivery', async () => {
    const topic = unique('orders');
    const admin = kafkaClient(endpoints.bootstrapServers).admin();
    await admin.connect();
    await produce(topic, [1, 2, 3].map((id) => ({ key: { id }, value: { id, amount: id * 1.5, status: 'new', paid: false } })));
    const name = unique('pg-sink');
    await httpJson(`${worker.url}/connectors`, { method: 'POST', json: { name, config: jdbcConfig(topic) } });
    await pollUntil('3 rows', async () => ((await rows(topic).catch(() => [])).length === 3 ? true : undefined), { timeoutMs: 60_000, intervalMs: 500 });
    const types = await db.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name`, [topic]);
    expect(Object.fromEntries(types.rows.map((r) => [r.column_name, r.data_type]))).toEqual({ amount: 'double precision', id: 'bigint', paid: 'boolean', status: 'text' });

    // Redelivery of the same records and an update plus a new column: still one row per key.
    await produce(topic, [1, 2, 3].map((id) => ({ key: { id }, value: { id, amount: id * 1.5, status: 'new', paid: false } })));
    await produce(topic, [{ key: { id: 2 }, value: { id: 2, amount: 3, status: 'paid', paid: true, note: 'evolved' } }]);
    await pollUntil('row 2 updated', async () => ((await rows(topic)).find((r) => r.id === '2')?.status === 'paid' ? true : undefined), { timeoutMs: 60_000, intervalMs: 500 });
    expect(await rows(topic)).toEqual([
      { id: '1', amount: 1.5, status: 'new', paid: false, note: null },
      { id: '2', amount: 3, status: 'paid', paid: true, note: 'evolved' },
      { id: '3', amount: 4.5, status: 'new', paid: false, note: null },
    ]);

    // The whole topic again from offset 0 (a consumer group reset): the table does not change.
    await httpJson(`${worker.url}/connectors/${name}`, { method: 'DELETE' });
    await pollUntil('group empty', async () => {
      const [group] = (await admin.describeGroups([`connect-${name}`])).groups;
      return group?.state === 'Empty' || group?.state === 'Dead' ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    await admin.resetOffsets({ groupId: `connect-${name}`, topic, earliest: true });
    await httpJson(`${worker.url}/connectors`, { method: 'POST', json: { name, config: jdbcConfig(topic) } });
    await pollUntil('replayed', async () => {
      const offsets = await admin.fetchOffsets({ groupId: `connect-${name}`, topics: [topic] });
      return offsets[0]!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0) === 7 ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect((await rows(topic)).length).toBe(3);
    expect((await rows(topic)).find((r) => r.id === '2')).toMatchObject({ status: 'paid', note: 'evolved' });
    await httpJson(`${worker.url}/connectors/${name}`, { method: 'DELETE' });
    await admin.disconnect();
  });

  it('quotes every identifier: a hostile field name becomes a column, no SQL runs from it', async () => {
    const topic = unique('hostile');
    await produce(topic, [{ key: { id: 1 }, value: { id: 1, 'x"; drop table users; --': 'kept' } }]);
    const name = unique('pg-hostile');
    await httpJson(`${worker.url}/connectors`, { method: 'POST', json: { name, config: { ...jdbcConfig(topic), 'table.name.format': 'kafka_${topic}' } } });
    const found = await pollUntil('hostile row', async () => (await db.query(`SELECT * FROM "kafka_${topic}"`).catch(() => ({ rows: [] }))).rows[0], { timeoutMs: 60_000, intervalMs: 500 });
    expect(found).toEqual({ id: '1', 'x"; drop table users; --': 'kept' });
    await httpJson(`${worker.url}/connectors/${name}`, { method: 'DELETE' });
  });

  it('deletes rows for tombstones with delete.enabled', async () => {
    const topic = unique('deletes');
    await produce(topic, [{ key: { id: 1 }, value: { id: 1, v: 'a' } }, { key: { id: 2 }, value: { id: 2, v: 'b' } }, { key: { id: 1 }, value: null }]);
    const name = unique('pg-deletes');
    await httpJson(`${worker.url}/connectors`, { method: 'POST', json: { name, config: { ...jdbcConfig(topic), 'delete.enabled': true } } });
    await pollUntil('committed', async () => {
      const status = await httpJson<{ tasks: { state: string; trace?: string }[] }>(`${worker.url}/connectors/${name}/status`);
      if (status.tasks[0]?.state === 'FAILED') throw new Error(status.tasks[0].trace);
      const metrics = await httpJson<{ tasks: { recordsRead: number; offsetCommitSuccesses: number }[] }>(`${worker.url}/connectors/${name}/metrics`);
      return metrics.tasks[0]!.recordsRead === 3 && metrics.tasks[0]!.offsetCommitSuccesses > 0 ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(await rows(topic)).toEqual([{ id: '2', v: 'b' }]);
    const metrics = await httpJson<{ consumerLag: number; tasks: { recordsRead: number; recordsWritten: number; recordsReadPerSecond: number }[] }>(`${worker.url}/connectors/${name}/metrics`);
    expect(metrics.consumerLag).toBe(0);
    expect(metrics.tasks[0]).toMatchObject({ recordsRead: 3, recordsWritten: 3, dlqRecords: 0, offsetCommitFailures: 0, consumerLag: 0 });
    expect(metrics.tasks[0]!.recordsReadPerSecond).toBeGreaterThan(0);
    // The same numbers reach onEvent subscribers (the TUI) as connector-metrics events.
    const event = await pollUntil('a metrics event', async () =>
      events.find((e) => e.kind === 'connector-metrics' && e.metrics.connector === name && e.metrics.consumerLag === 0 && e.metrics.tasks[0]?.recordsWritten === 3), { timeoutMs: 30_000, intervalMs: 250 });
    expect(event).toMatchObject({ metrics: { type: 'sink', tasks: [{ id: 0, state: 'RUNNING', recordsRead: 3 }] } });
    expect(events).toContainEqual({ kind: 'task-state', connector: name, task: 0, state: 'RUNNING', trace: undefined });
    await httpJson(`${worker.url}/connectors/${name}`, { method: 'DELETE' });
  });
});
