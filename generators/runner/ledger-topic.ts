import { Partitioners } from 'kafkajs';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import type { Ledger } from '../ledger/ledger.js';
import { ledgerSummary } from '../ledger/ledger-file.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';

/**
 * Publishes the ledger's summary (no per-event lists: a 100,000-event ledger would exceed a record's
 * 1 MB limit) to a compacted topic, keyed `generator/seed/startTime`, so the latest manifest of each
 * run stays readable by key. Creates the topic (cleanup.policy=compact) when missing.
 */
export async function publishLedger(bootstrapServers: string, topic: string, ledger: Ledger): Promise<void> {
  const kafka = kafkaClient(bootstrapServers, { clientId: 'kafka-sandbox-ledger' });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const exists = (await admin.listTopics()).includes(topic);
    if (!exists) {
      const brokers = (await admin.describeCluster()).brokers.length;
      await createTopicsAndWait(admin, [
        { topic, numPartitions: 1, replicationFactor: Math.min(3, brokers), configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
      ]);
    }
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: `${ledger.generator}/${ledger.seed}/${ledger.startTime}`, value: JSON.stringify(ledgerSummary(ledger)) }],
    });
  } finally {
    await producer.disconnect();
  }
}
