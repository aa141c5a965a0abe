import type { Admin, ITopicMetadata } from 'kafkajs';
import { kafkaClient } from './kafka-client.js';

type TopicMetadata = ITopicMetadata & { error?: string };

/**
 * Metadata of every topic. kafkajs throws for the whole request when one partition reports an
 * error (a leaderless partition while a broker is down, exactly when status matters), so on
 * failure each topic is asked alone and the ones that still fail are reported with their error.
 */
async function topicMetadata(admin: Admin): Promise<TopicMetadata[]> {
  try {
    return (await admin.fetchTopicMetadata()).topics;
  } catch {
    const names = await admin.listTopics();
    const results = await Promise.allSettled(names.map((name) => admin.fetchTopicMetadata({ topics: [name] })));
    return results.map((result, index): TopicMetadata =>
      result.status === 'fulfilled'
        ? result.value.topics[0]!
        : { name: names[index]!, partitions: [], error: result.reason instanceof Error ? result.reason.message : String(result.reason) },
    );
  }
}

export interface TopicHealth {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Partitions whose in-sync replica set is smaller than their replica set. */
  underReplicated: number;
  /** Partitions without a leader. */
  offline: number;
  /** Set when the cluster could not describe the topic (e.g. a partition with no live replica). */
  error?: string;
}

export interface ClusterStatus {
  clusterId: string;
  controllerId: number | null;
  /** Brokers the cluster currently reports as live. */
  brokers: { id: number; host: string; port: number }[];
  topics: TopicHealth[];
}

/** Live brokers, the controller and per-topic replication health, through the Admin API. */
export async function clusterStatus(bootstrapServers: string, { includeInternal = false } = {}): Promise<ClusterStatus> {
  const admin = kafkaClient(bootstrapServers, { retry: { retries: 2, initialRetryTime: 100 } }).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    const topics = await topicMetadata(admin);
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
          ...(topic.error ? { error: topic.error } : {}),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  } finally {
    await admin.disconnect();
  }
}
