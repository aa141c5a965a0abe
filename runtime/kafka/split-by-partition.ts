import { Partitioners, type Message, type PartitionMetadata, type TopicMessages } from 'kafkajs';

/** Partitions of each topic a producer writes to, as `admin.fetchTopicMetadata` lists them. */
export type PartitionLayout = ReadonlyMap<string, readonly PartitionMetadata[]>;

/**
 * Splits messages into one TopicMessages per topic-partition, the partition set on every message,
 * chosen as the producer's default partitioner would (Java-compatible murmur2 of the key; round
 * robin without a key; a message's own `partition` wins). Send each part in its own `sendBatch`:
 * kafkajs 2.2.4 (src/producer/sendMessages.js) retries a sendBatch that spans several brokers by
 * resending to every broker without a response yet, including one whose first request is still in
 * flight; that resend takes fresh sequence numbers, so the broker appends the records a second
 * time, inside the same transaction. One partition per call is one request per call, and its retry
 * reuses the sequence numbers the broker deduplicates by.
 */
export function splitByPartition(topicMessages: readonly TopicMessages[], layout: PartitionLayout, partitioner = Partitioners.DefaultPartitioner()): TopicMessages[] {
  const parts = new Map<string, { topic: string; partition: number; messages: Message[] }>();
  for (const { topic, messages } of topicMessages) {
    const partitionMetadata = layout.get(topic);
    if (!partitionMetadata || partitionMetadata.length === 0) throw new Error(`no partition metadata for topic ${topic}`);
    for (const message of messages) {
      const partition = partitioner({ topic, partitionMetadata: [...partitionMetadata], message });
      const id = `${topic}\u0000${partition}`;
      let part = parts.get(id);
      if (!part) parts.set(id, (part = { topic, partition, messages: [] }));
      part.messages.push({ ...message, partition });
    }
  }
  return [...parts.values()].map(({ topic, messages }) => ({ topic, messages }));
}
