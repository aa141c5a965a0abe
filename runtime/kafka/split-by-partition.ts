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
 * reuses the sequence numbers the broker deduplicates by. A partition's messages are split further
 * into parts of at most `maxBytes`; parts keep the messages' order.
 */
export function splitByPartition(
  topicMessages: readonly TopicMessages[],
  layout: PartitionLayout,
  { partitioner = Partitioners.DefaultPartitioner(), maxBytes = DEFAULT_MAX_BYTES }: SplitOptions = {},
): TopicMessages[] {
  const parts: Array<{ topic: string; messages: Message[]; bytes: number }> = [];
  /** The part being filled per topic-partition. */
  const open = new Map<string, (typeof parts)[number]>();
  for (const { topic, messages } of topicMessages) {
    const partitionMetadata = layout.get(topic);
    if (!partitionMetadata || partitionMetadata.length === 0) throw new Error(`no partition metadata for topic ${topic}`);
    for (const message of messages) {
      const partition = partitioner({ topic, partitionMetadata: [...partitionMetadata], message });
      const id = `${topic}\u0000${partition}`;
      const size = messageBytes(message);
      let part = open.get(id);
      if (!part || (part.messages.length > 0 && part.bytes + size > maxBytes)) {
        part = { topic, messages: [], bytes: 0 };
        parts.push(part);
        open.set(id, part);
      }
      part.messages.push({ ...message, partition });
      part.bytes += size;
    }
  }
  return parts.map(({ topic, messages }) => ({ topic, messages }));
}

export interface SplitOptions {
  partitioner?: ReturnType<typeof Partitioners.DefaultPartitioner>;
  /**
   * Most bytes (keys, values and headers, uncompressed) per part, so that one produce request stays
   * under the broker's message.max.bytes (1 MiB by default): kafkajs sends a partition's messages
   * of one call as one record batch and never splits it. A larger single message is a part alone.
   */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 512 * 1024;

function messageBytes(message: Message): number {
  let bytes = 70 + size(message.key) + size(message.value);
  for (const [key, value] of Object.entries(message.headers ?? {})) bytes += key.length + (Array.isArray(value) ? value.reduce((n: number, v) => n + size(v), 0) : size(value));
  return bytes;
}

function size(value: string | Buffer | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}
