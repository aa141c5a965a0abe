import type { ConnectValue, SinkRecord, SourceRecord } from '../core/record.js';
import type { Config, FieldError, FieldSpec } from '../core/config-spec.js';

/**
 * Connect-shaped connectors. A plugin is registered under its class name (plus the tutorial
 * aliases); the worker validates a config with `spec` (+ `validate`), splits it into task configs
 * with `taskConfigs(config, maxTasks)` and runs one task per config.
 *
 * Lifecycle of a task: `start` once, then `put`/`flush` (sink) or `poll` (source) from one caller
 * at a time, then `stop` once. Errors: a thrown `SandboxError` with `retriable: true` makes the
 * worker retry the same call after a backoff; any other error fails the task (or, for a sink with
 * `errors.tolerance=all`, sends the records that fail one by one to the dead letter queue).
 */
export interface TaskContext {
  readonly connectorName: string;
  readonly taskId: number;
  /** Rewrites an in-network `host:port` (`postgres:5432`) to one this process reaches. */
  mapAddress(hostPort: string): string;
  /** The folder file connectors are confined to. */
  readonly fileDirectory: string;
  /** Source tasks: the last committed offset of a source partition, as stored in the offsets topic. */
  offset(sourcePartition: Readonly<Record<string, ConnectValue>>): Readonly<Record<string, ConnectValue>> | undefined;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /**
   * A note shown with the task's status while it is RUNNING (as `trace`, the field Connect tools
   * already show, in `GET /connectors/NAME/status`), and logged: where a file resolves, what the
   * task waits for. undefined clears it. Optional: absent in contexts made outside the worker.
   */
  setStatusNote?(note: string | undefined): void;
}

export interface SinkTask {
  start(config: Readonly<Record<string, string>>, context: TaskContext): Promise<void>;
  /** Writes the records; after `flush` resolves they are durable and their offsets may be committed. */
  put(records: readonly SinkRecord[]): Promise<void>;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export interface SourceTask {
  start(config: Readonly<Record<string, string>>, context: TaskContext): Promise<void>;
  /** The next records, or [] when there is nothing new (the task may wait a little before resolving). */
  poll(): Promise<SourceRecord[]>;
  stop(): Promise<void>;
}

interface PluginBase {
  /** Connect class name the plugin answers to in listings. */
  readonly className: string;
  /** Other class names configs may use (Confluent, Apache Kafka). */
  readonly aliases: readonly string[];
  readonly version: string;
  /** Connector-specific fields (the worker adds the common ones). */
  readonly spec: readonly FieldSpec[];
  /** Checks that span several fields; one message per problem, keyed by field name. */
  validate?(config: Config): FieldError[];
  /** Task configs; the default gives every task the connector config. */
  taskConfigs?(config: Readonly<Record<string, string>>, maxTasks: number): Record<string, string>[];
}

export interface SinkPlugin extends PluginBase {
  readonly type: 'sink';
  createTask(): SinkTask;
}

export interface SourcePlugin extends PluginBase {
  readonly type: 'source';
  createTask(): SourceTask;
}

export type ConnectorPlugin = SinkPlugin | SourcePlugin;
