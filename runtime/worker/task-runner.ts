import type { Kafka, Producer } from 'kafkajs';
import type { TaskContext } from '../connectors/connector.js';
import { sleep } from '../core/sleep.js';
import { converterFor, type ConverterChoice } from './converters.js';
import { ErrorReporter, isRetriable, retryDelay } from './error-reporter.js';
import { TaskMetrics } from './task-metrics.js';
import { createChain, type TransformChain } from './transform-chain.js';

export type TaskState = 'UNASSIGNED' | 'RUNNING' | 'PAUSED' | 'FAILED' | 'RESTARTING';

/** What a runner needs from the worker. */
export interface TaskDeps {
  kafka: Kafka;
  producer: Producer;
  context: TaskContext;
  ensureTopic(topic: string, replicationFactor: number, partitions?: number): Promise<void>;
  /** Source tasks: stores offsets in the offsets topic (resolves after Kafka acknowledged them). */
  commitSourceOffsets(entries: { partition: Record<string, unknown>; offset: Record<string, unknown> }[]): Promise<void>;
  onStateChange(state: TaskState, trace?: string): void;
}

/** Connect's `task.shutdown.graceful.timeout.ms` default. */
const SHUTDOWN_GRACE_MS = 5_000;

/** A task's converters, transforms and error handling, built from its config at each start. */
export interface Pipeline {
  keyConverter: ConverterChoice;
  valueConverter: ConverterChoice;
  chain: TransformChain;
  reporter: ErrorReporter;
}

/**
 * Runs one task. `start` resolves once the task is running (or has failed: see `state`); `stop`
 * resolves after the task stopped and, for sinks, committed what it wrote. Both are idempotent.
 */
export abstract class TaskRunner {
  state: TaskState = 'UNASSIGNED';
  trace: string | undefined;
  readonly metrics = new TaskMetrics();
  /** The task's own note on a RUNNING status (TaskContext.setStatusNote), shown as its trace. */
  private note: string | undefined;
  /** Aborted by `stop`; a new one per `start`. */
  protected stopping = new AbortController();

  constructor(
    readonly id: number,
    protected readonly config: Readonly<Record<string, string>>,
    protected readonly deps: TaskDeps,
  ) {}

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;

  /** TaskContext.setStatusNote: logged when it changes, shown as the trace while RUNNING. */
  setStatusNote(note: string | undefined): void {
    if (note === this.note) return;
    this.note = note;
    if (note) this.deps.context.log(note.startsWith('WARNING') ? 'warn' : 'info', note);
    if (this.state === 'RUNNING') this.setState('RUNNING');
  }

  /** Each start begins without the previous run's note. */
  protected clearStatusNote(): void {
    this.note = undefined;
  }

  /** The task is not running because its connector is paused. */
  markPaused(): void {
    this.setState('PAUSED');
  }

  /** Converters, transforms and error handling; `dlq`: sinks (Connect's DLQ is for sinks only). */
  protected pipeline(dlq: boolean): Pipeline {
    const { context, producer } = this.deps;
    const mapAddress = (hostPort: string) => context.mapAddress(hostPort);
    return {
      keyConverter: converterFor(this.config, true, mapAddress),
      valueConverter: converterFor(this.config, false, mapAddress),
      chain: createChain(this.config),
      reporter: new ErrorReporter({
        connectorName: context.connectorName,
        taskId: this.id,
        config: this.config,
        log: context.log,
        metrics: this.metrics,
        signal: this.stopping.signal,
        ...(dlq ? { producer, ensureTopic: (topic: string, rf: number) => this.deps.ensureTopic(topic, rf) } : {}),
      }),
    };
  }

  /**
   * Waits for `work` (a poll or put still running when the task stops) at most Connect's
   * `task.shutdown.graceful.timeout.ms` (5 s), then abandons it with a warning.
   */
  protected async graceful(work: Promise<unknown> | undefined, what: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([work?.then(() => false, () => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), SHUTDOWN_GRACE_MS)))]);
    clearTimeout(timer);
    if (timedOut) this.deps.context.log('warn', `${what} did not finish within ${SHUTDOWN_GRACE_MS} ms of stopping; abandoned`);
  }

  protected setState(state: TaskState, trace?: string): void {
    this.state = state;
    this.trace = trace ?? (state === 'RUNNING' ? this.note : undefined);
    this.deps.onStateChange(state, this.trace);
  }

  /**
   * `operation` (a sink's put + flush, a source's poll) until it succeeds: a retriable error is
   * retried with backoff (at most `errors.retry.delay.max.ms` apart) for as long as the task runs,
   * as Connect redelivers after a RetriableException; any other error, or stopping, throws.
   */
  protected async retryRetriable<T>(what: string, operation: () => Promise<T>, onRetry: () => Promise<void> = async () => {}): Promise<T> {
    const maxDelay = Number(this.config['errors.retry.delay.max.ms'] ?? '60000');
    for (let attempt = 0; ; attempt++) {
      try {
        return await operation();
      } catch (error) {
        if (!isRetriable(error) || this.stopping.signal.aborted) throw error;
        const delay = retryDelay(attempt, maxDelay);
        this.deps.context.log('warn', `${what} will be retried in ${delay} ms: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(delay, this.stopping.signal);
        await onRetry();
      }
    }
  }
}
