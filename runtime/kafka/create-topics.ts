import type { Admin, ITopicConfig } from 'kafkajs';
import { pollUntil } from '../core/poll.js';

/**
 * `admin.createTopics` that waits until every partition of every topic has a leader, and survives
 * the transient metadata errors kafkajs throws while it waits (UNKNOWN_TOPIC_OR_PARTITION right
 * after creation on a 3-broker KRaft cluster: kafkajs retries only LEADER_NOT_AVAILABLE). A topic
 * that already exists is fine. Returns true when at least one topic was created here.
 */
export async function createTopicsAndWait(admin: Admin, topics: ITopicConfig[], { timeoutMs = 60_000 } = {}): Promise<boolean> {
  if (topics.length === 0) return false;
  let created = false;
  try {
    created = await admin.createTopics({ topics, waitForLeaders: false });
  } catch (error) {
    if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
  }
  const names = topics.map((t) => t.topic);
  await pollUntil(
    `a leader for every partition of ${names.join(', ')}`,
    async () => {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
      return metadata.length === names.length && metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)) ? true : undefined;
    },
    { timeoutMs, intervalMs: 100 },
  );
  return created;
}

/**
 * Runs `call` again while it fails with an error kafkajs marks retriable (a broker that has not yet
 * learnt of a topic created a moment ago answers UNKNOWN_TOPIC_OR_PARTITION), up to `timeoutMs`.
 */
export async function retryTransient<T>(call: () => Promise<T>, { timeoutMs = 30_000 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
