import type { Kafka } from 'kafkajs';

/**
 * Which assigned partitions the group has read to the end (`topic/partition` → true): the group's
 * committed offset, or the log start when it has none, is at the high watermark. A job asks this
 * at each assignment, so that an empty partition may go idle while one whose records the consumer
 * has not fetched yet keeps holding the watermark.
 */
export async function caughtUpPartitions(kafka: Kafka, groupId: string, assignment: Record<string, number[]>): Promise<Map<string, boolean>> {
  const result = new Map<string, boolean>();
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = Object.keys(assignment);
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const positions = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const partition of assignment[topic]!) {
        const end = ends.find((e) => e.partition === partition);
        if (!end) continue;
        const position = positions.find((p) => p.partition === partition)?.offset;
        const from = position === undefined || Number(position) < 0 ? Number(end.low) : Number(position);
        result.set(`${topic}/${partition}`, from >= Number(end.high));
      }
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  return result;
}
