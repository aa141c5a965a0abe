import type { TopicHealth } from './cluster-status.js';

const partitionLine = /Topic:\s*(\S+)\s+Partition:\s*(\d+)\s+Leader:\s*(\S+)\s+Replicas:\s*([\d,]*)\s+Isr:\s*([\d,]*)/;

/**
 * Topic health from the output of Kafka's `kafka-topics --describe`. The fallback for when kafkajs
 * cannot read metadata at all: it fails a whole request (even listing topics) as soon as one
 * partition of the cluster has no leader, e.g. a replication-factor-1 topic on a stopped broker.
 * Topics whose names start with `_` (internal) are left out.
 */
export function parseDescribeTopics(output: string): TopicHealth[] {
  const topics = new Map<string, TopicHealth>();
  for (const line of output.split('\n')) {
    const match = partitionLine.exec(line);
    if (!match) continue;
    const [, name, , leader, replicas, isr] = match as unknown as [string, string, string, string, string, string];
    if (name.startsWith('_')) continue;
    let topic = topics.get(name);
    if (!topic) topics.set(name, (topic = { name, partitions: 0, replicationFactor: 0, underReplicated: 0, offline: 0 }));
    const replicaCount = replicas.split(',').filter(Boolean).length;
    topic.partitions++;
    topic.replicationFactor = Math.max(topic.replicationFactor, replicaCount);
    if (isr.split(',').filter(Boolean).length < replicaCount) topic.underReplicated++;
    if (leader === 'none' || Number(leader) < 0) topic.offline++;
  }
  return [...topics.values()].sort((a, b) => a.name.localeCompare(b.name));
}
