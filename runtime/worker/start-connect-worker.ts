import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Partitioners } from 'kafkajs';
import type { ConnectorPlugin } from '../connectors/connector.js';
import { ConnectorRegistry, defaultPlugins } from '../connectors/connector-registry.js';
import { maskSecretsInText } from '../core/secret-mask.js';
import { packageRoot, packageVersion } from '../core/package-root.js';
import { kafkaClient, longLivedRetry } from '../kafka/kafka-client.js';
import { installPlugins } from '../plugins/install-plugins.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import { addressMapFor, mapAddress, type MappableEndpoints } from './address-map.js';
import type { LifelineOptions } from './lifeline.js';
import { importPluginModules } from './plugin-modules.js';
import { defaultFileDirectory, Herder, type ConnectWorkerEvent } from './connect-worker.js';
import { defaultStoreTopics } from './kafka-backing-store.js';
import { RestServer } from './rest-server.js';

export interface ConnectWorkerOptions {
  /** Kafka for the worker's own clients (host addresses, e.g. the sandbox's `bootstrapServers`). */
  bootstrapServers: string;
  /** REST port on 127.0.0.1; 0 picks a free one. Default 8083. */
  port?: number;
  host?: string;
  /** The real Connect worker's URL: connectors of other classes are forwarded there. */
  forwardUrl?: string | undefined;
  /** A sandbox's endpoints: tutorial hostnames (postgres:5432, broker-1:9092, ...) map to them. */
  endpoints?: MappableEndpoints;
  /** Extra or overriding in-network `host:port` -> reachable `host:port` entries. */
  addressMap?: Iterable<readonly [string, string]>;
  /** Folder file connectors are confined to (default: <state dir>/connect-files). */
  fileDirectory?: string;
  /** Prefix of the configs/offsets/status topics (default `_sandbox-connect`). */
  topicPrefix?: string;
  /** Replication factor of those topics, capped at the broker count (default 3). */
  replicationFactor?: number;
  /** Connector plugins (default: runtime's own, `defaultPlugins()`). */
  plugins?: ConnectorPlugin[];
  /** Modules exporting `connectorPlugins`, added to `plugins` (JSON-safe, for a detached worker; see importPluginModules). */
  pluginModules?: string[];
  /** Custom plugin modules or folders (`--plugin`): their connectors join `plugins`; their transforms, predicates and converters are registered process-wide. */
  pluginPaths?: string[];
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Connector and task state changes as they happen, and every connector's metrics every `metricsIntervalMs` (for the TUI). */
  onEvent?: (event: ConnectWorkerEvent) => void;
  /** How often `connector-metrics` events are emitted (default 5000 ms; 0: never). */
  metricsIntervalMs?: number;
  /** Detached workers (worker-main): exit by themselves once their sandbox is gone. */
  lifeline?: LifelineOptions;
}

export interface StartedConnectWorker extends AsyncDisposable {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  readonly workerId: string;
  /** Stops every task (sinks commit what they wrote), the REST server and the Kafka clients. */
  stop(): Promise<void>;
}

const defaultLog = (level: string, message: string) => process.stderr.write(`[connect ${level}] ${maskSecretsInText(message)}\n`);

/**
 * Starts the bundled Kafka-Connect-compatible worker in this process: reads stored connectors from
 * Kafka and resumes them, then answers Connect's REST API. Resolves once the API listens.
 */
export async function startConnectWorker(options: ConnectWorkerOptions): Promise<StartedConnectWorker> {
  const log = options.log ?? defaultLog;
  const builtIns = [...(options.plugins ?? (await defaultPlugins())), ...(await importPluginModules(options.pluginModules ?? []))];
  const custom = options.pluginPaths?.length ? await loadPlugins(options.pluginPaths) : undefined;
  const plugins = custom ? installPlugins(custom, builtIns) : builtIns;
  if (custom) log('info', `custom plugins: ${[...custom.origins.keys()].map((p) => p.className).join(', ')}`);
  const addressMap = new Map(options.endpoints ? addressMapFor(options.endpoints) : []);
  for (const [from, to] of options.addressMap ?? []) addressMap.set(from, to);
  const brokers = options.bootstrapServers.split(',').map((b) => mapAddress(addressMap, b));
  const kafka = kafkaClient(brokers, { clientId: 'kafka-sandbox-connect', retry: longLivedRetry });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5, createPartitioner: Partitioners.DefaultPartitioner });
  await admin.connect();
  await producer.connect();
  const registry = new ConnectorRegistry(plugins);
  const rest: { server?: RestServer } = {};
  let herder: Herder | undefined;
  try {
    const clusterId = (await admin.describeCluster()).clusterId;
    const requestedPort = options.port ?? 8083;
    // The worker id names the REST address; known only after listening, so listen first and
    // answer 503-free from the start: the herder is created before the server accepts requests.
    const portHolder = { port: requestedPort };
    herder = new Herder({
      kafka,
      admin,
      producer,
      registry,
      topics: defaultStoreTopics(options.topicPrefix),
      get workerId() {
        return `127.0.0.1:${portHolder.port}`;
      },
      addressMap,
      fileDirectory: options.fileDirectory ?? defaultFileDirectory(),
      replicationFactor: options.replicationFactor ?? 3,
      log,
      onEvent: options.onEvent,
      metricsIntervalMs: options.metricsIntervalMs,
    } as ConstructorParameters<typeof Herder>[0]);
    rest.server = new RestServer({ herder, forwardUrl: options.forwardUrl, version: packageVersion(), clusterId, log });
    portHolder.port = await rest.server.listen(requestedPort, options.host ?? '127.0.0.1');
    await herder.start();
    const port = portHolder.port;
    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        await rest.server?.close();
        await herder?.stop();
        await producer.disconnect().catch(() => undefined);
        await admin.disconnect().catch(() => undefined);
      })());
    log('info', `Kafka Connect REST API on http://127.0.0.1:${port}${options.forwardUrl ? ` (other connector classes go to ${options.forwardUrl})` : ''}`);
    return { url: `http://127.0.0.1:${port}`, port, workerId: `127.0.0.1:${port}`, stop, [Symbol.asyncDispose]: stop };
  } catch (error) {
    await rest.server?.close().catch(() => undefined);
    await herder?.stop().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    throw error;
  }
}

/**
 * Starts the worker as a detached process that outlives the caller (for `up --detach`): runs
 * worker-main with `options` (plugins and log are not passed; the child logs to `logFile`).
 * Resolves with the child's pid and URL once its REST API listens. Stop it with SIGTERM.
 */
export async function spawnDetachedConnectWorker(
  options: Omit<ConnectWorkerOptions, 'plugins' | 'log' | 'addressMap'> & { addressMap?: Record<string, string> },
  logFile: string,
  { timeoutMs = 120_000 }: { timeoutMs?: number } = {},
): Promise<{ pid: number; url: string }> {
  const here = fileURLToPath(import.meta.url);
  const fromSources = here.endsWith('.ts');
  const entry = join(dirname(here), fromSources ? 'worker-main.ts' : 'worker-main.js');
  const { addressMap, ...rest } = options;
  const childOptions = { ...rest, ...(addressMap ? { addressMap: Object.entries(addressMap) } : {}), ...(rest.pluginPaths ? { pluginPaths: rest.pluginPaths.map((path) => resolve(path)) } : {}) };
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...(fromSources ? ['--import', 'tsx'] : []), entry, JSON.stringify(childOptions)], {
    detached: true,
    stdio: ['ignore', out, out],
    cwd: packageRoot(),
  });
  child.unref();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /listening (http:\/\/\S+)/.exec(readFileSync(logFile, 'utf8'));
    if (match) return { pid: child.pid!, url: match[1]! };
    if (child.exitCode !== null) throw new Error(`the Connect worker exited with code ${child.exitCode}; see ${logFile}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the Connect worker did not start within ${timeoutMs} ms; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
