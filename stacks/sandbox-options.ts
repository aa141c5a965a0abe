import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigError } from '../runtime/core/errors.js';
import type { ImageSetName } from './images.js';
import { imageSetName } from './image-set.js';
import type { KafkaMode } from './kafka/broker-properties.js';
import type { PortMode } from './host-ports.js';

/** Services that `--without` may leave out; Kafka (and ZooKeeper in zookeeper mode) always run. */
export const optionalServices = ['schema-registry', 'connect', 'postgres', 'elasticsearch'] as const;
export type OptionalService = (typeof optionalServices)[number];

/** A state change of one service while a sandbox starts or runs. */
export interface StackEvent {
  service: string;
  state: 'starting' | 'ready' | 'failed' | 'notice';
  /** Milliseconds since `startSandbox` was called. */
  elapsedMs: number;
  endpoint?: string;
  message?: string;
}

export interface SandboxOptions {
  /** Sandbox name; containers, network and state file carry it. Programmatic default: a random `test-…`. */
  name?: string;
  /** `kraft` (Kafka 4.x, default) or `zookeeper` (Kafka 3.9 + ZooKeeper). */
  mode?: KafkaMode;
  /** 1 or 3 brokers (default 3). */
  brokers?: number;
  without?: OptionalService[];
  /**
   * Image set. Default: `KAFKA_SANDBOX_IMAGES`, else `official` when a container registry answers,
   * else `offline`, whose missing images are then built (see stacks/choose-image-set.ts); a
   * `notice` event says which set and why.
   */
  images?: ImageSetName;
  /** `random` (programmatic default), `default` (tutorial ports when free) or `service=port,...`. */
  ports?: PortMode | string;
  /** A stack file to seed topics from; `false` seeds nothing; default the bundled default-stack.yaml. */
  stackFile?: string | false;
  /**
   * Brokers' `auto.create.topics.enable`: producing to (or fetching metadata of) an unknown topic
   * creates it with `num.partitions` 3 and replication min(3, brokers). Default: the stack file's
   * `auto_create_topics`, else true (as in Kafka); false catches misspelt topic names.
   */
  autoCreateTopics?: boolean;
  /** Per-service start-up limit (default 180 s). */
  startupTimeoutMs?: number;
  /** Custom connector/transform/converter modules or folders for the bundled Connect worker. */
  connectPlugins?: string[];
  /** Built-in plugin modules for the bundled worker, handed over by the caller (app/ gives the datagen source). */
  connectPluginModules?: string[];
  onEvent?: (event: StackEvent) => void;
}

export interface ResolvedSandboxOptions {
  name: string;
  mode: KafkaMode;
  brokers: number;
  services: Set<OptionalService>;
  /** The set asked for; undefined lets startSandbox choose (chooseImageSet). */
  images: ImageSetName | undefined;
  ports: string;
  stackFile: string | false | undefined;
  autoCreateTopics: boolean | undefined;
  startupTimeoutMs: number;
  /** Absolute paths. */
  connectPlugins: string[];
  connectPluginModules: string[];
  onEvent: (event: StackEvent) => void;
}

function connectPlugins(options: SandboxOptions, without: readonly string[]): string[] {
  const paths = (options.connectPlugins ?? []).map((path) => resolve(path));
  if (paths.length > 0 && without.includes('connect')) {
    throw new ConfigError('--connect-plugins needs Connect, but --without leaves it out', { hint: 'Drop `connect` from --without, or the plugins.' });
  }
  return paths;
}

/** A given set is checked; without one, a set `KAFKA_SANDBOX_IMAGES` is checked now, before any container. */
function images(name: string | undefined): ImageSetName | undefined {
  if (name !== undefined) return imageSetName(name);
  if (process.env.KAFKA_SANDBOX_IMAGES) imageSetName(undefined);
  return undefined;
}

function autoCreateTopics(value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new ConfigError(`autoCreateTopics must be true or false, got ${JSON.stringify(value)}`, { hint: 'Leave it out to use the stack file\'s auto_create_topics (default true).' });
}

const namePattern = /^[a-z0-9][a-z0-9_.-]{0,39}$/;

/** Validates options and fills defaults; every problem is a ConfigError (exit code 2). */
export function resolveSandboxOptions(options: SandboxOptions): ResolvedSandboxOptions {
  const name = options.name ?? `test-${randomUUID().slice(0, 8)}`;
  if (!namePattern.test(name)) {
    throw new ConfigError(`sandbox name "${name}" is not valid`, { hint: 'Use lower-case letters, digits, ".", "_" or "-", at most 40 characters.' });
  }
  const mode = options.mode ?? 'kraft';
  if (mode !== 'kraft' && mode !== 'zookeeper') {
    throw new ConfigError(`unknown mode "${String(mode)}"`, { hint: 'Use --mode kraft or --mode zookeeper.' });
  }
  const brokers = options.brokers ?? 3;
  if (brokers !== 1 && brokers !== 3) {
    throw new ConfigError(`--brokers ${brokers} is not supported`, { hint: 'Use --brokers 1 or --brokers 3.' });
  }
  const without = options.without ?? [];
  const unknown = without.filter((service) => !(optionalServices as readonly string[]).includes(service));
  if (unknown.length) {
    throw new ConfigError(`unknown service${unknown.length > 1 ? 's' : ''} in --without: ${unknown.join(', ')}`, {
      hint: `Services that can be left out: ${optionalServices.join(', ')}.`,
    });
  }
  return {
    name,
    mode,
    brokers,
    services: new Set(optionalServices.filter((service) => !without.includes(service))),
    images: images(options.images),
    ports: options.ports ?? 'random',
    stackFile: options.stackFile,
    autoCreateTopics: autoCreateTopics(options.autoCreateTopics),
    startupTimeoutMs: options.startupTimeoutMs ?? 180_000,
    connectPlugins: connectPlugins(options, without),
    connectPluginModules: options.connectPluginModules ?? [],
    onEvent: options.onEvent ?? (() => {}),
  };
}
