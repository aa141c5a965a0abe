import type { IHeaders, Producer } from 'kafkajs';
import { maskSecretsInText } from '../core/secret-mask.js';

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

/** A stack trace as in Connect's status: exception class, message, then frames and causes; masked. */
export function traceOf(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const prefix = depth === 0 ? '' : 'Caused by: ';
    if (current instanceof Error) {
      lines.push(`${prefix}${exceptionClassOf(current)}: ${current.message}`);
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
}

/**
 * errors.tolerance, errors.log.* and the dead letter queue. `report` either throws
 * ToleranceExceededError (tolerance none) or logs the error, sends the original record to the DLQ
 * (awaited: the offset is committed only after the DLQ has it) and returns.
 */
export class ErrorReporter {
  readonly tolerateAll: boolean;
  private readonly dlqTopic: string;
  private readonly headersEnabled: boolean;
  private dlqReady = false;
  failedCount = 0;
  dlqCount = 0;

  constructor(private readonly options: ErrorReporterOptions) {
    const c = options.config;
    this.tolerateAll = (c['errors.tolerance'] ?? 'none').trim().toLowerCase() === 'all';
    this.dlqTopic = (c['errors.deadletterqueue.topic.name'] ?? '').trim();
    this.headersEnabled = (c['errors.deadletterqueue.context.headers.enable'] ?? 'false').trim().toLowerCase() === 'true';
  }

  async report(stage: Stage, className: string, error: unknown, original?: OriginalRecord): Promise<void> {
    this.failedCount++;
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
    this.dlqCount++;
  }
}
