import { describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { unique } from '../helpers/unique.js';

const endpoints = inject('endpoints');
const brokers = inject('sandboxState').brokers.length;

describe('topic auto-creation (on by default, as in Kafka)', () => {
  it('producing to a new topic name creates it with num.partitions 3 and replication min(3, brokers)', async () => {
    const kafka = kafkaClient(endpoints.bootstrapServers);
    const topic = unique('auto-created');
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    const admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    try {
      expect(await admin.listTopics()).not.toContain(topic);
      // The first metadata request creates the topic; its leaders may take a moment to be elected.
      await pollUntil(`a produce to the auto-created topic ${topic}`, async () => ((await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'v' }] })).length > 0 ? true : undefined), {
        timeoutMs: 30_000,
      });
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      expect(metadata?.partitions).toHaveLength(3);
      for (const partition of metadata?.partitions ?? []) expect(partition.replicas).toHaveLength(Math.min(3, brokers));
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await Promise.all([producer.disconnect(), admin.disconnect()]);
    }
  });
});
