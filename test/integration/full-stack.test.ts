import { GenericContainer, Wait } from 'testcontainers';
import { describe, expect, inject, it } from 'vitest';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { resolveImageSet } from '../../stacks/image-set.js';
import { sandboxStatus } from '../../stacks/sandbox-status.js';
import { unique } from '../helpers/unique.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';

const state = inject('sandboxState');
const imageSet = inject('imageSet');

describe('the full KRaft stack', () => {
  it('status --json has the documented shape, with every service and broker', async () => {
    const status = await sandboxStatus(state);
    expect(status).toMatchObject({
      name: state.name,
      mode: 'kraft',
      images: imageSet,
      kafka: {
        bootstrapServers: state.brokers.map((b) => `127.0.0.1:${b.port}`).join(','),
        brokers: [1, 2, 3].map((id) => ({ id, host: '127.0.0.1', port: expect.any(Number), alias: `broker-${id}`, running: true })),
      },
      schemaRegistry: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
      connect: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), workerUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
      postgres: { url: expect.stringMatching(/^postgres:\/\/sandbox:[^@]+@127\.0\.0\.1:\d+\/sandbox$/) },
      elasticsearch: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
    });
    expect(status.kafka.brokers.filter((b) => b.controller)).toHaveLength(1);
    expect(status.services.every((s) => s.running)).toBe(true);
    expect(status.services.map((s) => s.service)).toEqual(
      expect.arrayContaining(['broker-1', 'broker-2', 'broker-3', 'connect', 'connect-worker', 'elasticsearch', 'postgres', 'schema-registry']),
    );
  });

  it('seeds the default topics with replication factor 3', async () => {
    const status = await sandboxStatus(state);
    const names = status.kafka.topics.map((t) => t.name);
    for (const topic of ['clickstream', 'enriched-clickstream', 'user-events', 'order-events', 'analytics-events', 'alerts', 'session-events', 'dlq']) {
      expect(names).toContain(topic);
    }
    expect(status.kafka.topics.find((t) => t.name === 'clickstream')).toMatchObject({ replicationFactor: 3, underReplicated: 0, offline: 0 });
  });

  it('the Connect worker reached the brokers by alias and made its storage topics with RF 3', async () => {
    const admin = kafkaClient(state.endpoints.bootstrapServers).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: ['_connect-configs', '_connect-offsets', '_connect-status'] });
      expect(topics.every((t) => t.partitions.every((p) => p.replicas.length === 3))).toBe(true);
    } finally {
      await admin.disconnect();
    }
  });

  it('a container on the sandbox network produces via kafka:9092 and consumes via broker-2:9092', async () => {
    const topic = unique('in-network');
    const admin = kafkaClient(state.endpoints.bootstrapServers).admin();
    await admin.connect();
    await createTopicsAndWait(admin, [{ topic, numPartitions: 1, replicationFactor: 3 }]);
    await admin.disconnect();

    const image = resolveImageSet(imageSet).kafka;
    const tool = (name: string) => (image.flavor === 'sandbox' ? name : `/opt/kafka/bin/${name}.sh`);
    const script = [
      `echo from-inside | ${tool('kafka-console-producer')} --bootstrap-server kafka:9092 --topic ${topic} --producer-property acks=all`,
      `${tool('kafka-console-consumer')} --bootstrap-server broker-2:9092 --topic ${topic} --from-beginning --max-messages 1 --timeout-ms 60000`,
    ].join(' && ');
    let output = '';
    const client = await new GenericContainer(image.ref)
      .withNetworkMode(state.networkName)
      .withEntrypoint(['sh', '-c'])
      .withCommand([script])
      .withLogConsumer((stream) => stream.on('data', (chunk: Buffer) => (output += chunk.toString())))
      .withWaitStrategy(Wait.forOneShotStartup())
      .withStartupTimeout(120_000)
      .start();
    await client.stop();
    expect(output).toContain('from-inside');
  });
});
