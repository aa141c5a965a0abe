import { randomUUID } from 'node:crypto';
import kafkajs, { type Admin, type Consumer, type IHeaders, type Kafka, type PartitionAssigner } from 'kafkajs';
import { ConfigError } from '../core/errors.js';
import { resolveStartOffset, type StartPosition } from './start-offsets.js';

const { AssignerProtocol } = kafkajs;

/** A record as Kafka holds it (bytes), with where it sits. */
export interface RawRecord {
  topic: string;
  partition: number;
  offset: number;
  /** Epoch milliseconds. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

export interface ReadTopicOptions {
  /** Where each partition starts. */
  start: StartPosition;
  /** Only these partitions (not with `groupId`). */
  partitions?: readonly number[];
  /** Consume as this group and commit what was read; without it, a throwaway group deleted afterwards. */
  groupId?: string;
  /** Stop after this many records. */
  count?: number;
  /** Keep waiting for new records; without it, stop at the end offsets seen when reading began. */
  follow?: boolean;
  signal?: AbortSignal;
  /** Called once the start offsets are known (partition -> offset) and, without follow, the end offsets. */
  onPlan?: (plan: { start: Map<number, number>; end: Map<number, number> | undefined }) => void;
}

/** The prefix of the throwaway group `readTopic` uses without `groupId`. */
export const THROWAWAY_GROUP_PREFIX = 'kafka-sandbox-consume-';

type Item = { record: RawRecord } | { progress: { partition: number; next: number } };

/** A bounded queue between kafkajs's push (eachBatch) and the async iterator's pull. */
class Channel {
  private readonly items: Item[] = [];
  private waitingPull: (() => void) | undefined;
  private waitingPush: (() => void)[] = [];
  closed = false;

  constructor(private readonly capacity: number) {}

  async push(item: Item, whileWaiting: () => Promise<void>): Promise<void> {
    while (!this.closed && this.items.length >= this.capacity) {
      await new Promise<void>((resolve) => {
        this.waitingPush.push(resolve);
        setTimeout(resolve, 1000);
      });
      await whileWaiting().catch(() => undefined);
    }
    if (this.closed) return;
    this.items.push(item);
    this.wake();
  }

  async pull(): Promise<Item | undefined> {
    while (this.items.length === 0 && !this.closed) await new Promise<void>((resolve) => (this.waitingPull = resolve));
    const item = this.items.shift();
    const pushers = this.waitingPush;
    this.waitingPush = [];
    for (const resolve of pushers) resolve();
    return item;
  }

  close(): void {
    this.closed = true;
    this.wake();
    for (const resolve of this.waitingPush) resolve();
  }

  private wake(): void {
    const resolve = this.waitingPull;
    this.waitingPull = undefined;
    resolve?.();
  }
}

/** Assigns exactly `partitions` of `topic` to the first member (a throwaway group has one). */
function fixedAssigner(topic: string, partitions: readonly number[]): PartitionAssigner {
  const name = 'KafkaSandboxFixed';
  return () => ({
    name,
    version: 0,
    async assign({ members }) {
      return members.map((member, index) => ({
        memberId: member.memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: index === 0 ? { [topic]: [...partitions] } : {}, userData: Buffer.alloc(0) }),
      }));
    },
    protocol({ topics }) {
      return { name, metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }) };
    },
  });
}

/**
 * Reads `topic` as an async iterable of raw records, in offset order per partition. Without
 * `follow` it ends once every partition reached the end offset it had when reading began
 * (records of aborted transactions and transaction markers count as read). With `groupId`, reads
 * as that group from its committed offsets (or `start`), and commits exactly the records handed
 * out; otherwise a throwaway group is used (nothing committed) and deleted afterwards. Breaking
 * out of the loop, `count` or an aborted `signal` end it cleanly.
 */
export async function* readTopic(kafka: Kafka, admin: Admin, topic: string, options: ReadTopicOptions): AsyncGenerator<RawRecord> {
  const { groupId, follow = false, signal } = options;
  if (options.count !== undefined && options.count <= 0) return;
  if (groupId !== undefined && options.partitions !== undefined) {
    throw new ConfigError('a partition and a group cannot be combined', { hint: 'A group member reads the partitions the group assigns it; drop --partition or --group.' });
  }
  const metadata = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0];
  const all = (metadata?.partitions ?? []).map((p) => p.partitionId).sort((a, b) => a - b);
  const unknown = (options.partitions ?? []).filter((p) => !all.includes(p));
  if (unknown.length > 0) throw new ConfigError(`topic ${topic} has no partition ${unknown.join(', ')}`, { hint: `Its partitions: 0-${all.length - 1}.` });
  const selected = options.partitions ? [...new Set(options.partitions)].sort((a, b) => a - b) : all;

  const offsets = await admin.fetchTopicOffsets(topic);
  const committed = groupId ? ((await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions ?? []) : [];
  const atTime = options.start.kind === 'time' ? await admin.fetchTopicOffsetsByTimestamp(topic, options.start.timestamp) : [];
  const start = new Map<number, number>();
  const end = new Map<number, number>();
  for (const partition of selected) {
    const o = offsets.find((x) => x.partition === partition);
    const low = Number(o?.low ?? 0);
    const high = Number(o?.high ?? 0);
    const c = committed.find((x) => x.partition === partition);
    const t = atTime.find((x) => x.partition === partition);
    start.set(partition, resolveStartOffset(options.start, { partition, low, high, committed: c ? Number(c.offset) : null, atTime: t ? Number(t.offset) : null }));
    end.set(partition, high);
  }
  options.onPlan?.({ start, end: follow ? undefined : end });

  const position = new Map(start);
  // Partitions this member must still read to their end (all of them until the group assigns).
  let mine = new Set(selected);
  const finished = () => !follow && [...mine].every((p) => (position.get(p) ?? 0) >= (end.get(p) ?? 0));
  if (finished()) return;
  if (signal?.aborted) return;

  const throwaway = groupId === undefined;
  const group = groupId ?? `${THROWAWAY_GROUP_PREFIX}${randomUUID()}`;
  const consumer: Consumer = kafka.consumer({
    groupId: group,
    allowAutoTopicCreation: false,
    // Stopping waits for the fetch in flight: keep the long poll short so a read ends promptly.
    maxWaitTimeInMs: 250,
    ...(throwaway ? { partitionAssigners: [fixedAssigner(topic, selected)] } : {}),
  });
  const channel = new Channel(500);
  let crashed: unknown;
  const onAbort = () => channel.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) {
      crashed = event.payload.error;
      channel.close();
    }
  });
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    if (!throwaway) mine = new Set((event.payload.memberAssignment[topic] ?? []).filter((p) => selected.includes(p)));
  });
  consumer.on(consumer.events.END_BATCH_PROCESS, (event) => {
    const { partition, lastOffset } = event.payload;
    if (event.payload.topic !== topic || lastOffset === null) return;
    void channel.push({ progress: { partition, next: Number(lastOffset) + 1 } }, async () => undefined);
  });

  // Offsets of records handed out, to commit for a group.
  const handedOut = new Map<number, number>();
  let yielded = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        const from = start.get(batch.partition) ?? 0;
        for (const message of batch.messages) {
          if (!isRunning() || isStale() || channel.closed) return;
          const offset = Number(message.offset);
          if (offset < from) {
            resolveOffset(message.offset); // fetched before the seek took effect
            continue;
          }
          await channel.push(
            {
              record: {
                topic,
                partition: batch.partition,
                offset,
                timestamp: Number(message.timestamp),
                key: message.key ?? null,
                value: message.value ?? null,
                headers: message.headers ?? {},
              },
            },
            heartbeat,
          );
          resolveOffset(message.offset);
        }
      },
    });
    for (const [partition, offset] of start) consumer.seek({ topic, partition, offset: String(offset) });
    while (!finished()) {
      if (options.count !== undefined && yielded >= options.count) break;
      const item = await channel.pull();
      if (item === undefined) break;
      if ('progress' in item) {
        const { partition, next } = item.progress;
        if (next > (position.get(partition) ?? 0)) position.set(partition, next);
        continue;
      }
      const { record } = item;
      if (record.offset < (position.get(record.partition) ?? 0)) continue;
      position.set(record.partition, record.offset + 1);
      handedOut.set(record.partition, record.offset + 1);
      yielded++;
      yield record;
    }
    if (crashed) throw crashed;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    channel.close();
    if (!throwaway && handedOut.size > 0) {
      await consumer
        .commitOffsets([...handedOut].map(([partition, next]) => ({ topic, partition, offset: String(next) })))
        .catch(() => undefined);
    }
    await consumer.disconnect().catch(() => undefined);
    if (throwaway) await deleteThrowawayGroup(admin, group);
  }
}

/** The group is Empty a moment after its only member left; deleting it before then fails with NON_EMPTY_GROUP. */
async function deleteThrowawayGroup(admin: Admin, group: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await admin.deleteGroups([group]);
      return;
    } catch (error) {
      const inner = (error as { groups?: { error?: { type?: string } }[] }).groups?.[0]?.error?.type ?? (error as { type?: string }).type;
      if (inner === 'GROUP_ID_NOT_FOUND') return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
