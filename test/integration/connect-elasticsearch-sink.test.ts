import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { startConnectWorker, type StartedConnectWorker } from '../../runtime/worker/start-connect-worker.js';
import { httpJson } from '../helpers/http-json.js';
import { unique } from '../helpers/unique.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';

const endpoints = inject('endpoints');

describe('the bundled Elasticsearch sink (Confluent config) against the stack\'s Elasticsearch', () => {
  let worker: StartedConnectWorker;
  beforeAll(async () => {
    worker = await startConnectWorker({
      bootstrapServers: endpoints.bootstrapServers,
      endpoints,
      port: 0,
      topicPrefix: unique('_it-connect'),
      fileDirectory: mkdtempSync(join(tmpdir(), 'connect-es-')),
      log: () => undefined,
    });
  });
  afterAll(async () => worker?.stop());

  it('indexes one document per key into an index per topic, upserts, and deletes on tombstones', async () => {
    const topic = unique('Clicks');
    const admin = kafkaClient(endpoints.bootstrapServers).admin();
    await admin.connect();
    await createTopicsAndWait(admin, [{ topic, numPartitions: 2, replicationFactor: 3 }]);
    await admin.disconnect();
    const producer = kafkaClient(endpoints.bootstrapServers).producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [1, 2, 3].map((n) => ({ key: `user-${n}`, value: JSON.stringify({ user: `user-${n}`, clicks: n }) })) });
    const name = unique('es-sink');
    await httpJson(`${worker.url}/connectors`, {
      method: 'POST',
      json: {
        name,
        config: {
          'connector.class': 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector',
          topics: topic,
          'connection.url': 'http://elasticsearch:9200',
          'key.ignore': 'false',
          'schema.ignore': 'true',
          'write.method': 'upsert',
          'behavior.on.null.values': 'delete',
          'type.name': '_doc',
          'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
          'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
          'value.converter.schemas.enable': 'false',
        },
      },
    });
    const index = topic.toLowerCase();
    const count = async () => (await httpJson<{ count: number }>(`${endpoints.elasticsearchUrl}/${index}/_count`).catch(() => ({ count: -1 }))).count;
    await pollUntil('3 documents', async () => ((await count()) === 3 ? true : undefined), { timeoutMs: 60_000, intervalMs: 500 });
    expect((await httpJson<{ _source: unknown }>(`${endpoints.elasticsearchUrl}/${index}/_doc/user-2`))._source).toEqual({ user: 'user-2', clicks: 2 });

    await producer.send({ topic, acks: -1, messages: [{ key: 'user-2', value: JSON.stringify({ clicks: 20 }) }, { key: 'user-3', value: null }] });
    await producer.disconnect();
    await pollUntil('2 documents', async () => {
      await httpJson(`${endpoints.elasticsearchUrl}/${index}/_refresh`, { method: 'POST' });
      return (await count()) === 2 ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    // user-2 and user-3 are in different partitions, fetched from different brokers: the delete
    // can land before the update, so wait for the update as well.
    const updated = await pollUntil('user-2 updated', async () => {
      const source = (await httpJson<{ _source: { clicks?: number } }>(`${endpoints.elasticsearchUrl}/${index}/_doc/user-2`))._source;
      return source.clicks === 20 ? source : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(updated).toEqual({ user: 'user-2', clicks: 20 });
    await httpJson(`${worker.url}/connectors/${name}`, { method: 'DELETE' });
    await httpJson(`${endpoints.elasticsearchUrl}/${index}`, { method: 'DELETE' });
  });
});
