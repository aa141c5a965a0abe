import type { Message } from 'kafkajs';
import type { SourceRecord } from '../core/record.js';
import type { SourcePlugin, SourceTask } from '../connectors/connector.js';
import { traceOf } from './error-reporter.js';
import { TaskRunner, type Pipeline, type TaskDeps } from './task-runner.js';

type OffsetEntry = { partition: Record<string, unknown>; offset: Record<string, unknown> };

/**
 * A source task: `poll` -> transforms -> converters -> produce (acks=all, idempotent) -> then the
 * source offsets go to the offsets topic. A crash between the two re-sends records: at-least-once.
 * Offsets whose commit failed are committed with the next batch's.
 */
export class SourceTaskRunner extends TaskRunner {
  private task: SourceTask | undefined;
  private loop: Promise<void> | undefined;
  private readonly createdTopics = new Set<string>();

  constructor(
    id: number,
    private readonly plugin: SourcePlugin,
    config: Readonly<Record<string, string>>,
    deps: TaskDeps,
  ) {
    super(id, config, deps);
  }

  async start(): Promise<void> {
    const stopping = (this.stopping = new AbortController());
    this.clearStatusNote();
    try {
      const pipeline = this.pipeline(false);
      this.task = this.plugin.createTask();
      await this.task.start(this.config, this.deps.context);
      this.setState('RUNNING');
      this.loop = this.run(this.task, pipeline).catch(async (error) => {
        // A loop abandoned at stop (see graceful) must not touch a restarted task.
        if (stopping.signal.aborted) return;
        const task = this.task;
        this.task = undefined;
        await task?.stop().catch(() => undefined);
        this.deps.context.log('error', `failed: ${error instanceof Error ? error.message : String(error)}`);
        this.setState('FAILED', traceOf(error));
      });
    } catch (error) {
      await this.task?.stop().catch(() => undefined);
      this.task = undefined;
      this.setState('FAILED', traceOf(error));
    }
  }

  private async run(task: SourceTask, pipeline: Pipeline): Promise<void> {
    const pending = new Map<string, OffsetEntry>();
    while (!this.stopping.signal.aborted) {
      let polled: SourceRecord[];
      try {
        polled = await this.retryRetriable('poll', () => task.poll());
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        throw error;
      }
      // Records polled after stop are dropped, as Connect does: they are polled again after a restart.
      if (this.stopping.signal.aborted) return;
      if (polled.length === 0) continue;
      this.metrics.add('recordsPolled', polled.length);
      const byTopic = new Map<string, Message[]>();
      for (const record of polled) {
        const converted = await this.toMessage(record, pipeline);
        if (!converted) continue;
        const messages = byTopic.get(converted.topic);
        if (messages) messages.push(converted.message);
        else byTopic.set(converted.topic, [converted.message]);
      }
      await this.send(byTopic);
      // Last offset per source partition, written only now that Kafka acknowledged the records.
      for (const record of polled) pending.set(JSON.stringify(record.sourcePartition), { partition: { ...record.sourcePartition }, offset: { ...record.sourceOffset } });
      await this.commitOffsets(pending);
    }
  }

  /** Transforms then converters, each stage with Connect's retries and tolerance; undefined: skipped or dropped. */
  private async toMessage(record: SourceRecord, { keyConverter, valueConverter, chain, reporter }: Pipeline): Promise<{ topic: string; message: Message } | undefined> {
    const transformed = await reporter.execute('TRANSFORMATION', () => chain.lastClassName ?? 'transform', () => chain.apply(record));
    const out = transformed?.value;
    if (!out) return undefined;
    const key = await reporter.execute('KEY_CONVERTER', keyConverter.className, () => keyConverter.converter.fromConnectData(out.topic, out.key, out.keySchema));
    if (!key) return undefined;
    const value = await reporter.execute('VALUE_CONVERTER', valueConverter.className, () => valueConverter.converter.fromConnectData(out.topic, out.value, out.valueSchema));
    if (!value) return undefined;
    const headers = Object.fromEntries(out.headers.map((h) => [h.key, h.value === null ? '' : typeof h.value === 'string' ? h.value : JSON.stringify(h.value)]));
    return {
      topic: out.topic,
      message: { key: key.value, value: value.value, headers, ...(out.timestamp !== null ? { timestamp: String(out.timestamp) } : {}), ...(out.partition !== null ? { partition: out.partition } : {}) },
    };
  }

  private async send(byTopic: Map<string, Message[]>): Promise<void> {
    if (byTopic.size === 0) return;
    for (const topic of byTopic.keys()) {
      if (this.createdTopics.has(topic)) continue;
      await this.deps.ensureTopic(topic, Number(this.config['topic.creation.default.replication.factor'] ?? '-1'), Number(this.config['topic.creation.default.partitions'] ?? '1'));
      this.createdTopics.add(topic);
    }
    await this.deps.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    this.metrics.add('recordsSent', [...byTopic.values()].reduce((sum, list) => sum + list.length, 0));
  }

  /** Writes `pending` to the offsets topic and clears it; a failure is counted and logged, and retried with the next batch. */
  private async commitOffsets(pending: Map<string, OffsetEntry>): Promise<void> {
    try {
      await this.deps.commitSourceOffsets([...pending.values()]);
      pending.clear();
      this.metrics.add('offsetCommitSuccesses');
    } catch (error) {
      this.metrics.add('offsetCommitFailures');
      this.deps.context.log('warn', `offset commit failed (retried with the next batch): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    const task = this.task;
    await task?.stop().catch(() => undefined);
    await this.graceful(this.loop, 'poll');
    this.task = undefined;
    if (this.state !== 'FAILED') this.setState('UNASSIGNED');
  }
}
