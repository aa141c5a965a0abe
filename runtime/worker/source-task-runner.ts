import type { Message } from 'kafkajs';
import { SandboxError } from '../core/errors.js';
import type { SourceRecord } from '../core/record.js';
import type { SourcePlugin, SourceTask } from '../connectors/connector.js';
import { converterFor } from './converters.js';
import { ErrorReporter, traceOf } from './error-reporter.js';
import { emptyMetrics, sleep, type TaskDeps, type TaskRunner, type TaskState } from './task-runner.js';
import { createChain } from './transform-chain.js';

/**
 * A source task: `poll` -> transforms -> converters -> produce (acks=all, idempotent) -> then the
 * source offsets go to the offsets topic. A crash between the two re-sends records: at-least-once.
 */
export class SourceTaskRunner implements TaskRunner {
  state: TaskState = 'UNASSIGNED';
  trace: string | undefined;
  readonly metrics = emptyMetrics();
  private task: SourceTask | undefined;
  private loop: Promise<void> | undefined;
  private stopping = new AbortController();
  private readonly createdTopics = new Set<string>();

  constructor(
    readonly id: number,
    private readonly plugin: SourcePlugin,
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
    try {
      this.task = this.plugin.createTask();
      await this.task.start(this.config, this.deps.context);
      this.setState('RUNNING');
      this.loop = this.run().catch(async (error) => {
        const task = this.task;
        this.task = undefined;
        await task?.stop().catch(() => undefined);
        this.deps.context.log('error', `task ${this.deps.context.connectorName}-${this.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        this.setState('FAILED', traceOf(error));
      });
    } catch (error) {
      await this.task?.stop().catch(() => undefined);
      this.task = undefined;
      this.setState('FAILED', traceOf(error));
    }
  }

  private async run(): Promise<void> {
    const keyConverter = converterFor(this.config, true, (a) => this.deps.context.mapAddress(a));
    const valueConverter = converterFor(this.config, false, (a) => this.deps.context.mapAddress(a));
    const chain = createChain(this.config);
    const reporter = new ErrorReporter({ connectorName: this.deps.context.connectorName, taskId: this.id, config: this.config, log: this.deps.context.log });
    const maxDelay = Number(this.config['errors.retry.delay.max.ms'] ?? '60000');
    let delay = 250;
    while (!this.stopping.signal.aborted) {
      let polled: SourceRecord[];
      try {
        polled = await this.task!.poll();
        delay = 250;
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        if (error instanceof SandboxError && error.retriable) {
          this.deps.context.log('warn', `task ${this.deps.context.connectorName}-${this.id} poll will be retried: ${error.message}`);
          await sleep(delay, this.stopping.signal);
          delay = Math.min(delay * 2, maxDelay);
          continue;
        }
        throw error;
      }
      if (polled.length === 0) continue;
      this.metrics.recordsPolled += polled.length;
      const byTopic = new Map<string, Message[]>();
      for (const record of polled) {
        let out: SourceRecord | null;
        try {
          out = chain.apply(record);
        } catch (error) {
          await reporter.report('TRANSFORMATION', chain.lastClassName ?? 'transform', error);
          continue;
        }
        if (!out) continue;
        let key: Buffer | null;
        let value: Buffer | null;
        try {
          key = await keyConverter.converter.fromConnectData(out.topic, out.key, out.keySchema);
        } catch (error) {
          await reporter.report('KEY_CONVERTER', keyConverter.className, error);
          continue;
        }
        try {
          value = await valueConverter.converter.fromConnectData(out.topic, out.value, out.valueSchema);
        } catch (error) {
          await reporter.report('VALUE_CONVERTER', valueConverter.className, error);
          continue;
        }
        const headers = Object.fromEntries(out.headers.map((h) => [h.key, h.value === null ? '' : typeof h.value === 'string' ? h.value : JSON.stringify(h.value)]));
        const message: Message = { key, value, headers, ...(out.timestamp !== null ? { timestamp: String(out.timestamp) } : {}), ...(out.partition !== null ? { partition: out.partition } : {}) };
        byTopic.set(out.topic, [...(byTopic.get(out.topic) ?? []), message]);
      }
      for (const topic of byTopic.keys()) {
        if (this.createdTopics.has(topic)) continue;
        await this.deps.ensureTopic(topic, Number(this.config['topic.creation.default.replication.factor'] ?? '-1'), Number(this.config['topic.creation.default.partitions'] ?? '1'));
        this.createdTopics.add(topic);
      }
      if (byTopic.size > 0) {
        await this.deps.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
        this.metrics.recordsSent += [...byTopic.values()].reduce((sum, list) => sum + list.length, 0);
      }
      // Last offset per source partition, written only now that Kafka acknowledged the records.
      const last = new Map<string, { partition: Record<string, unknown>; offset: Record<string, unknown> }>();
      for (const record of polled) last.set(JSON.stringify(record.sourcePartition), { partition: { ...record.sourcePartition }, offset: { ...record.sourceOffset } });
      try {
        await this.deps.commitSourceOffsets([...last.values()]);
        this.metrics.offsetCommitSuccesses++;
      } catch (error) {
        this.metrics.offsetCommitFailures++;
        throw error;
      }
      this.metrics.recordsFailed = reporter.failedCount;
    }
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    const task = this.task;
    await task?.stop().catch(() => undefined);
    await this.loop;
    this.task = undefined;
    if (this.state !== 'FAILED') this.setState('UNASSIGNED');
  }
}
