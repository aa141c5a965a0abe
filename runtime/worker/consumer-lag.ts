import type { Admin } from 'kafkajs';

/**
 * Records in `topics` not yet committed by consumer group `groupId`: end offset minus committed
 * offset per partition (minus the log start where the group has committed nothing).
 */
export async function committedLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<number> {
  if (topics.length === 0) return 0;
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  let lag = 0;
  for (const { topic, partitions } of committed) {
    for (const end of await admin.fetchTopicOffsets(topic)) {
      const done = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? '-1');
      lag += Math.max(0, Number(end.high) - (done < 0 ? Number(end.low) : done));
    }
  }
  return lag;
}
