import { Partitioners, type Admin, type CompressionTypes, type Producer } from 'kafkajs';
import { StackError } from '../../runtime/core/errors.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { compressionType, type CompressionName } from '../../runtime/kafka/codecs.js';
import type { RecordSink, SerializedRecord } from './record-sink.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';

export interface KafkaSinkOptions {
  readonly bootstrapServers: string;
  readonly topic: string;
  readonly compression: CompressionName;
  /** Partitions for the topic when it has to be created. */
  readonly partitions: number;
}

/** A connected Kafka sink; `created` tells whether it created the topic. */
export interface KafkaSink extends RecordSink {
  readonly topicCreated: boolean;
  readonly partitions: number;
}

/**
 * Produces with the settings production guides give: idempotent producer, acks=all (-1), batches
 * (the runner hands over whole batches; one request per broker each), the chosen compression.
 * Creates the topic when it is missing (RF min(3, brokers)). Unreachable brokers are a StackError.
 */
export async function openKafkaSink(options: KafkaSinkOptions): Promise<KafkaSink> {
  const kafka = kafkaClient(options.bootstrapServers, { clientId: 'kafka-sandbox-generate' });
  const compression = compressionType(options.compression);
  const admin = kafka.admin();
  const unreachable = (cause: unknown) =>
    new StackError(`Cannot reach Kafka at ${options.bootstrapServers}: ${(cause as Error).message}`, {
      cause,
      hint: 'Is the sandbox running (`kafka-sandbox status`)? Otherwise check --bootstrap-server.',
    });
  let topic: { created: boolean; partitions: number };
  try {
    await admin.connect();
    topic = await ensureTopic(admin, options.topic, options.partitions);
  } catch (cause) {
    throw cause instanceof StackError ? cause : unreachable(cause);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }

  const producer: Producer = kafka.producer({
    idempotent: true,
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    // Bounded, unlike kafkajs' idempotent default (forever): a dead cluster ends the run with an error.
    retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 5000 },
  });
  try {
    await producer.connect();
  } catch (cause) {
    throw unreachable(cause);
  }
  return {
    topicCreated: topic.created,
    partitions: topic.partitions,
    async send(batch: readonly SerializedRecord[]) {
      if (batch.length === 0) return;
      try {
        await producer.sendBatch({
          acks: -1,
          compression: compression as CompressionTypes,
          topicMessages: groupByTopic(batch),
        });
      } catch (cause) {
        throw new StackError(`Kafka did not acknowledge a batch of ${batch.length} records: ${(cause as Error).message}`, {
          cause,
          retriable: true,
          hint: 'Check the cluster (`kafka-sandbox status`); the ledger lists what was acknowledged before this.',
        });
      }
    },
    async close() {
      await producer.disconnect().catch(() => undefined);
    },
  };
}

async function ensureTopic(admin: Admin, topic: string, partitions: number): Promise<{ created: boolean; partitions: number }> {
  const existing = (await admin.fetchTopicMetadata({ topics: [] })).topics.find((t) => t.name === topic);
  if (existing) return { created: false, partitions: existing.partitions.length };
  const brokers = (await admin.describeCluster()).brokers.length;
  await createTopicsAndWait(admin, [{ topic, numPartitions: partitions, replicationFactor: Math.min(3, brokers) }]);
  return { created: true, partitions };
}

function groupByTopic(batch: readonly SerializedRecord[]) {
  const byTopic = new Map<string, Array<{ key: string; value: Buffer; headers: Record<string, string>; timestamp: string }>>();
  for (const record of batch) {
    let messages = byTopic.get(record.topic);
    if (!messages) byTopic.set(record.topic, (messages = []));
    messages.push({ key: record.key, value: record.value, headers: { ...record.headers }, timestamp: String(record.timestamp) });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
