import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, Kafka, KafkaMessage, Message, Producer, TopicMessages } from 'kafkajs';
import { SandboxError, StackError } from '../core/errors.js';
import { kafkaClient, longLivedRetry } from '../kafka/kafka-client.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { JobDefinition, JobOptionValues } from './job-definition.js';
import { JobTask, type JobMetrics } from './job-task.js';
import { caughtUpPartitions } from './partition-backlog.js';
import { PostgresTables } from './postgres-tables.js';
import { RateMeter, type JobRates } from './rate-meter.js';
import type { InputRecord, OutputRecord } from './stream-record.js';
import { createTopicsAndWait, retryTransient } from '../kafka/create-topics.js';
import { splitByPartition, type PartitionLayout } from '../kafka/split-by-partition.js';

export type Guarantee = 'exactly-once' | 'at-least-once';

export interface RunJobRequest {
  readonly job: JobDefinition;
  readonly options: JobOptionValues;
  readonly bootstrapServers: string;
  /** Needed by jobs with tables (enrich-clickstream). */
  readonly postgresUrl?: string;
  /** Consumer group, transactional id prefix and internal topic prefix (default: the job name). */
  readonly applicationId?: string;
  readonly guarantee?: Guarantee;
  readonly dlqTopic?: string;
  readonly lateTopic?: string;
  /** Most records per transaction (default 5000). */
  readonly maxBatch?: number;
  /** Processing time after which a silent partition stops holding the watermark back (default 5 s). */
  readonly idleMs?: number;
  /** Table reload interval (default 30 s). */
  readonly tableRefreshMs?: number;
  readonly clock?: Clock;
  /** Aborting stops the job cleanly: the batch in flight is committed, then everything disconnects. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: JobEvent) => void;
}

/** What a running job reports: for the CLI's lines and the TUI. */
export type JobEvent =
  | { kind: 'ready'; applicationId: string; guarantee: Guarantee; sources: string[]; sinks: string[]; restoredEntries: number; tables: Record<string, number> }
  /** Every 5 s: totals, input/output records per second over the last 5 s, and lag per `topic/partition`. */
  | ({ kind: 'metrics'; metrics: JobMetrics; stateSize: number; watermark: number; lag: Record<string, number> } & JobRates)
  | { kind: 'stopped'; metrics: JobMetrics };

const MARKER_KEY = '__restore-marker';
/** Changelog key prefix of the next input offset per `topic/partition`, written in each commit's transaction. */
const POSITION_KEY = '__input-offset\u0000';
const PUNCTUATE_MS = 1000;
const METRICS_MS = 5000;

/**
 * Runs a job against Kafka until `signal` aborts. Exactly-once (default): one transactional producer
 * (transactional.id `<application>-tx`, which also fences an older instance) writes, per batch, the
 * outputs, DLQ and late records, the state changelog and the consumed offsets in one transaction;
 * inputs are read read_committed. At-least-once: the same writes, then an offset commit. On start,
 * state is restored from the compacted changelog `<application>-changelog`, read up to a marker
 * record written after fencing so nothing of a crashed instance's open transaction is missed.
 * Each commit also writes the next input offset per partition to the changelog: with the state, it
 * is the position the job resumes from when the group's committed offset is older (kafkajs fetches
 * offsets without KIP-447's require_stable). Every produce request holds one partition (see
 * splitByPartition: kafkajs could append a batch twice in one transaction otherwise).
 * Connection and transaction failures end the run with a StackError.
 */
export async function runJob(request: RunJobRequest): Promise<JobMetrics> {
  const { job, options } = request;
  const clock = request.clock ?? systemClock;
  const applicationId = request.applicationId ?? job.name;
  const guarantee = request.guarantee ?? 'exactly-once';
  const dlqTopic = request.dlqTopic ?? `${applicationId}-dlq`;
  const lateTopic = request.lateTopic ?? `${applicationId}-late`;
  const changelogTopic = `${applicationId}-changelog`;
  const maxBatch = request.maxBatch ?? 5000;
  const task = new JobTask(job, options, { clock, dlqTopic, lateTopic, idleMs: request.idleMs ?? 5000 });

  let tables: PostgresTables | undefined;
  if (task.tables.length > 0) {
    if (!request.postgresUrl) throw new StackError(`job ${job.name} joins tables and needs Postgres`, { exitCode: 2, hint: 'Pass --postgres-url, or --name of a sandbox with Postgres.' });
    tables = new PostgresTables(request.postgresUrl, String(options['pg-schema'] ?? 'public'), task.tables);
    await tables.refresh();
  }

  const kafka = kafkaClient(request.bootstrapServers, { clientId: applicationId, retry: longLivedRetry });
  const admin = kafka.admin();
  let layout: PartitionLayout;
  try {
    await admin.connect();
    layout = await prepareTopics(admin, task.sourceTopics, [...task.sinkTopics, dlqTopic, lateTopic], changelogTopic);
  } catch (cause) {
    throw cause instanceof SandboxError ? cause : new StackError(`Cannot reach Kafka at ${request.bootstrapServers}: ${(cause as Error).message}`, { cause, hint: 'Is the sandbox running? Otherwise check --bootstrap-server.' });
  } finally {
    await admin.disconnect().catch(() => undefined);
  }

  const producer: Producer =
    guarantee === 'exactly-once'
      ? kafka.producer({ transactionalId: `${applicationId}-tx`, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 60_000 })
      : kafka.producer({ idempotent: true });
  await producer.connect();
  const restored = await restoreState(kafka, producer, guarantee, changelogTopic, task);

  const consumer: Consumer = kafka.consumer({ groupId: applicationId, readUncommitted: false, sessionTimeout: 30_000, heartbeatInterval: 3000 });
  const lag: Record<string, number> = {};
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    const assignment = event.payload.memberAssignment as Record<string, number[]>;
    const partitions = Object.entries(assignment).flatMap(([topic, numbers]) => numbers.map((p) => `${topic}/${p}`));
    task.assign(partitions);
    caughtUpPartitions(kafka, applicationId, assignment)
      .catch(() => new Map(partitions.map((p) => [p, true]))) // unknown: idle by processing time alone
      .then((caughtUp) => {
        for (const [partition, value] of caughtUp) if (!fetched.has(partition)) task.caughtUp(partition, value);
      });
  });
  /** Partitions a batch has come from: their backlog is known from the batch itself. */
  const fetched = new Set<string>();

  let lock: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn);
    lock = run.catch(() => undefined);
    return run;
  };
  let stopping = false;
  let fatal: unknown;
  let wake: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const fail = (error: unknown) => {
    fatal ??= error;
    stopping = true;
    wake();
  };

  const commit = async (offsets: Array<{ topic: string; partition: number; offset: string }>) => {
    const positions = offsets.map((o) => ({ key: `${POSITION_KEY}${o.topic}/${o.partition}`, value: o.offset }));
    const topicMessages = toTopicMessages(task.takeOutputs(), [...task.takeChangelog(), ...positions], changelogTopic);
    if (topicMessages.length === 0 && offsets.length === 0) return;
    const parts = splitByPartition(topicMessages, layout);
    if (guarantee === 'exactly-once') {
      const transaction = await producer.transaction();
      try {
        for (const part of parts) await transaction.sendBatch({ topicMessages: [part] });
        if (offsets.length > 0) await transaction.sendOffsets({ consumerGroupId: applicationId, topics: groupOffsets(offsets) });
        await transaction.commit();
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        throw error;
      }
    } else {
      await Promise.all(parts.map((part) => producer.sendBatch({ topicMessages: [part], acks: -1 })));
      if (offsets.length > 0) await consumer.commitOffsets(offsets);
    }
  };

  /** Next offset per `topic/partition` committed with outputs and state: restored, then this process' commits. */
  const committedPositions = new Map<string, bigint>(restored.positions);
  await consumer.connect();
  for (const topic of task.sourceTopics) await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      if (stopping) return;
      try {
        await serial(async () => {
          // kafkajs fetches the group's committed offsets (after a start or a rebalance) without
          // KIP-447's "require stable": it can get an offset older than the last transaction. Skip
          // what a commit already covered (changelog and outputs agree with it) instead of
          // processing it twice.
          const partitionKey = `${batch.topic}/${batch.partition}`;
          const floor = committedPositions.get(partitionKey);
          const messages = floor === undefined ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) >= floor);
          const skipped = batch.messages.length - messages.length;
          if (skipped > 0) resolveOffset(batch.messages[skipped - 1]!.offset);
          for (let i = 0; i < messages.length; i += maxBatch) {
            if (stopping || !isRunning() || isStale()) return;
            const chunk = messages.slice(i, i + maxBatch);
            for (const message of chunk) task.process(toInput(batch.topic, batch.partition, message));
            const last = chunk[chunk.length - 1]!.offset;
            await commit([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
            committedPositions.set(partitionKey, BigInt(last) + 1n);
            resolveOffset(last);
            lag[`${batch.topic}/${batch.partition}`] = Math.max(0, Number(batch.highWatermark) - Number(last) - 1);
            fetched.add(partitionKey);
            task.caughtUp(partitionKey, lag[partitionKey] === 0);
            await heartbeat();
          }
        });
      } catch (error) {
        fail(error);
      }
    },
  });
  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) fail(event.payload.error);
  });

  request.onEvent?.({
    kind: 'ready',
    applicationId,
    guarantee,
    sources: task.sourceTopics,
    sinks: [...task.sinkTopics],
    restoredEntries: restored.entries,
    tables: Object.fromEntries(task.tables.map((t) => [t.spec.table, t.size])),
  });

  const punctuate = setInterval(() => {
    serial(async () => {
      if (stopping) return;
      task.punctuate();
      await commit([]);
    }).catch(fail);
  }, PUNCTUATE_MS);
  const refresh = tables ? setInterval(() => void tables.refresh().catch(fail), request.tableRefreshMs ?? 30_000) : undefined;
  const rates = new RateMeter(clock.now());
  const metrics = setInterval(() => {
    const totals = { ...task.metrics };
    request.onEvent?.({ kind: 'metrics', metrics: totals, ...rates.sample(clock.now(), totals), stateSize: task.stateSize, watermark: task.watermark, lag: { ...lag } });
  }, METRICS_MS);

  const onAbort = () => {
    stopping = true;
    wake();
  };
  if (request.signal?.aborted) onAbort();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  await stopped;
  request.signal?.removeEventListener('abort', onAbort);
  clearInterval(punctuate);
  clearInterval(metrics);
  if (refresh) clearInterval(refresh);
  await lock;
  await consumer.disconnect().catch(() => undefined);
  await producer.disconnect().catch(() => undefined);
  request.onEvent?.({ kind: 'stopped', metrics: { ...task.metrics } });
  if (fatal !== undefined) {
    if (fatal instanceof SandboxError) throw fatal;
    throw new StackError(`job ${job.name} stopped: ${(fatal as Error).message}`, {
      cause: fatal,
      retriable: true,
      hint: 'Its state and offsets are committed together: start it again and it resumes where the last commit left it.',
    });
  }
  return { ...task.metrics };
}

/**
 * Sources must exist; sinks, DLQ and late topics are created like the first source; the changelog is
 * compacted. Returns the partitions of every topic the job writes to.
 */
async function prepareTopics(admin: Admin, sources: string[], outputs: string[], changelog: string): Promise<PartitionLayout> {
  const existing = new Set(await admin.listTopics());
  const missing = sources.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    throw new StackError(`source topic${missing.length > 1 ? 's' : ''} ${missing.join(', ')} do${missing.length > 1 ? '' : 'es'} not exist`, {
      exitCode: 2,
      hint: 'Generate some data first (`kafka-sandbox generate clickstream`), or pass --source.',
    });
  }
  const metadata = await admin.fetchTopicMetadata({ topics: sources });
  const partitions = Math.max(1, ...metadata.topics.map((t) => t.partitions.length));
  const brokers = (await admin.describeCluster()).brokers.length;
  const replicationFactor = Math.min(3, brokers);
  const topics = [
    ...[...new Set(outputs)].filter((t) => !existing.has(t)).map((topic) => ({ topic, numPartitions: partitions, replicationFactor })),
    ...(existing.has(changelog) ? [] : [{ topic: changelog, numPartitions: 1, replicationFactor, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }]),
  ];
  await createTopicsAndWait(admin, topics);
  const written = [...new Set([...outputs, changelog])];
  const { topics: described } = await retryTransient(() => admin.fetchTopicMetadata({ topics: written }));
  return new Map(described.map((t) => [t.name, t.partitions]));
}

/**
 * Reads the changelog from the beginning into the task. After fencing (the first transaction of the
 * transactional id: InitProducerId completes or aborts an older instance's transaction), a marker
 * is written and read back: everything committed before it has been seen. Returns the entries
 * restored and the input positions of the last commit per `topic/partition`.
 */
async function restoreState(kafka: Kafka, producer: Producer, guarantee: Guarantee, changelog: string, task: JobTask): Promise<{ entries: number; positions: Map<string, bigint> }> {
  const marker = randomUUID();
  const messages = [{ key: MARKER_KEY, value: marker }];
  if (guarantee === 'exactly-once') {
    const transaction = await producer.transaction();
    await transaction.send({ topic: changelog, messages });
    await transaction.commit();
  } else await producer.send({ topic: changelog, messages, acks: -1 });

  const groupId = `${changelog}-restore-${marker.slice(0, 8)}`;
  const consumer = kafka.consumer({ groupId, readUncommitted: false });
  const entries: Array<{ key: string; value: string | null }> = [];
  const positions = new Map<string, bigint>();
  let done: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (done = resolve));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: changelog, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        const key = message.key?.toString() ?? '';
        if (key === MARKER_KEY) {
          if (message.value?.toString() === marker) done();
          return;
        }
        if (key.startsWith(POSITION_KEY)) {
          const partition = key.slice(POSITION_KEY.length);
          if (message.value === null) positions.delete(partition);
          else positions.set(partition, BigInt(message.value.toString()));
          return;
        }
        entries.push({ key, value: message.value === null ? null : message.value.toString() });
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      reached,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new StackError(`restoring state from ${changelog} took over 120 s`, { retriable: true })), 120_000))),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
  return { entries: task.restore(entries), positions };
}

function toInput(topic: string, partition: number, message: KafkaMessage): InputRecord {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[key] = String(Array.isArray(value) ? value[0] : value);
  return { topic, partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value, timestamp: Number(message.timestamp), headers };
}

function toTopicMessages(outputs: OutputRecord[], changelog: Array<{ key: string; value: string | null }>, changelogTopic: string): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  const add = (topic: string, message: Message) => {
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    list.push(message);
  };
  for (const o of outputs) {
    add(o.topic, { key: o.key, value: o.value, ...(o.headers ? { headers: { ...o.headers } } : {}), ...(o.timestamp !== undefined ? { timestamp: String(o.timestamp) } : {}) });
  }
  for (const c of changelog) add(changelogTopic, { key: c.key, value: c.value });
  return [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages }));
}

function groupOffsets(offsets: Array<{ topic: string; partition: number; offset: string }>) {
  const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
  for (const o of offsets) {
    let list = byTopic.get(o.topic);
    if (!list) byTopic.set(o.topic, (list = []));
    list.push({ partition: o.partition, offset: o.offset });
  }
  return [...byTopic.entries()].map(([topic, partitions]) => ({ topic, partitions }));
}
