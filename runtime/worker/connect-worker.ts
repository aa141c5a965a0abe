import type { Admin, Kafka, Producer } from 'kafkajs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeConfig, splitList, type RawConfig } from '../core/config-spec.js';
import { maskConfig } from '../core/secret-mask.js';
import type { ConnectorPlugin, TaskContext } from '../connectors/connector.js';
import { ConnectorRegistry } from '../connectors/connector-registry.js';
import type { ConnectValue } from '../core/record.js';
import { mapAddress, type AddressMap } from './address-map.js';
import { KafkaBackingStore, type StoreTopics } from './kafka-backing-store.js';
import { notFound, RestError, taskNotFound } from './rest-error.js';
import { SinkTaskRunner } from './sink-task-runner.js';
import { SourceTaskRunner } from './source-task-runner.js';
import { committedLag } from './consumer-lag.js';
import type { TaskMetricsSnapshot } from './task-metrics.js';
import type { TaskRunner } from './task-runner.js';
import { fullSpec, invalidConfigMessage, validateConnectorConfig } from './validate-config.js';
import { createTopicsAndWait } from '../kafka/create-topics.js';

export type ConnectorState = 'RUNNING' | 'PAUSED' | 'FAILED' | 'UNASSIGNED' | 'RESTARTING';

interface ConnectorRuntime {
  name: string;
  plugin: ConnectorPlugin;
  config: Record<string, string>;
  state: ConnectorState;
  trace: string | undefined;
  taskConfigs: Record<string, string>[];
  tasks: TaskRunner[];
}

export interface ConnectorStatus {
  name: string;
  connector: { state: string; worker_id: string; trace?: string };
  tasks: { id: number; state: string; worker_id: string; trace?: string }[];
  type: 'sink' | 'source';
}

/** `GET /connectors/{name}/metrics`, and the `connector-metrics` event. */
export interface ConnectorMetrics {
  connector: string;
  type: 'sink' | 'source';
  /** Sinks: records in the topics not yet committed by group `connect-<name>`; null for sources and when unknown. */
  consumerLag: number | null;
  tasks: ({ id: number; state: string } & TaskMetricsSnapshot)[];
}

/**
 * What the worker reports as it runs (for the TUI): state changes of connectors and tasks as they
 * happen, and every connector's metrics every `metricsIntervalMs`.
 */
export type ConnectWorkerEvent =
  | { kind: 'connector-state'; connector: string; state: string }
  | { kind: 'task-state'; connector: string; task: number; state: string; trace?: string | undefined }
  | { kind: 'connector-metrics'; metrics: ConnectorMetrics };

export interface ConnectorInfo {
  name: string;
  config: Record<string, string>;
  tasks: { connector: string; task: number }[];
  type: 'sink' | 'source';
}

export interface HerderOptions {
  kafka: Kafka;
  admin: Admin;
  producer: Producer;
  registry: ConnectorRegistry;
  topics: StoreTopics;
  workerId: string;
  addressMap: AddressMap;
  fileDirectory: string;
  replicationFactor: number;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  onEvent?: ((event: ConnectWorkerEvent) => void) | undefined;
  /** How often `connector-metrics` events go to `onEvent` (default 5000 ms; 0: never). */
  metricsIntervalMs?: number | undefined;
}

/**
 * The bundled worker's brain (Connect's "herder"): connectors and their tasks in this process,
 * with configs, target states and offsets in Kafka. Methods throw RestError with Connect's status
 * codes and messages; configs leaving here are masked.
 */
export class Herder {
  private readonly connectors = new Map<string, ConnectorRuntime>();
  private readonly store: KafkaBackingStore;
  private readonly brokerCount: Promise<number>;
  /** Serializes lifecycle changes: one connector create/update/delete/restart at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private metricsTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: HerderOptions) {
    this.store = new KafkaBackingStore(options.kafka, options.admin, options.producer, options.topics);
    this.brokerCount = options.admin.describeCluster().then((c) => c.brokers.length);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  get workerId(): string {
    return this.options.workerId;
  }

  get registry(): ConnectorRegistry {
    return this.options.registry;
  }

  /** Reads the stored configs and starts every connector (paused ones stay paused). */
  async start(): Promise<void> {
    const rf = Math.min(this.options.replicationFactor, await this.brokerCount);
    await this.store.start(rf);
    for (const [name, config] of this.store.configs) {
      const plugin = this.options.registry.find(config['connector.class']);
      if (!plugin) {
        this.options.log('warn', `stored connector ${name} has class ${config['connector.class']}, which this worker does not implement; skipped`);
        continue;
      }
      await this.serial(() => this.startConnector(name, plugin, config));
    }
    this.startMetricsEvents();
  }

  /** Emits every connector's metrics as `connector-metrics` events, one round at a time. */
  private startMetricsEvents(): void {
    const { onEvent, metricsIntervalMs = 5_000 } = this.options;
    if (!onEvent || metricsIntervalMs <= 0) return;
    let round: Promise<void> | undefined;
    this.metricsTimer = setInterval(() => {
      round ??= (async () => {
        for (const name of this.names()) {
          const metrics = await this.metrics(name).catch(() => undefined);
          if (metrics) onEvent({ kind: 'connector-metrics', metrics });
        }
      })().finally(() => (round = undefined));
    }, metricsIntervalMs);
    this.metricsTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.metricsTimer);
    await this.serial(async () => {
      await Promise.all([...this.connectors.values()].map((runtime) => this.stopTasks(runtime)));
    });
  }

  has(name: string): boolean {
    return this.connectors.has(name);
  }

  names(): string[] {
    return [...this.connectors.keys()].sort();
  }

  /** POST /connectors and PUT /connectors/{name}/config. Returns whether it was created. */
  async putConnector(name: string, raw: RawConfig, options: { failIfExists: boolean }): Promise<{ created: boolean; info: ConnectorInfo }> {
    return this.serial(async () => {
      const existing = this.connectors.get(name);
      if (existing && options.failIfExists) throw new RestError(409, `Connector ${name} already exists`);
      const config = normalizeConfig(raw);
      config.name ??= name;
      if (config.name !== name) throw new RestError(400, `Connector name configuration (${config.name}) doesn't match connector name in the URL (${name})`);
      // A masked secret sent back unchanged keeps the stored one.
      if (existing) for (const [key, value] of Object.entries(config)) if (value === '[hidden]' && existing.config[key] !== undefined) config[key] = existing.config[key]!;
      const plugin = this.options.registry.find(config['connector.class']);
      if (!plugin) throw new RestError(400, `Failed to find any class that implements Connector and which name matches ${config['connector.class'] ?? '(none)'}, available connectors are: ${this.options.registry.classNames().join(', ')}`);
      const infos = validateConnectorConfig(plugin, config);
      if (infos.error_count > 0) throw new RestError(400, invalidConfigMessage(infos));
      if (existing) await this.stopTasks(existing);
      await this.store.putConfig(name, config);
      await this.startConnector(name, plugin, config);
      return { created: !existing, info: this.info(name) };
    });
  }

  private async startConnector(name: string, plugin: ConnectorPlugin, config: Record<string, string>): Promise<void> {
    const maxTasks = Number(config['tasks.max'] ?? '1');
    const taskConfigs = plugin.taskConfigs ? plugin.taskConfigs(config, maxTasks) : Array.from({ length: maxTasks }, () => ({ ...config }));
    const runtime: ConnectorRuntime = { name, plugin, config, state: 'RUNNING', trace: undefined, taskConfigs, tasks: [] };
    this.connectors.set(name, runtime);
    runtime.tasks = taskConfigs.map((taskConfig, id) => this.createRunner(runtime, id, taskConfig));
    const paused = this.store.targetStates.get(name) === 'PAUSED';
    this.setConnectorState(runtime, paused ? 'PAUSED' : 'RUNNING');
    if (paused) {
      for (const task of runtime.tasks) task.markPaused();
      return;
    }
    await Promise.all(runtime.tasks.map((task) => task.start()));
  }

  private createRunner(runtime: ConnectorRuntime, id: number, taskConfig: Record<string, string>): TaskRunner {
    const { name } = runtime;
    const runner: { current?: TaskRunner } = {};
    const context: TaskContext = {
      connectorName: name,
      taskId: id,
      fileDirectory: this.options.fileDirectory,
      mapAddress: (hostPort) => mapAddress(this.options.addressMap, hostPort),
      offset: (partition) => this.store.offset(name, partition) as Readonly<Record<string, ConnectValue>> | undefined,
      log: (level, message) => this.options.log(level, `[${name}-${id}] ${message}`),
      setStatusNote: (note) => runner.current?.setStatusNote(note),
    };
    const deps = {
      kafka: this.options.kafka,
      producer: this.options.producer,
      context,
      ensureTopic: (topic: string, rf: number, partitions = 1) => this.ensureTopic(topic, rf, partitions),
      commitSourceOffsets: (entries: { partition: Record<string, unknown>; offset: Record<string, unknown> }[]) => this.store.putOffsets(name, entries),
      onStateChange: (state: string, trace?: string) => {
        this.options.onEvent?.({ kind: 'task-state', connector: name, task: id, state, trace });
        this.writeStatus(`status-task-${name}-${id}`, state, trace);
      },
    };
    runner.current = runtime.plugin.type === 'sink' ? new SinkTaskRunner(id, runtime.plugin, taskConfig, deps) : new SourceTaskRunner(id, runtime.plugin, taskConfig, deps);
    return runner.current;
  }

  private async ensureTopic(topic: string, replicationFactor: number, partitions: number): Promise<void> {
    const existing = await this.options.admin.listTopics();
    if (existing.includes(topic)) return;
    const brokers = await this.brokerCount;
    const rf = replicationFactor < 0 ? -1 : Math.max(1, Math.min(replicationFactor, brokers));
    await createTopicsAndWait(this.options.admin, [{ topic, numPartitions: partitions < 1 ? -1 : partitions, replicationFactor: rf }], { timeoutMs: 30_000 });
  }

  /** Sets, announces (event) and records (status topic) a connector's state. */
  private setConnectorState(runtime: ConnectorRuntime, state: ConnectorState): void {
    runtime.state = state;
    this.options.onEvent?.({ kind: 'connector-state', connector: runtime.name, state });
    this.writeStatus(`status-connector-${runtime.name}`, state);
  }

  /** Best effort, in the background: the status topic is informational. */
  private writeStatus(key: string, state: string, trace?: string): void {
    void this.store.putStatus(key, { state, trace: trace ?? null, worker_id: this.options.workerId, generation: 1 }).catch(() => undefined);
  }

  private async stopTasks(runtime: ConnectorRuntime): Promise<void> {
    await Promise.all(runtime.tasks.map((task) => task.stop()));
  }

  private get(name: string): ConnectorRuntime {
    const runtime = this.connectors.get(name);
    if (!runtime) throw notFound(name);
    return runtime;
  }

  private masked(runtime: ConnectorRuntime, config: Record<string, string>): Record<string, string> {
    return maskConfig(config, fullSpec(runtime.plugin));
  }

  config(name: string): Record<string, string> {
    const runtime = this.get(name);
    return this.masked(runtime, runtime.config);
  }

  info(name: string): ConnectorInfo {
    const runtime = this.get(name);
    return { name, config: this.masked(runtime, runtime.config), tasks: runtime.tasks.map((task) => ({ connector: name, task: task.id })), type: runtime.plugin.type };
  }

  tasks(name: string): { id: { connector: string; task: number }; config: Record<string, string> }[] {
    const runtime = this.get(name);
    return runtime.taskConfigs.map((config, task) => ({ id: { connector: name, task }, config: this.masked(runtime, { ...config, 'task.class': `${runtime.plugin.className}Task` }) }));
  }

  status(name: string): ConnectorStatus {
    const runtime = this.get(name);
    const worker_id = this.options.workerId;
    return {
      name,
      connector: { state: runtime.state, worker_id, ...(runtime.trace ? { trace: runtime.trace } : {}) },
      tasks: runtime.tasks.map((task) => this.taskStatus(name, task.id)),
      type: runtime.plugin.type,
    };
  }

  taskStatus(name: string, id: number): { id: number; state: string; worker_id: string; trace?: string } {
    const task = this.get(name).tasks[id];
    if (!task) throw taskNotFound(name, id);
    return { id, state: task.state, worker_id: this.options.workerId, ...(task.trace ? { trace: task.trace } : {}) };
  }

  /**
   * Counts and windowed rates per task and, for sinks, the consumer lag of group `connect-<name>`
   * (records not yet committed) and of each task (records behind its last fetch).
   */
  async metrics(name: string): Promise<ConnectorMetrics> {
    const runtime = this.get(name);
    let consumerLag: number | null = null;
    if (runtime.plugin.type === 'sink') {
      const regex = runtime.config['topics.regex']?.trim();
      const topics = async () => (regex ? (await this.options.admin.listTopics()).filter((t) => new RegExp(regex).test(t)) : splitList(runtime.config.topics));
      consumerLag = await topics().then((list) => committedLag(this.options.admin, `connect-${name}`, list)).catch(() => null);
    }
    return {
      connector: name,
      type: runtime.plugin.type,
      consumerLag,
      tasks: runtime.tasks.map((task) => ({ id: task.id, state: task.state, ...task.metrics.snapshot() })),
    };
  }

  async pause(name: string): Promise<void> {
    const runtime = this.get(name);
    await this.serial(async () => {
      await this.store.putTargetState(name, 'PAUSED');
      await this.stopTasks(runtime);
      this.setConnectorState(runtime, 'PAUSED');
      for (const task of runtime.tasks) if (task.state !== 'FAILED') task.markPaused();
    });
  }

  async resume(name: string): Promise<void> {
    const runtime = this.get(name);
    await this.serial(async () => {
      await this.store.putTargetState(name, 'STARTED');
      if (runtime.state !== 'PAUSED') return;
      this.setConnectorState(runtime, 'RUNNING');
      await Promise.all(runtime.tasks.filter((task) => task.state !== 'FAILED').map((task) => task.start()));
    });
  }

  async restartTask(name: string, id: number): Promise<void> {
    const runtime = this.get(name);
    const task = runtime.tasks[id];
    if (!task) throw taskNotFound(name, id);
    await this.serial(async () => {
      await task.stop();
      if (runtime.state === 'PAUSED') task.markPaused();
      else await task.start();
    });
  }

  /** POST /connectors/{name}/restart; the status returned marks what restarts as RESTARTING. */
  async restart(name: string, includeTasks: boolean, onlyFailed: boolean): Promise<ConnectorStatus> {
    const runtime = this.get(name);
    const restartConnector = !onlyFailed || runtime.state === 'FAILED';
    const tasks = includeTasks ? runtime.tasks.filter((task) => !onlyFailed || task.state === 'FAILED') : [];
    const status = this.status(name);
    if (restartConnector) status.connector.state = 'RESTARTING';
    for (const task of tasks) {
      const entry = status.tasks.find((t) => t.id === task.id);
      if (entry) entry.state = 'RESTARTING';
    }
    for (const task of tasks) await this.restartTask(name, task.id);
    if (restartConnector && runtime.state === 'FAILED') this.setConnectorState(runtime, 'RUNNING');
    return status;
  }

  async delete(name: string): Promise<void> {
    const runtime = this.get(name);
    await this.serial(async () => {
      await this.stopTasks(runtime);
      await this.store.removeConnector(name);
      this.connectors.delete(name);
      await this.options.producer.send({
        topic: this.options.topics.status,
        acks: 1,
        messages: [{ key: `status-connector-${name}`, value: null }, ...runtime.tasks.map((t) => ({ key: `status-task-${name}-${t.id}`, value: null }))],
      }).catch(() => undefined);
    });
  }

  validate(className: string, raw: RawConfig) {
    const plugin = this.options.registry.find(className);
    if (!plugin) return undefined;
    const config = normalizeConfig(raw);
    return validateConnectorConfig(plugin, config);
  }
}

export function defaultFileDirectory(): string {
  const dir = join(process.env.KAFKA_SANDBOX_STATE_DIR ?? join(process.env.XDG_STATE_HOME ?? join(process.env.HOME ?? '.', '.local', 'state'), 'kafka-sandbox'), 'connect-files');
  mkdirSync(dir, { recursive: true });
  return dir;
}
