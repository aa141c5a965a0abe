import { Partitioners } from 'kafkajs';
import { StackError } from '../../runtime/core/errors.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import type { DimensionTable } from '../core/dimension-table.js';
import type { CompressionName } from '../../runtime/kafka/codecs.js';
import { compressionType } from '../../runtime/kafka/codecs.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';

/**
 * Writes each dimension table to a compacted topic `<prefix><table>` (created when missing, one
 * partition per 100,000 rows up to 6), one record per row: key = the primary key, value = the row as
 * JSON. Compaction keeps the latest row per key, so a rerun with the same seed leaves the same table.
 * Returns the topic of each table.
 */
export async function writeDimensionTopics(
  bootstrapServers: string,
  prefix: string,
  tables: readonly DimensionTable[],
  compression: CompressionName,
): Promise<Record<string, string>> {
  const kafka = kafkaClient(bootstrapServers, { clientId: 'kafka-sandbox-dimensions' });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const topics: Record<string, string> = {};
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const brokers = (await admin.describeCluster()).brokers.length;
    const missing = tables.filter((t) => !existing.has(`${prefix}${t.name}`));
    if (missing.length > 0) {
      await createTopicsAndWait(
        admin,
        missing.map((t) => ({
          topic: `${prefix}${t.name}`,
          numPartitions: Math.min(6, Math.max(1, Math.ceil(t.rows.length / 100_000))),
          replicationFactor: Math.min(3, brokers),
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        })),
      );
    }
    await producer.connect();
    for (const table of tables) {
      const topic = `${prefix}${table.name}`;
      for (let start = 0; start < table.rows.length; start += 5000) {
        const messages = table.rows.slice(start, start + 5000).map((row) => ({ key: String(row[table.primaryKey]), value: JSON.stringify(row) }));
        await producer.send({ topic, acks: -1, compression: compressionType(compression), messages });
      }
      topics[table.name] = topic;
    }
    return topics;
  } catch (cause) {
    throw new StackError(`Writing the dimension topics failed: ${(cause as Error).message}`, { cause, hint: 'Check the cluster (`kafka-sandbox status`) and --dimension-topics.' });
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
