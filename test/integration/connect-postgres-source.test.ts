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
    await httpJson(`${worker.url}/connectors`, {
      method: 'POST',
      json: {
        name: unique('pg-source'),
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
    await worker.stop();
    await db.query(`INSERT INTO "${table}" (name) VALUES ('c')`);
    worker = await startConnectWorker(options);
    try {
      await pollUntil('3 records', async () => ((await topicCount(topic)) === 3 ? true : undefined), { timeoutMs: 60_000, intervalMs: 500 });
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await topicCount(topic)).toBe(3);
    } finally {
      await worker.stop();
      await db.end();
    }
  });
});
