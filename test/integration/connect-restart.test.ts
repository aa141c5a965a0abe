import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { startConnectWorker } from '../../runtime/worker/start-connect-worker.js';
import { httpJson } from '../helpers/http-json.js';
import { unique } from '../helpers/unique.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';

const endpoints = inject('endpoints');

async function topicValues(topic: string): Promise<string[]> {
  const admin = kafkaClient(endpoints.bootstrapServers).admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
  await admin.disconnect();
  const total = offsets.reduce((sum, p) => sum + Number(p.high), 0);
  if (total === 0) return [];
  const consumer = kafkaClient(endpoints.bootstrapServers).consumer({ groupId: unique('reader') });
  const values: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
  await pollUntil(`${total} records`, async () => (values.length >= total ? true : undefined), { timeoutMs: 60_000 });
  await consumer.disconnect();
  return values;
}

describe('a restarted worker resumes every connector from the offsets stored in Kafka', () => {
  it('file source and file sink continue where they stopped, paused connectors stay paused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'connect-restart-'));
    const topicPrefix = unique('_it-connect');
    const topic = unique('lines');
    const start = () => startConnectWorker({ bootstrapServers: endpoints.bootstrapServers, endpoints, port: 0, topicPrefix, fileDirectory: dir, log: () => undefined });
    writeFileSync(join(dir, 'in.txt'), 'one\ntwo\n');
    // The sink subscribes at once; with the topic already there it need not wait for a metadata refresh.
    const admin = kafkaClient(endpoints.bootstrapServers).admin();
    await admin.connect();
    await createTopicsAndWait(admin, [{ topic, numPartitions: 1, replicationFactor: 3 }]);
    await admin.disconnect();
    let worker = await start();
    const config = { 'key.converter': 'org.apache.kafka.connect.storage.StringConverter', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' };
    await httpJson(`${worker.url}/connectors`, { method: 'POST', json: { name: 'src', config: { ...config, 'connector.class': 'FileStreamSource', file: 'in.txt', topic } } });
    await httpJson(`${worker.url}/connectors`, { method: 'POST', json: { name: 'sink', config: { ...config, 'connector.class': 'FileStreamSink', topics: topic, file: 'out.txt' } } });
    await httpJson(`${worker.url}/connectors`, { method: 'POST', json: { name: 'paused', config: { ...config, 'connector.class': 'FileStreamSink', topics: topic, file: 'paused.txt' } } });
    await httpJson(`${worker.url}/connectors/paused/pause`, { method: 'PUT' });
    await pollUntil('2 lines out', async () => ((await import('node:fs')).readFileSync(join(dir, 'out.txt'), 'utf8') === 'one\ntwo\n' ? true : undefined), { timeoutMs: 60_000, intervalMs: 500 });
    await worker.stop();

    appendFileSync(join(dir, 'in.txt'), 'three\nfour\n');
    worker = await start();
    try {
      expect((await httpJson<string[]>(`${worker.url}/connectors`)).sort()).toEqual(['paused', 'sink', 'src']);
      expect((await httpJson<{ connector: { state: string } }>(`${worker.url}/connectors/paused/status`)).connector.state).toBe('PAUSED');
      await pollUntil('4 lines out', async () => ((await import('node:fs')).readFileSync(join(dir, 'out.txt'), 'utf8') === 'one\ntwo\nthree\nfour\n' ? true : undefined), { timeoutMs: 60_000, intervalMs: 500 });
      expect(await topicValues(topic)).toEqual(['one', 'two', 'three', 'four']);
    } finally {
      await worker.stop();
    }
  });
});
