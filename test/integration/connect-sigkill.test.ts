import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { spawnDetachedConnectWorker, startConnectWorker } from '../../runtime/worker/start-connect-worker.js';
import { httpJson } from '../helpers/http-json.js';
import { unique } from '../helpers/unique.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';

const endpoints = inject('endpoints');

describe('a worker killed with SIGKILL and restarted loses nothing', () => {
  it('the Postgres sink ends with every record after a SIGKILL mid-stream (upserts absorb the redelivery)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'connect-kill-'));
    const options = { bootstrapServers: endpoints.bootstrapServers, endpoints, port: 0, topicPrefix: unique('_it-connect'), fileDirectory: dir };
    const child = await spawnDetachedConnectWorker(options, join(dir, 'worker.log'));
    const topic = unique('kill');
    const admin = kafkaClient(endpoints.bootstrapServers).admin();
    await admin.connect();
    await createTopicsAndWait(admin, [{ topic, numPartitions: 3, replicationFactor: 3 }]);
    await admin.disconnect();
    const pgUrl = new URL(endpoints.postgresUrl!);
    await httpJson(`${child.url}/connectors`, {
      method: 'POST',
      json: {
        name: 'kill-sink',
        config: {
          'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
          topics: topic,
          'connection.url': `jdbc:postgresql://postgres:5432${pgUrl.pathname}?user=${pgUrl.username}&password=${pgUrl.password}`,
          'insert.mode': 'upsert',
          'pk.mode': 'record_key',
          'pk.fields': 'id',
          'auto.create': true,
          'batch.size': 50,
        },
      },
    });
    const producer = kafkaClient(endpoints.bootstrapServers).producer();
    await producer.connect();
    const db = new pg.Client({ connectionString: endpoints.postgresUrl });
    await db.connect();
    const count = async () => Number((await db.query(`SELECT count(*) AS n FROM "${topic}"`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n);
    try {
      for (let batch = 0; batch < 10; batch++) {
        await producer.send({ topic, acks: -1, messages: Array.from({ length: 100 }, (_, i) => ({ key: JSON.stringify({ id: batch * 100 + i }), value: JSON.stringify({ id: batch * 100 + i, batch }) })) });
        if (batch === 4) {
          await pollUntil('some rows', async () => ((await count()) > 0 ? true : undefined), { timeoutMs: 60_000, intervalMs: 200 });
          process.kill(child.pid, 'SIGKILL');
        }
      }
      const worker = await startConnectWorker({ ...options, log: () => undefined });
      try {
        await pollUntil('1000 rows', async () => ((await count()) === 1000 ? true : undefined), { timeoutMs: 90_000, intervalMs: 500 });
        const status = await httpJson<{ tasks: { state: string }[] }>(`${worker.url}/connectors/kill-sink/status`);
        expect(status.tasks.map((t) => t.state)).toEqual(['RUNNING']);
      } finally {
        await worker.stop();
      }
    } finally {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await producer.disconnect();
      await db.end();
    }
  });
});
