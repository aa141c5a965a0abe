import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { startConnectWorker, type StartedConnectWorker } from '../../runtime/worker/start-connect-worker.js';
import { unique } from '../helpers/unique.js';

const endpoints = inject('endpoints');

async function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Every record of `topic` from the beginning, once `count` are there. */
async function readTopic(topic: string, count: number): Promise<{ key: string; value: any }[]> {
  const kafka = kafkaClient(endpoints.bootstrapServers);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const written = async () => (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
    await pollUntil(`${count} records written to ${topic}`, async () => ((await written()) >= count ? true : undefined), { timeoutMs: 60_000 });
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId: unique('it-plugins-reader') });
  const records: { key: string; value: any }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void records.push({ key: JSON.parse(message.key!.toString()), value: JSON.parse(message.value!.toString()) }) });
    return await pollUntil(`${count} records in ${topic}`, async () => (records.length >= count ? records : undefined), { timeoutMs: 60_000 });
  } finally {
    await consumer.disconnect();
  }
}

describe('custom plugins (examples/connectors) in the bundled worker', () => {
  let worker: StartedConnectWorker;
  let server: Server;
  const posted: any[][] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        posted.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    worker = await startConnectWorker({
      bootstrapServers: endpoints.bootstrapServers,
      endpoints,
      port: 0,
      topicPrefix: unique('_it-connect'),
      fileDirectory: mkdtempSync(join(tmpdir(), 'connect-plugins-')),
      pluginPaths: ['examples/connectors'],
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await worker?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('lists the plugins\' connectors and validates their configs, transforms included', async () => {
    const plugins = await call('GET', `${worker.url}/connector-plugins`);
    expect(plugins.body).toEqual(expect.arrayContaining([
      { class: 'com.example.SequenceSource', type: 'source', version: '1.0.0', implementation: 'kafka-sandbox com.example.SequenceSource' },
      { class: 'com.example.HttpSink', type: 'sink', version: '1.0.0', implementation: 'kafka-sandbox com.example.HttpSink' },
    ]));

    const validated = await call('PUT', `${worker.url}/connector-plugins/SequenceSource/config/validate`, {
      name: 'v', 'interval.ms': 'soon', transforms: 'upper', 'transforms.upper.type': 'com.example.Uppercase', 'transforms.upper.feild': 'text',
    });
    expect(validated.status).toBe(200);
    const errors = validated.body.configs.flatMap((c: { value: { errors: string[] } }) => c.value.errors);
    expect(errors).toEqual(expect.arrayContaining([
      'Missing required configuration "topic" which has no default value.',
      'Invalid value soon for configuration interval.ms: Not a number of type LONG',
      expect.stringMatching(/Unknown configuration "transforms\.upper\.feild".*did you mean "transforms\.upper\.field"/),
    ]));
    expect(validated.body.error_count, JSON.stringify(errors)).toBe(3);
  });

  it('runs the sequence source through the uppercase transform into a topic, one sequence per task', async () => {
    const topic = unique('it-sequence');
    const name = unique('sequence');
    const created = await call('PUT', `${worker.url}/connectors/${name}/config`, {
      'connector.class': 'com.example.SequenceSource',
      topic,
      'tasks.max': 2,
      'interval.ms': 50,
      'max.records': 15,
      transforms: 'upper',
      'transforms.upper.type': 'Uppercase',
      'transforms.upper.field': 'text',
    });
    expect(created.status).toBe(201);
    expect(created.body.tasks).toHaveLength(2);
    try {
      const records = await readTopic(topic, 30);
      expect(records).toHaveLength(30);
      for (const task of [0, 1]) {
        const mine = records.filter((r) => r.key === `task-${task}`).map((r) => r.value);
        expect(mine).toEqual(Array.from({ length: 15 }, (_, n) => ({ task, n, text: `EVENT ${n}` })));
      }
      const status = await call('GET', `${worker.url}/connectors/${name}/status`);
      expect(status.body.tasks.map((t: { state: string }) => t.state)).toEqual(['RUNNING', 'RUNNING']);
    } finally {
      await call('DELETE', `${worker.url}/connectors/${name}`);
    }
  });

  it('runs the HTTP sink: records of a topic arrive at the endpoint', async () => {
    const topic = unique('it-http-sink');
    const kafka = kafkaClient(endpoints.bootstrapServers);
    const admin = kafka.admin();
    const producer = kafka.producer();
    await admin.connect();
    await producer.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
      await producer.send({ topic, acks: -1, messages: Array.from({ length: 5 }, (_, id) => ({ key: `k${id}`, value: JSON.stringify({ id, item: `thing-${id}` }) })) });
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
    const name = unique('http-sink');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
    expect((await call('PUT', `${worker.url}/connectors/${name}/config`, { 'connector.class': 'com.example.HttpSink', topics: topic, 'http.url': url })).status).toBe(201);
    try {
      const received = await pollUntil('5 records posted', async () => {
        const mine = posted.flat().filter((r) => r.topic === topic);
        return mine.length >= 5 ? mine : undefined;
      }, { timeoutMs: 60_000 });
      expect(received).toEqual(Array.from({ length: 5 }, (_, id) => ({ topic, partition: 0, offset: id, key: `k${id}`, value: { id, item: `thing-${id}` } })));
    } finally {
      await call('DELETE', `${worker.url}/connectors/${name}`);
    }
  });
});
