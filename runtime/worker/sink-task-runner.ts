import type { Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import { SandboxError } from '../core/errors.js';
import type { RecordHeader, SinkRecord } from '../core/record.js';
import { splitList } from '../core/config-spec.js';
import type { SinkPlugin, SinkTask } from '../connectors/connector.js';
import { converterFor } from './converters.js';
import { ErrorReporter, traceOf, type OriginalRecord } from './error-reporter.js';
import { emptyMetrics, sleep, type TaskDeps, type TaskRunner, type TaskState } from './task-runner.js';
import { createChain } from './transform-chain.js';

function headersOf(headers: IHeaders | undefined): RecordHeader[] {
  return Object.entries(headers ?? {}).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => ({ key, value: v === undefined ? null : Buffer.isBuffer(v) ? v.toString('utf8') : String(v) })),
  );
}

/**
 * A sink task: a kafkajs consumer in group `connect-<name>` feeding `put` + `flush`. Offsets are
 * committed only after `flush` resolved (and the DLQ acknowledged its records): at-least-once.
 * A batch that fails with a retriable error is retried (same records) until the task stops.
 */
export class SinkTaskRunner implements TaskRunner {
  state: TaskState = 'UNASSIGNED';
  trace: string | undefined;
  readonly metrics = emptyMetrics();
  private consumer: Consumer | undefined;
  private task: SinkTask | undefined;
  private stopping = new AbortController();
  private failing = false;

  constructor(
    readonly id: number,
    private readonly plugin: SinkPlugin,
    private readonly config: Readonly<Record<string, string>>,
    private readonly deps: TaskDeps,
  ) {}

  private setState(state: TaskState, trace?: string) {
    this.state = state;
    this.trace = trace;
    this.deps.onStateChange(state, trace);
  }

  async start(): Promise<void> {
    this.stopping = new AbortController();
    this.failing = false;
    const { context } = this.deps;
    try {
      const keyConverter = converterFor(this.config, true, (a) => this.deps.context.mapAddress(a));
      const valueConverter = converterFor(this.config, false, (a) => this.deps.context.mapAddress(a));
      const chain = createChain(this.config);
      const reporter = new ErrorReporter({
        connectorName: context.connectorName,
        taskId: this.id,
        config: this.config,
        producer: this.deps.producer,
        ensureTopic: (topic, rf) => this.deps.ensureTopic(topic, rf),
        log: context.log,
      });
      this.task = this.plugin.createTask();
      await this.task.start(this.config, context);
      const consumer = this.deps.kafka.consumer({
        groupId: `connect-${context.connectorName}`,
        sessionTimeout: 45_000,
        heartbeatInterval: 3_000,
        maxWaitTimeInMs: 500,
        retry: { retries: 10 },
      });
      this.consumer = consumer;
      await consumer.connect();
      const regex = this.config['topics.regex']?.trim();
      // kafkajs cannot subscribe to a topic that does not exist yet (Connect waits for it): create it.
      if (!regex) for (const topic of splitList(this.config.topics)) await this.deps.ensureTopic(topic, -1, -1);
      await consumer.subscribe(regex ? { topics: [new RegExp(regex)], fromBeginning: true } : { topics: splitList(this.config.topics), fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: true,
        partitionsConsumedConcurrently: 1,
        eachBatch: (payload) => this.handleBatch(payload, { keyConverter, valueConverter, chain, reporter }),
      });
      // The first batch may already have failed the task.
      if (!this.failing) this.setState('RUNNING');
    } catch (error) {
      await this.fail(error);
    }
  }

  private async handleBatch(
    { batch, heartbeat, isRunning, isStale }: EachBatchPayload,
    parts: { keyConverter: ReturnType<typeof converterFor>; valueConverter: ReturnType<typeof converterFor>; chain: ReturnType<typeof createChain>; reporter: ErrorReporter },
  ): Promise<void> {
    if (this.failing || !isRunning() || isStale() || batch.messages.length === 0) return;
    const { keyConverter, valueConverter, chain, reporter } = parts;
    try {
      const records: SinkRecord[] = [];
      const originals = new Map<SinkRecord, OriginalRecord>();
      for (const message of batch.messages) {
        this.metrics.recordsRead++;
        const original = originalOf(batch.topic, batch.partition, message);
        const headers = headersOf(message.headers);
        let key, value;
        try {
          key = await keyConverter.converter.toConnectData(batch.topic, message.key, headers);
        } catch (error) {
          await reporter.report('KEY_CONVERTER', keyConverter.className, error, original);
          continue;
        }
        try {
          value = await valueConverter.converter.toConnectData(batch.topic, message.value, headers);
        } catch (error) {
          await reporter.report('VALUE_CONVERTER', valueConverter.className, error, original);
          continue;
        }
        const record: SinkRecord = Object.freeze({
          topic: batch.topic,
          partition: batch.partition,
          kafkaOffset: Number(message.offset),
          key: key.value,
          keySchema: key.schema,
          value: value.value,
          valueSchema: value.schema,
          timestamp: Number(message.timestamp),
          timestampType: 'CreateTime' as const,
          headers,
        });
        let transformed: SinkRecord | null;
        try {
          transformed = chain.apply(record);
        } catch (error) {
          await reporter.report('TRANSFORMATION', chain.lastClassName ?? 'transform', error, original);
          continue;
        }
        if (transformed) {
          records.push(transformed);
          originals.set(transformed, original);
        }
      }
      await this.deliver(records, originals, reporter, heartbeat);
      if (this.failing || isStale()) return;
      const next = String(Number(batch.lastOffset()) + 1);
      try {
        await this.consumer!.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
        this.metrics.offsetCommitSuccesses++;
      } catch (error) {
        this.metrics.offsetCommitFailures++;
        throw error;
      }
      this.metrics.recordsFailed = reporter.failedCount;
      this.metrics.dlqRecords = reporter.dlqCount;
      await heartbeat();
    } catch (error) {
      if (this.stopping.signal.aborted) throw error;
      await this.failFromBatch(error, batch.topic);
    }
  }

  /** put + flush with retries of retriable errors; per-record DLQ of the others with tolerance all. */
  private async deliver(records: SinkRecord[], originals: Map<SinkRecord, OriginalRecord>, reporter: ErrorReporter, heartbeat: () => Promise<void>): Promise<void> {
    if (records.length === 0) return;
    const maxDelay = Number(this.config['errors.retry.delay.max.ms'] ?? '60000');
    let delay = 250;
    for (;;) {
      try {
        await this.task!.put(records);
        await this.task!.flush();
        this.metrics.recordsWritten += records.length;
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) throw error;
        if (error instanceof SandboxError && error.retriable) {
          this.deps.context.log('warn', `task ${this.deps.context.connectorName}-${this.id} will retry put after ${delay} ms: ${error.message}`);
          await sleep(delay, this.stopping.signal);
          delay = Math.min(delay * 2, maxDelay);
          await heartbeat().catch(() => undefined);
          continue;
        }
        if (!reporter.tolerateAll || records.length === 1) {
          if (records.length === 1 && reporter.tolerateAll) {
            await reporter.report('TASK_PUT', this.plugin.className, error, originals.get(records[0]!));
            return;
          }
          throw error;
        }
        // One by one: the records that fail on their own go to the DLQ.
        for (const record of records) await this.deliver([record], originals, reporter, heartbeat);
        return;
      }
    }
  }

  private async failFromBatch(error: unknown, topic: string): Promise<void> {
    this.failing = true;
    this.consumer?.pause([{ topic }]);
    const trace = traceOf(error);
    this.deps.context.log('error', `task ${this.deps.context.connectorName}-${this.id} failed: ${trace.split('\n')[0]}`);
    this.setState('FAILED', trace);
    // Stopping the consumer from inside its own batch handler would wait for itself.
    setImmediate(() => void this.shutdown());
  }

  private async fail(error: unknown): Promise<void> {
    this.failing = true;
    await this.shutdown();
    this.setState('FAILED', traceOf(error));
  }

  private async shutdown(): Promise<void> {
    const consumer = this.consumer;
    const task = this.task;
    this.consumer = undefined;
    this.task = undefined;
    await consumer?.disconnect().catch(() => undefined);
    await task?.stop().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.shutdown();
    if (this.state !== 'FAILED') this.setState('UNASSIGNED');
  }
}

function originalOf(topic: string, partition: number, message: KafkaMessage): OriginalRecord {
  return { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers ?? {} };
}
