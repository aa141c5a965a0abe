import type { Batch, Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import type { RecordHeader, SinkRecord } from '../core/record.js';
import { splitList } from '../core/config-spec.js';
import type { SinkPlugin, SinkTask } from '../connectors/connector.js';
import { traceOf, type ErrorReporter, type OriginalRecord } from './error-reporter.js';
import { TaskRunner, type Pipeline, type TaskDeps } from './task-runner.js';

function headersOf(headers: IHeaders | undefined): RecordHeader[] {
  return Object.entries(headers ?? {}).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => ({ key, value: v === undefined ? null : Buffer.isBuffer(v) ? v.toString('utf8') : String(v) })),
  );
}

/**
 * A sink task: a kafkajs consumer in group `connect-<name>` feeding `put` + `flush`. Offsets are
 * committed only after `flush` resolved (and the DLQ acknowledged its records): at-least-once.
 * A batch that fails with a retriable error is retried (same records) until the task stops; a
 * failed offset commit is counted and logged, and the next commit covers it.
 */
export class SinkTaskRunner extends TaskRunner {
  private consumer: Consumer | undefined;
  private task: SinkTask | undefined;
  private failing = false;

  constructor(
    id: number,
    private readonly plugin: SinkPlugin,
    config: Readonly<Record<string, string>>,
    deps: TaskDeps,
  ) {
    super(id, config, deps);
  }

  async start(): Promise<void> {
    this.stopping = new AbortController();
    this.failing = false;
    this.clearStatusNote();
    const { context } = this.deps;
    try {
      const pipeline = this.pipeline(true);
      this.task = this.plugin.createTask();
      await this.task.start(this.config, context);
      const consumer = this.deps.kafka.consumer({
        groupId: `connect-${context.connectorName}`,
        sessionTimeout: 45_000,
        heartbeatInterval: 3_000,
        maxWaitTimeInMs: 500,
        // Each partition batch costs a put, a flush and an offset commit (round trips with no
        // prefetch in between, unlike Java's consumer): 4 MiB batches (kafkajs default 1 MiB) make
        // those rarer. bench/connect-sinks.ts: about +30% rows/s for the Postgres sink.
        maxBytesPerPartition: 4 * 1024 * 1024,
        maxBytes: 24 * 1024 * 1024,
        retry: { retries: 10, restartOnFailure: async (error) => isTransient(error) },
      });
      this.consumer = consumer;
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => this.metrics.keepLagOf(payload.memberAssignment));
      consumer.on(consumer.events.CRASH, ({ payload }) => this.onCrash(consumer, payload.error, payload.restart));
      await consumer.connect();
      const regex = this.config['topics.regex']?.trim();
      // kafkajs cannot subscribe to a topic that does not exist yet (Connect waits for it): create it.
      if (!regex) for (const topic of splitList(this.config.topics)) await this.deps.ensureTopic(topic, -1, -1);
      await consumer.subscribe(regex ? { topics: [new RegExp(regex)], fromBeginning: true } : { topics: splitList(this.config.topics), fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: true,
        partitionsConsumedConcurrently: 1,
        eachBatch: (payload) => this.handleBatch(payload, pipeline),
      });
      // The first batch may already have failed the task.
      if (!this.failing) this.setState('RUNNING');
    } catch (error) {
      this.failing = true;
      await this.shutdown();
      this.setState('FAILED', traceOf(error));
    }
  }

  private async handleBatch({ batch, heartbeat, isRunning, isStale }: EachBatchPayload, pipeline: Pipeline): Promise<void> {
    if (this.failing || !isRunning() || isStale() || batch.messages.length === 0) return;
    try {
      // Counted per fetched batch, as Connect counts sink-record-read per poll.
      this.metrics.add('recordsRead', batch.messages.length);
      const records: SinkRecord[] = [];
      const originals = new Map<SinkRecord, OriginalRecord>();
      for (const message of batch.messages) {
        const original = originalOf(batch.topic, batch.partition, message);
        const record = await this.toSinkRecord(batch, message, original, pipeline);
        if (record) {
          records.push(record);
          originals.set(record, original);
        }
      }
      await this.deliver(records, originals, pipeline.reporter, heartbeat);
      if (this.failing || isStale()) return;
      const next = Number(batch.lastOffset()) + 1;
      await this.commit(batch.topic, batch.partition, next);
      this.metrics.setLag(batch.topic, batch.partition, Number(batch.highWatermark) - next);
      await heartbeat();
    } catch (error) {
      if (this.stopping.signal.aborted) throw error;
      this.failFromBatch(error, batch.topic);
    }
  }

  /** Converters then transforms, each stage with Connect's retries and tolerance; undefined: skipped or dropped. */
  private async toSinkRecord(batch: Batch, message: KafkaMessage, original: OriginalRecord, { keyConverter, valueConverter, chain, reporter }: Pipeline): Promise<SinkRecord | undefined> {
    const headers = headersOf(message.headers);
    const key = await reporter.execute('KEY_CONVERTER', keyConverter.className, () => keyConverter.converter.toConnectData(batch.topic, message.key, headers), original);
    if (!key) return undefined;
    const value = await reporter.execute('VALUE_CONVERTER', valueConverter.className, () => valueConverter.converter.toConnectData(batch.topic, message.value, headers), original);
    if (!value) return undefined;
    const record: SinkRecord = Object.freeze({
      topic: batch.topic,
      partition: batch.partition,
      kafkaOffset: Number(message.offset),
      key: key.value.value,
      keySchema: key.value.schema,
      value: value.value.value,
      valueSchema: value.value.schema,
      timestamp: Number(message.timestamp),
      timestampType: 'CreateTime' as const,
      headers,
    });
    const transformed = await reporter.execute('TRANSFORMATION', () => chain.lastClassName ?? 'transform', () => chain.apply(record), original);
    return transformed?.value ?? undefined;
  }

  /**
   * put + flush; retriable errors are retried. Another error fails the task, except with
   * `errors.tolerance=all`: then, as the JDBC and Elasticsearch sinks do with Connect's errant
   * record reporter, the records are written one by one and those failing alone go to the DLQ.
   */
  private async deliver(records: SinkRecord[], originals: Map<SinkRecord, OriginalRecord>, reporter: ErrorReporter, heartbeat: () => Promise<void>): Promise<void> {
    if (records.length === 0) return;
    try {
      await this.retryRetriable(
        'put',
        async () => {
          await this.task!.put(records);
          await this.task!.flush();
        },
        () => heartbeat().catch(() => undefined),
      );
      this.metrics.add('recordsWritten', records.length);
    } catch (error) {
      if (this.stopping.signal.aborted || !reporter.tolerateAll) throw error;
      if (records.length === 1) return reporter.report('TASK_PUT', this.plugin.className, error, originals.get(records[0]!));
      for (const record of records) await this.deliver([record], originals, reporter, heartbeat);
    }
  }

  private async commit(topic: string, partition: number, next: number): Promise<void> {
    try {
      await this.consumer!.commitOffsets([{ topic, partition, offset: String(next) }]);
      this.metrics.add('offsetCommitSuccesses');
    } catch (error) {
      if (this.stopping.signal.aborted) throw error;
      this.metrics.add('offsetCommitFailures');
      this.deps.context.log('warn', `offset commit of ${topic}-${partition} failed (the next commit covers it): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private failFromBatch(error: unknown, topic: string): void {
    this.failing = true;
    this.consumer?.pause([{ topic }]);
    const trace = traceOf(error);
    this.deps.context.log('error', `failed: ${trace.split('\n')[0]}`);
    this.setState('FAILED', trace);
    // Stopping the consumer from inside its own batch handler would wait for itself.
    setImmediate(() => void this.shutdown());
  }

  /**
   * kafkajs' consumer crashed: its fetch loop (or group join) ended with an error. A transient one
   * (a broker away) restarts it; any other ends consumption for good, so the task is FAILED with
   * the error's trace, as Connect fails a task whose poll throws.
   */
  private onCrash(consumer: Consumer, error: Error, restart: boolean): void {
    if (this.consumer !== consumer || this.stopping.signal.aborted || this.failing) return;
    const trace = traceOf(error);
    if (restart) {
      this.deps.context.log('warn', `the consumer crashed and restarts: ${trace.split('\n')[0]}`);
      return;
    }
    this.failing = true;
    this.deps.context.log('error', `failed: the consumer stopped: ${trace.split('\n')[0]}`);
    this.setState('FAILED', trace);
    setImmediate(() => void this.shutdown());
  }

  private async shutdown(): Promise<void> {
    const consumer = this.consumer;
    const task = this.task;
    this.consumer = undefined;
    this.task = undefined;
    // kafkajs waits for the batch in progress (a put) before it disconnects.
    await this.graceful(consumer?.disconnect(), 'put');
    await task?.stop().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.shutdown();
    if (this.state !== 'FAILED') this.setState('UNASSIGNED');
  }
}

/**
 * Whether kafkajs should restart a crashed consumer: only when the root cause is one of kafkajs'
 * own retriable errors (connection lost, leader moving, retries against a broker exhausted). A
 * batch that does not decode or any other error would crash it again on the same offset.
 */
export function isTransient(error: unknown): boolean {
  let root: unknown = error;
  for (let depth = 0; depth < 10 && root instanceof Error && root.cause instanceof Error; depth++) root = root.cause;
  return root instanceof Error && root.name.startsWith('KafkaJS') && (root as { retriable?: unknown }).retriable === true;
}

function originalOf(topic: string, partition: number, message: KafkaMessage): OriginalRecord {
  return { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers ?? {} };
}
