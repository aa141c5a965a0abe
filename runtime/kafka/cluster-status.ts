import { kafkaClient } from './kafka-client.js';

export interface TopicHealth {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Partitions whose in-sync replica set is smaller than their replica set. */
  underReplicated: number;
  /** Partitions without a leader. */
  offline: number;
}

export interface ClusterStatus {
  clusterId: string;
  controllerId: number | null;
  /** Brokers the cluster currently reports as live. */
  brokers: { id: number; host: string; port: number }[];
  topics: TopicHealth[];
}

/**
 * Live brokers, the controller and per-topic replication health, through the Admin API. Throws
 * while any partition of the cluster has no leader: kafkajs fails every metadata request then
 * (see describe-topics-output.ts for the fallback).
 */
export async function clusterStatus(bootstrapServers: string, { includeInternal = false } = {}): Promise<ClusterStatus> {
  const admin = kafkaClient(bootstrapServers, { retry: { retries: 2, initialRetryTime: 100 } }).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    const { topics } = await admin.fetchTopicMetadata();
    return {
      clusterId: cluster.clusterId,
      controllerId: cluster.controller,
      brokers: cluster.brokers.map((broker) => ({ id: broker.nodeId, host: broker.host, port: broker.port })).sort((a, b) => a.id - b.id),
      topics: topics
        .filter((topic) => includeInternal || !topic.name.startsWith('_'))
        .map((topic) => ({
          name: topic.name,
          partitions: topic.partitions.length,
          replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
          underReplicated: topic.partitions.filter((p) => p.isr.length < p.replicas.length).length,
          offline: topic.partitions.filter((p) => p.leader < 0).length,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  } finally {
    await admin.disconnect();
  }
}
