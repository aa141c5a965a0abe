import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IHeaders } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { startConnectWorker, type StartedConnectWorker } from '../../runtime/worker/start-connect-worker.js';
import { httpJson } from '../helpers/http-json.js';
import { unique } from '../helpers/unique.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';

const endpoints = inject('endpoints');

async function readAll(topic: string, count: number): Promise<{ key: string | null; value: string | null; headers: Record<string, string> }[]> {
  const admin = kafkaClient(endpoints.bootstrapServers).admin();
  await admin.connect();
  await pollUntil(`topic ${topic}`, async () => ((await admin.listTopics()).includes(topic) ? true : undefined), { timeoutMs: 60_000, intervalMs: 250 });
  await admin.disconnect();
  const consumer = kafkaClient(endpoints.bootstrapServers).consumer({ groupId: unique('dlq-reader') });
  const seen: { key: string | null; value: string | null; headers: Record<string, string> }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers as IHeaders).map(([k, v]) => [k, String(v)]));
      seen.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers });
    },
  });
  await pollUntil(`${count} records in ${topic}`, async () => (seen.length >= count ? true : undefined), { timeoutMs: 60_000 });
  await consumer.disconnect();
  return seen;
}

describe('errors as Connect defines them', () => {
  let worker: StartedConnectWorker;
  const dir = mkdtempSync(join(tmpdir(), 'connect-dlq-'));
  beforeAll(async () => {
    worker = await startConnectWorker({ bootstrapServers: endpoints.bootstrapServers, endpoints, port: 0, topicPrefix: unique('_it-connect'), fileDirectory: dir, log: () => undefined });
  });
  /** Topics this file creates, removed at the end (the DLQ has replication factor 1). */
  const created: string[] = [];
  afterAll(async () => {
    await worker?.stop();
    const admin = kafkaClient(endpoints.bootstrapServers).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: created }).catch(() => undefined);
    await admin.disconnect();
  });

  async function produce(topic: string) {
    const admin = kafkaClient(endpoints.bootstrapServers).admin();
    await admin.connect();
    await createTopicsAndWait(admin, [{ topic, numPartitions: 1, replicationFactor: 3 }]);
    await admin.disconnect();
    const producer = kafkaClient(endpoints.bootstrapServers).producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'a', value: '{"n":1}' }, { key: 'b', value: 'not json', headers: { origin: 'test' } }, { key: 'c', value: '{"n":3}' }] });
    await producer.disconnect();
  }

  it('errors.tolerance=all sends a poison record to the DLQ with the exact __connect.errors.* headers', async () => {
    const topic = unique('poison');
    const dlq = unique('dlq');
    created.push(topic, dlq);
    await produce(topic);
    const name = unique('dlq-sink');
    await httpJson(`${worker.url}/connectors`, {
      method: 'POST',
      json: {
        name,
        config: {
          'connector.class': 'FileStreamSink',
          topics: topic,
          file: `${name}.txt`,
          'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
          'value.converter.schemas.enable': 'false',
          'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
          'errors.tolerance': 'all',
          'errors.deadletterqueue.topic.name': dlq,
          'errors.deadletterqueue.topic.replication.factor': 1,
          'errors.deadletterqueue.context.headers.enable': true,
        },
      },
    });
    const [record] = await readAll(dlq, 1);
    expect(record!.key).toBe('b');
    expect(record!.value).toBe('not json');
    const { '__connect.errors.exception.stacktrace': stack, ...headers } = record!.headers;
    expect(headers).toEqual({
      origin: 'test',
      '__connect.errors.topic': topic,
      '__connect.errors.partition': '0',
      '__connect.errors.offset': '1',
      '__connect.errors.connector.name': name,
      '__connect.errors.task.id': '0',
      '__connect.errors.stage': 'VALUE_CONVERTER',
      '__connect.errors.class.name': 'org.apache.kafka.connect.json.JsonConverter',
      '__connect.errors.exception.class.name': 'org.apache.kafka.connect.errors.DataException',
      '__connect.errors.exception.message': expect.stringMatching(/^Converting byte\[\] to Kafka Connect data failed due to serialization error: /),
    });
    expect(stack).toMatch(/^org\.apache\.kafka\.connect\.errors\.DataException: Converting byte/);
    await pollUntil('2 lines', async () => (readFileSync(join(dir, `${name}.txt`), 'utf8').split('\n').filter(Boolean).length === 2 ? true : undefined), { timeoutMs: 30_000 });
    expect(readFileSync(join(dir, `${name}.txt`), 'utf8')).toBe('{"n":1}\n{"n":3}\n');
    const metrics = await pollUntil('committed', async () => {
      const m = await httpJson<{ consumerLag: number; tasks: Record<string, number>[] }>(`${worker.url}/connectors/${name}/metrics`);
      return m.consumerLag === 0 ? m : undefined;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    expect(metrics.tasks[0]).toMatchObject({ recordsRead: 3, recordsWritten: 2, recordsFailed: 1, dlqRecords: 1 });
    await httpJson(`${worker.url}/connectors/${name}`, { method: 'DELETE' });
  });

  it('errors.tolerance=none fails the task with a readable trace in status; restart keeps failing until fixed', async () => {
    const topic = unique('poison-none');
    created.push(topic);
    await produce(topic);
    const name = unique('failing-sink');
    await httpJson(`${worker.url}/connectors`, {
      method: 'POST',
      json: { name, config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector', topics: topic, file: `${name}.txt`, 'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'false' } },
    });
    const status = await pollUntil('FAILED', async () => {
      const s = await httpJson<{ tasks: { state: string; trace?: string }[] }>(`${worker.url}/connectors/${name}/status`);
      return s.tasks[0]?.state === 'FAILED' ? s : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(status.tasks[0]!.trace).toMatch(/^ConnectException: Tolerance exceeded in error handler \(stage VALUE_CONVERTER\)/);
    expect(status.tasks[0]!.trace).toContain('Caused by: org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka Connect data failed');
    // Nothing was committed: the group has no offsets yet.
    const admin = kafkaClient(endpoints.bootstrapServers).admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId: `connect-${name}`, topics: [topic] });
    expect(offsets[0]!.partitions.every((p) => p.offset === '-1')).toBe(true);
    await admin.disconnect();
    // Restarting only what failed: RESTARTING, then FAILED again on the same poison record.
    const restarted = await httpJson<{ tasks: { state: string }[] }>(`${worker.url}/connectors/${name}/restart?includeTasks=true&onlyFailed=true`, { method: 'POST' });
    expect(restarted.tasks[0]!.state).toBe('RESTARTING');
    await pollUntil('FAILED again', async () => {
      const s = await httpJson<{ tasks: { state: string }[] }>(`${worker.url}/connectors/${name}/status`);
      return s.tasks[0]?.state === 'FAILED' ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    await httpJson(`${worker.url}/connectors/${name}`, { method: 'DELETE' });
  });
});
