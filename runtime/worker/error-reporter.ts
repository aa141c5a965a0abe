import type { IHeaders, Producer } from 'kafkajs';
import { maskSecretsInText } from '../core/secret-mask.js';
import { sleep } from '../core/sleep.js';
import type { TaskMetrics } from './task-metrics.js';

/** Connect's stages (org.apache.kafka.connect.runtime.errors.Stage). */
export type Stage = 'KEY_CONVERTER' | 'VALUE_CONVERTER' | 'HEADER_CONVERTER' | 'TRANSFORMATION' | 'TASK_PUT' | 'TASK_POLL' | 'KAFKA_PRODUCE' | 'KAFKA_CONSUME';

/** The record as it was read from Kafka, for the DLQ. */
export interface OriginalRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

export const DLQ_HEADER_PREFIX = '__connect.errors.';

/**
 * Connect's RetriableException: a `SandboxError` (or any error, from a plugin file) with
 * `retriable: true`, or one naming the Java class.
 */
export function isRetriable(error: unknown): boolean {
  const e = error as { retriable?: unknown; connectClass?: unknown; exceptionClass?: unknown } | null;
  return e?.retriable === true || e?.connectClass === 'org.apache.kafka.connect.errors.RetriableException' || e?.exceptionClass === 'org.apache.kafka.connect.errors.RetriableException';
}

/** Connect's backoff between retries: 300 ms doubling per attempt, at most `maxDelayMs`. */
export function retryDelay(attempt: number, maxDelayMs: number): number {
  return Math.min(300 * 2 ** Math.min(attempt, 20), maxDelayMs);
}

/** An error tolerance=none turns into a failed task; carries Connect's "Tolerance exceeded" message. */
export class ToleranceExceededError extends Error {
  constructor(stage: Stage, cause: unknown) {
    super(`Tolerance exceeded in error handler (stage ${stage})`, { cause });
    this.name = 'ConnectException';
  }
}

/** The Java-ish exception class name reported in headers and traces. */
export function exceptionClassOf(error: unknown): string {
  const connectClass = (error as { connectClass?: string })?.connectClass ?? (error as { exceptionClass?: string })?.exceptionClass;
  if (typeof connectClass === 'string') return connectClass;
  if (error instanceof Error && error.name === 'ConnectorError') return 'org.apache.kafka.connect.errors.ConnectException';
  return error instanceof Error ? error.name : 'Error';
}

/** A stack trace as in Connect's status: exception class, message (and hint), then frames and causes; masked. */
export function traceOf(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const prefix = depth === 0 ? '' : 'Caused by: ';
    if (current instanceof Error) {
      lines.push(`${prefix}${exceptionClassOf(current)}: ${current.message}`);
      // A SandboxError's hint says what to do: right under its message, where `connect status` shows it.
      const hint = (current as { hint?: unknown }).hint;
      if (typeof hint === 'string' && hint) lines.push(`\tHint: ${hint}`);
      lines.push(...(current.stack ?? '').split('\n').slice(1).map((line) => `\t${line.trim()}`));
      current = current.cause;
    } else {
      lines.push(`${prefix}${String(current)}`);
      break;
    }
  }
  return maskSecretsInText(lines.join('\n'));
}

export interface ErrorReporterOptions {
  connectorName: string;
  taskId: number;
  config: Readonly<Record<string, string>>;
  /** Sends DLQ records; absent for source tasks (Connect's DLQ is for sinks only). */
  producer?: Producer;
  ensureTopic?: (topic: string, replicationFactor: number) => Promise<void>;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Counts `recordsFailed` and `dlqRecords`. */
  metrics: TaskMetrics;
  /** Aborted when the task stops: ends retries. */
  signal: AbortSignal;
}

/**
 * Connect's RetryWithToleranceOperator and error reporters: `errors.retry.*`, `errors.tolerance`,
 * `errors.log.*` and the dead letter queue. `execute` runs one stage of one record with retries;
 * `report` either throws ToleranceExceededError (tolerance none) or logs the error, sends the
 * original record to the DLQ (awaited: the offset is committed only after the DLQ has it) and returns.
 */
export class ErrorReporter {
  readonly tolerateAll: boolean;
  private readonly dlqTopic: string;
  private readonly headersEnabled: boolean;
  private readonly retryTimeoutMs: number;
  private readonly maxDelayMs: number;
  private dlqReady = false;

  constructor(private readonly options: ErrorReporterOptions) {
    const c = options.config;
    this.tolerateAll = (c['errors.tolerance'] ?? 'none').trim().toLowerCase() === 'all';
    this.dlqTopic = (c['errors.deadletterqueue.topic.name'] ?? '').trim();
    this.headersEnabled = (c['errors.deadletterqueue.context.headers.enable'] ?? 'false').trim().toLowerCase() === 'true';
    this.retryTimeoutMs = Number(c['errors.retry.timeout'] ?? '0');
    this.maxDelayMs = Number(c['errors.retry.delay.max.ms'] ?? '60000');
  }

  /**
   * One converter or transform stage of one record, as Connect runs it: a retriable error is
   * retried while `errors.retry.timeout` allows (0: never, -1: forever), with Connect's backoff;
   * any other error, or one still failing at the deadline, goes to `report`. Resolves with the
   * stage's result, or undefined when the record is skipped (tolerance all).
   */
  async execute<T>(stage: Stage, className: string | (() => string), operation: () => T | Promise<T>, original?: OriginalRecord): Promise<{ value: T } | undefined> {
    const deadline = this.retryTimeoutMs < 0 ? Infinity : Date.now() + this.retryTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return { value: await operation() };
      } catch (error) {
        const remaining = deadline - Date.now();
        if (!isRetriable(error) || remaining <= 0 || this.options.signal.aborted) {
          await this.report(stage, typeof className === 'string' ? className : className(), error, original);
          return undefined;
        }
        await sleep(Math.min(retryDelay(attempt, this.maxDelayMs), remaining), this.options.signal);
      }
    }
  }

  async report(stage: Stage, className: string, error: unknown, original?: OriginalRecord): Promise<void> {
    this.options.metrics.add('recordsFailed');
    if (!this.tolerateAll) throw new ToleranceExceededError(stage, error);
    const c = this.options.config;
    if ((c['errors.log.enable'] ?? 'false').toLowerCase() === 'true') {
      const where = original ? ` for record ${original.topic}-${original.partition}@${original.offset}` : '';
      const message = (c['errors.log.include.messages'] ?? 'false').toLowerCase() === 'true' && original ? ` value=${original.value?.toString('utf8').slice(0, 500)}` : '';
      this.options.log('error', maskSecretsInText(`Error encountered in task ${this.options.connectorName}-${this.options.taskId}. Executing stage '${stage}' with class '${className}'${where}${message}: ${error instanceof Error ? error.message : String(error)}`));
    }
    if (this.dlqTopic && original && this.options.producer) await this.sendToDlq(stage, className, error, original);
  }

  /** The headers Connect's DeadLetterQueueReporter adds (all UTF-8 strings). */
  contextHeaders(stage: Stage, className: string, error: unknown, original: OriginalRecord): Record<string, string> {
    const p = DLQ_HEADER_PREFIX;
    return {
      [`${p}topic`]: original.topic,
      [`${p}partition`]: String(original.partition),
      [`${p}offset`]: original.offset,
      [`${p}connector.name`]: this.options.connectorName,
      [`${p}task.id`]: String(this.options.taskId),
      [`${p}stage`]: stage,
      [`${p}class.name`]: className,
      [`${p}exception.class.name`]: exceptionClassOf(error),
      [`${p}exception.message`]: maskSecretsInText(error instanceof Error ? error.message : String(error)),
      [`${p}exception.stacktrace`]: traceOf(error),
    };
  }

  private async sendToDlq(stage: Stage, className: string, error: unknown, original: OriginalRecord): Promise<void> {
    if (!this.dlqReady) {
      const rf = Number(this.options.config['errors.deadletterqueue.topic.replication.factor'] ?? '3');
      await this.options.ensureTopic?.(this.dlqTopic, rf);
      this.dlqReady = true;
    }
    const headers: IHeaders = { ...original.headers };
    if (this.headersEnabled) Object.assign(headers, this.contextHeaders(stage, className, error, original));
    await this.options.producer!.send({ topic: this.dlqTopic, acks: -1, messages: [{ key: original.key, value: original.value, headers }] });
    this.options.metrics.add('dlqRecords');
  }
}
