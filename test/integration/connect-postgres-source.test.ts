import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { startConnectWorker } from '../../runtime/worker/start-connect-worker.js';
import { httpJson } from '../helpers/http-json.js';
import { unique } from '../helpers/unique.js';

const endpoints = inject('endpoints');

async function topicCount(topic: string): Promise<number> {
  const admin = kafkaClient(endpoints.bootstrapServers).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  } catch {
    return 0;
  } finally {
    await admin.disconnect();
  }
}

describe('the bundled Postgres source (JDBC source config)', () => {
  it('copies new rows in timestamp+incrementing mode and resumes from its stored offset after a restart', async () => {
    const db = new pg.Client({ connectionString: endpoints.postgresUrl });
    await db.connect();
    const table = unique('src').replace('-', '_');
    await db.query(`CREATE TABLE "${table}" (id serial PRIMARY KEY, name text, updated_at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`INSERT INTO "${table}" (name) VALUES ('a'), ('b')`);
    const pgUrl = new URL(endpoints.postgresUrl!);
    const options = { bootstrapServers: endpoints.bootstrapServers, endpoints, port: 0, topicPrefix: unique('_it-connect'), fileDirectory: mkdtempSync(join(tmpdir(), 'connect-src-')), log: () => undefined };
    let worker = await startConnectWorker(options);
    const topic = `pg-${table}`;
    const name = unique('pg-source');
    await httpJson(`${worker.url}/connectors`, {
      method: 'POST',
      json: {
        name,
        config: {
          'connector.class': 'io.confluent.connect.jdbc.JdbcSourceConnector',
          'connection.url': `jdbc:postgresql://postgres:5432${pgUrl.pathname}`,
          'connection.user': decodeURIComponent(pgUrl.username),
          'connection.password': decodeURIComponent(pgUrl.password),
          mode: 'timestamp+incrementing',
          'incrementing.column.name': 'id',
          'timestamp.column.name': 'updated_at',
          'table.include.list': table,
          'topic.prefix': 'pg-',
          'poll.interval.ms': 500,
        },
      },
    });
    await pollUntil('2 records', async () => ((await topicCount(topic)) === 2 ? true : undefined), { timeoutMs: 60_000, intervalMs: 500 });
    const metrics = (url: string) => httpJson<{ consumerLag: number | null; tasks: { recordsPolled: number; recordsSent: number; offsetCommitSuccesses: number; offsetCommitFailures: number; recordsSentPerSecond: number; consumerLag: number | null }[] }>(`${url}/connectors/${name}/metrics`);
    const first = await pollUntil('offsets committed', async () => {
      const m = await metrics(worker.url);
      return m.tasks[0]!.offsetCommitSuccesses > 0 ? m : undefined;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    expect(first.consumerLag).toBeNull();
    expect(first.tasks[0]).toMatchObject({ recordsPolled: 2, recordsSent: 2, offsetCommitFailures: 0, consumerLag: null });
    expect(first.tasks[0]!.recordsSentPerSecond).toBeGreaterThan(0);
    await worker.stop();
    await db.query(`INSERT INTO "${table}" (name) VALUES ('c')`);
    worker = await startConnectWorker(options);
    try {
      await pollUntil('3 records', async () => ((await topicCount(topic)) === 3 ? true : undefined), { timeoutMs: 60_000, intervalMs: 500 });
      // The restarted task resumed after its stored offset: it sent only the new row, and committed it.
      const resumed = await pollUntil('offset of the new row committed', async () => {
        const m = await metrics(worker.url);
        return m.tasks[0]!.offsetCommitSuccesses > 0 ? m : undefined;
      }, { timeoutMs: 30_000, intervalMs: 250 });
      expect(resumed.tasks[0]).toMatchObject({ recordsPolled: 1, recordsSent: 1 });
      expect(await topicCount(topic)).toBe(3);
    } finally {
      await worker.stop();
      await db.end();
    }
  });
});
