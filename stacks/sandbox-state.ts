import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ImageSetName } from './images.js';
import type { KafkaMode } from './kafka/broker-properties.js';

/** Endpoints of a running sandbox: plain data, all the runtime and scenarios need. */
export interface Endpoints {
  /** `127.0.0.1:P1,127.0.0.1:P2,...` for clients on the host. */
  bootstrapServers: string;
  /** `broker-1:9092,...` for containers on the sandbox network. */
  internalBootstrapServers: string;
  schemaRegistryUrl?: string;
  /** Connect's REST API: kafka-sandbox's bundled worker, which forwards other classes to the real one. */
  connectUrl?: string;
  /** The real Kafka Connect worker (Debezium and other Java plugins). */
  connectWorkerUrl?: string;
  /** Includes the password: never print it in a human view (see maskUrl). */
  postgresUrl?: string;
  elasticsearchUrl?: string;
}

export interface BrokerState {
  id: number;
  alias: string;
  host: '127.0.0.1';
  port: number;
}

/** What `up` records so that `status` and `down` find a sandbox again from another process. */
export interface SandboxState {
  name: string;
  mode: KafkaMode;
  images: ImageSetName;
  networkName: string;
  startedAt: string;
  brokers: BrokerState[];
  endpoints: Endpoints;
  /** PID of the foreground `up`, absent when detached. */
  foregroundPid?: number;
  /** PID of the bundled Connect worker process. */
  connectWorkerPid?: number;
}

export function stateDir(): string {
  return process.env.KAFKA_SANDBOX_STATE_DIR ?? join(process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'kafka-sandbox');
}

/** The state file of sandbox `name` (its bundled worker exits once it is gone). */
export const sandboxStateFile = (name: string) => join(stateDir(), `${name}.json`);

/** Written with mode 0600: it holds the Postgres password. */
export async function writeSandboxState(state: SandboxState): Promise<void> {
  await mkdir(stateDir(), { recursive: true });
  await writeFile(sandboxStateFile(state.name), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await chmod(sandboxStateFile(state.name), 0o600);
}

export async function readSandboxState(name: string): Promise<SandboxState | undefined> {
  try {
    return JSON.parse(await readFile(sandboxStateFile(name), 'utf8')) as SandboxState;
  } catch {
    return undefined;
  }
}

/** Removes the state file and the bundled Connect worker's log. */
export async function removeSandboxState(name: string): Promise<void> {
  await rm(sandboxStateFile(name), { force: true });
  await rm(join(stateDir(), `${name}-connect-worker.log`), { force: true });
}

/** `postgres://user:****@host:port/db`: a URL safe to print. */
export function maskUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1****@');
}
