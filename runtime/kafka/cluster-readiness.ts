import { randomUUID } from 'node:crypto';
import { pollUntil } from '../core/poll.js';
import { createTopicsAndWait } from './create-topics.js';
import { kafkaClient } from './kafka-client.js';

export interface ClusterReadinessOptions {
  bootstrapServers: string;
  expectedBrokers: number;
  replicationFactor: number;
  timeoutMs: number;
}

/**
 * Waits until the cluster is usable, not merely up: metadata lists every broker, and a record
 * produced with acks=all to a topic of the given replication factor is consumed back in a group.
 * The probe topic and group are deleted afterwards.
 */
export async function waitForClusterReady(options: ClusterReadinessOptions): Promise<void> {
  const kafka = kafkaClient(options.bootstrapServers);
  const admin = kafka.admin();
  const topic = `_sandbox-readiness-${randomUUID()}`;
  const groupId = `_sandbox-readiness-${randomUUID()}`;
  await admin.connect();
  try {
    await pollUntil(
      `${options.expectedBrokers} brokers in the metadata`,
      async () => ((await admin.describeCluster()).brokers.length >= options.expectedBrokers ? true : undefined),
      { timeoutMs: options.timeoutMs },
    );
    await createTopicsAndWait(admin, [{ topic, numPartitions: 1, replicationFactor: options.replicationFactor }], { timeoutMs: options.timeoutMs });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const consumer = kafka.consumer({ groupId });
    await producer.connect();
    await consumer.connect();
    try {
      const value = randomUUID();
      await pollUntil('an acks=all produce', async () => {
        await producer.send({ topic, acks: -1, messages: [{ value }] });
        return true;
      }, { timeoutMs: options.timeoutMs });
      await consumer.subscribe({ topic, fromBeginning: true });
      let received = false;
      await consumer.run({ eachMessage: async ({ message }) => void (received ||= message.value?.toString() === value) });
      await pollUntil('the readiness record to be consumed', async () => (received ? true : undefined), { timeoutMs: options.timeoutMs });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
