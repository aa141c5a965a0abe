import type { Admin, Kafka } from 'kafkajs';
import { pollUntil } from '../core/poll.js';

interface RawBroker {
  metadata(topics: string[]): Promise<{ topicMetadata: { topic: string; partitionMetadata: { leader: number }[] }[] }>;
}
interface RawCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  getNodeIds(): (string | number)[];
  findBroker(which: { nodeId: string | number }): Promise<RawBroker>;
}

/** kafkajs's own cluster object (brokers by node id), which its public API does not expose; undefined if kafkajs changed. */
function rawCluster(kafka: Kafka): RawCluster | undefined {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const create = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
  if (typeof create !== 'function') return undefined;
  const cluster = (create as (options: object) => RawCluster)({ allowAutoTopicCreation: false });
  return typeof cluster.findBroker === 'function' && typeof cluster.getNodeIds === 'function' ? cluster : undefined;
}

const ready = (metadata: Awaited<ReturnType<RawBroker['metadata']>>, topics: readonly string[]) =>
  topics.every((name) => {
    const t = metadata.topicMetadata.find((m) => m.topic === name);
    return t !== undefined && t.partitionMetadata.length > 0 && t.partitionMetadata.every((p) => p.leader >= 0);
  });

/**
 * Waits until every broker of the cluster answers metadata for `topics` the way `want` says:
 * `present` (each topic known, every partition with a leader) or `absent` (deleted). On KRaft a
 * broker's metadata cache lags topic creation, so a fresh client that bootstraps from another
 * broker than the one the admin asked may not see a topic yet; this sends the Metadata request
 * to each broker in turn. (`kafka` is the client the admin came from.)
 */
export async function waitForTopicsOnEveryBroker(kafka: Kafka, admin: Admin, topics: readonly string[], want: 'present' | 'absent', { timeoutMs = 60_000 } = {}): Promise<void> {
  if (topics.length === 0) return;
  const description = `every broker to see topic${topics.length === 1 ? '' : 's'} ${topics.join(', ')} ${want === 'present' ? 'with leaders' : 'deleted'}`;
  const cluster = rawCluster(kafka);
  if (!cluster) {
    // Fallback: whichever broker the admin asks.
    await pollUntil(description, async () => {
      const names = new Set(await admin.listTopics());
      if (want === 'absent') return topics.every((t) => !names.has(t)) ? true : undefined;
      if (!topics.every((t) => names.has(t))) return undefined;
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [...topics] });
      return metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)) ? true : undefined;
    }, { timeoutMs, intervalMs: 100 });
    return;
  }
  try {
    await cluster.connect();
    await cluster.refreshMetadata();
    await pollUntil(
      description,
      async () => {
        for (const nodeId of cluster.getNodeIds()) {
          const broker = await cluster.findBroker({ nodeId });
          if (want === 'absent') {
            const { topicMetadata } = await broker.metadata([]);
            if (topicMetadata.some((m) => topics.includes(m.topic))) return undefined;
          } else if (!ready(await broker.metadata([...topics]), topics)) return undefined;
        }
        return true;
      },
      { timeoutMs, intervalMs: 100 },
    );
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
}
