import type { Kafka, Producer } from 'kafkajs';
import type { TaskContext } from '../connectors/connector.js';

export type TaskState = 'UNASSIGNED' | 'RUNNING' | 'PAUSED' | 'FAILED' | 'RESTARTING';

/** Counts per task, exposed by the REST API (GET /connectors/{name}/tasks/{id}/metrics). */
export interface TaskMetrics {
  recordsRead: number;
  recordsWritten: number;
  recordsPolled: number;
  recordsSent: number;
  recordsFailed: number;
  dlqRecords: number;
  offsetCommitSuccesses: number;
  offsetCommitFailures: number;
}

export const emptyMetrics = (): TaskMetrics => ({
  recordsRead: 0,
  recordsWritten: 0,
  recordsPolled: 0,
  recordsSent: 0,
  recordsFailed: 0,
  dlqRecords: 0,
  offsetCommitSuccesses: 0,
  offsetCommitFailures: 0,
});

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

/**
 * Runs one task. `start` resolves once the task is running (or has failed: see `state`); `stop`
 * resolves after the task stopped and, for sinks, committed what it wrote. Both are idempotent.
 */
export interface TaskRunner {
  readonly id: number;
  readonly state: TaskState;
  readonly trace: string | undefined;
  readonly metrics: TaskMetrics;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
