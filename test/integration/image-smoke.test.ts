import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { kitVersions } from '../../stacks/images.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { pollUntil } from '../../runtime/core/poll.js';
import { httpJson } from '../helpers/http-json.js';
import { unique } from '../helpers/unique.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';

const endpoints = inject('endpoints');

function expectJavaPlugins(classes: string[]): void {
  expect(classes).toEqual(
    expect.arrayContaining([
      'org.apache.kafka.connect.file.FileStreamSourceConnector',
      'org.apache.kafka.connect.file.FileStreamSinkConnector',
      'io.debezium.connector.postgresql.PostgresConnector',
      'io.debezium.connector.jdbc.JdbcSinkConnector',
      // The Elasticsearch sink: Camel's generic sink with camel-http (see stacks/kit/connect/README.md).
      'org.apache.camel.kafkaconnector.CamelSinkConnector',
    ]),
  );
}

describe('every service of the stack answers for real', () => {
  it(`kafkajs works against the Kafka ${kitVersions.kafka4} brokers: admin, acks=all produce, group consume`, async () => {
    const kafka = kafkaClient(endpoints.bootstrapServers);
    const admin = kafka.admin();
    await admin.connect();
    const topic = unique('smoke');
    const groupId = unique('smoke-group');
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
      expect(cluster.controller).not.toBeNull();
      expect(await createTopicsAndWait(admin, [{ topic, numPartitions: 3, replicationFactor: 3 }])).toBe(true);
      const configs = await admin.describeConfigs({ resources: [{ type: 2, name: topic }], includeSynonyms: false });
      expect(configs.resources[0]?.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue).toBe('2');

      const producer = kafka.producer({ idempotent: true });
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
      await producer.disconnect();

      const consumer = kafka.consumer({ groupId });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const seen = new Set<string>();
      await consumer.run({ eachMessage: async ({ message }) => void seen.add(message.value!.toString()) });
      await pollUntil('30 records consumed', async () => (seen.size === 30 ? true : undefined), { timeoutMs: 60_000 });
      await consumer.disconnect();

      const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(offsets[0]!.partitions.reduce((sum, p) => sum + Number(p.offset), 0)).toBe(30);
      expect((await admin.listGroups()).groups.map((g) => g.groupId)).toContain(groupId);
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('Connect lists the FileStream, Debezium Postgres, Debezium JDBC and Elasticsearch sink plugins', async () => {
    // Directly at the real worker, and through the stack's Connect URL (the bundled worker merges both).
    for (const url of [endpoints.connectWorkerUrl, endpoints.connectUrl]) {
      const plugins = await httpJson<{ class: string }[]>(`${url}/connector-plugins`);
      expectJavaPlugins(plugins.map((plugin) => plugin.class));
    }
  });

  it('the bundled worker on the Connect URL forwards a Java connector class to the real worker, which moves records into Elasticsearch', async () => {
    const topic = unique('es-sink');
    const connector = unique('es-sink');
    const index = unique('es-sink-index');
    const kafka = kafkaClient(endpoints.bootstrapServers);
    const admin = kafka.admin();
    await admin.connect();
    await createTopicsAndWait(admin, [{ topic, numPartitions: 1, replicationFactor: 3 }]);
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [1, 2, 3].map((n) => ({ value: JSON.stringify({ order_id: n, amount: n * 10 }) })) });
    await producer.disconnect();
    await httpJson(`${endpoints.connectUrl}/connectors`, {
      method: 'POST',
      json: {
        name: connector,
        config: {
          'connector.class': 'org.apache.camel.kafkaconnector.CamelSinkConnector',
          topics: topic,
          'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
          'value.converter.schemas.enable': 'false',
          'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
          'camel.sink.url': `http://elasticsearch:9200/${index}/_doc`,
          'camel.sink.marshal': 'json-jackson',
        },
      },
    });
    try {
      const total = await pollUntil('3 documents in Elasticsearch', async () => {
        const count = await httpJson<{ count: number }>(`${endpoints.elasticsearchUrl}/${index}/_count`).catch(() => ({ count: 0 }));
        return count.count === 3 ? count.count : undefined;
      }, { timeoutMs: 90_000, intervalMs: 1000 });
      expect(total).toBe(3);
      const found = await httpJson<{ hits: { hits: { _source: { amount: number } }[] } }>(`${endpoints.elasticsearchUrl}/${index}/_search?q=order_id:2`);
      expect(found.hits.hits.map((hit) => hit._source.amount)).toEqual([20]);
    } finally {
      await httpJson(`${endpoints.connectUrl}/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
    }
  });

  it('the registry registers an Avro schema and returns it by id through the Confluent-compatible API', async () => {
    const subject = `${unique('smoke')}-value`;
    const schema = JSON.stringify({ type: 'record', name: 'Click', fields: [{ name: 'url', type: 'string' }] });
    const { id } = await httpJson<{ id: number }>(`${endpoints.schemaRegistryUrl}/subjects/${subject}/versions`, {
      method: 'POST',
      json: { schema, schemaType: 'AVRO' },
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    });
    expect(id).toBeGreaterThan(0);
    const fetched = await httpJson<{ schema: string }>(`${endpoints.schemaRegistryUrl}/schemas/ids/${id}`);
    expect(JSON.parse(fetched.schema)).toEqual(JSON.parse(schema));
    const versions = await httpJson<number[]>(`${endpoints.schemaRegistryUrl}/subjects/${subject}/versions`);
    expect(versions).toEqual([1]);
  });

  it('Postgres runs with wal_level=logical and refuses a wrong password', async () => {
    const client = new pg.Client({ connectionString: endpoints.postgresUrl });
    await client.connect();
    try {
      expect((await client.query('SHOW wal_level')).rows[0].wal_level).toBe('logical');
    } finally {
      await client.end();
    }
    const wrong = new pg.Client({ connectionString: endpoints.postgresUrl!.replace(/:[^:@/]+@/, ':wrong@') });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
  });

  it('Elasticsearch reports an 8.x version, indexes a document and finds it', async () => {
    const root = await httpJson<{ version: { number: string } }>(endpoints.elasticsearchUrl!);
    expect(root.version.number).toMatch(/^8\./);
    const index = unique('smoke');
    await httpJson(`${endpoints.elasticsearchUrl}/${index}/_doc/1?refresh=true`, { method: 'PUT', json: { user: 'ada', url: '/home' } });
    const found = await httpJson<{ hits: { hits: { _id: string; _source: { user: string } }[] } }>(
      `${endpoints.elasticsearchUrl}/${index}/_search?q=user:ada`,
    );
    expect(found.hits.hits.map((hit) => hit._source.user)).toEqual(['ada']);
    await httpJson(`${endpoints.elasticsearchUrl}/${index}`, { method: 'DELETE' });
  });
});
