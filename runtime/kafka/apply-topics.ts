import kafkajs, { type Admin, type ConfigEntries } from 'kafkajs';
import { ConfigError } from '../core/errors.js';
import { createTopicsAndWait, retryTransient } from './create-topics.js';
import type { TopicSpec } from './topic-spec.js';

const { ConfigResourceTypes, ConfigSource } = kafkajs;

/** What `applyTopics` did (or could not do) to one topic. */
export type TopicChangeKind = 'created' | 'altered' | 'partitions' | 'unchanged' | 'unsupported';

/** One line of `applyTopics`' report; a topic may get several (`partitions` and `altered`). */
export interface TopicChange {
  readonly topic: string;
  readonly kind: TopicChangeKind;
  /** Human-readable, one line: what changed from what to what, or why it could not. */
  readonly detail: string;
}

export interface ApplyTopicsOptions {
  /** Brokers in the cluster: sets the default replication factor, min(3, brokerCount). */
  readonly brokerCount: number;
}

/**
 * Makes the cluster's topics match `topics`, idempotently:
 * - a missing topic is created with its partitions, replication factor and config;
 * - an existing topic whose configs differ is altered (overrides the spec does not mention are kept);
 * - an existing topic with fewer partitions is grown;
 * - fewer partitions or another replication factor than the topic has cannot be applied by Kafka:
 *   reported as `unsupported`, not thrown.
 * Topics on the cluster that the spec does not name are left alone.
 *
 * Throws `ConfigError` before touching the cluster when a replication factor exceeds `brokerCount`,
 * and when the broker rejects a topic (an invalid config value, say), naming the topic.
 * Other kafkajs errors (connection, timeouts) propagate unchanged. The admin must be connected;
 * it is not disconnected.
 */
export async function applyTopics(admin: Admin, topics: readonly TopicSpec[], options: ApplyTopicsOptions): Promise<TopicChange[]> {
  const { brokerCount } = options;
  if (!Number.isSafeInteger(brokerCount) || brokerCount < 1) throw new Error(`applyTopics: brokerCount must be a positive integer, got ${brokerCount}`);
  const tooMany = topics.filter((t) => (t.replicationFactor ?? 0) > brokerCount);
  if (tooMany.length > 0) {
    const brokers = `${brokerCount} broker${brokerCount === 1 ? '' : 's'}`;
    const problems = tooMany.map((t) => `topic "${t.name}" asks for replication factor ${t.replicationFactor}, but the cluster has ${brokers}`);
    throw new ConfigError(`Replication factor above the broker count (${brokers}) for ${tooMany.map((t) => `"${t.name}"`).join(', ')}`, {
      problems,
      hint: `Lower replication_factor to at most ${brokerCount}, or leave it out to use the cluster default.`,
    });
  }
  if (topics.length === 0) return [];

  const existing = new Set(await admin.listTopics());
  const toCreate = topics.filter((t) => !existing.has(t.name));
  const toCheck = topics.filter((t) => existing.has(t.name));
  const changes = new Map<string, TopicChange[]>(topics.map((t) => [t.name, []]));
  const add = (topic: string, kind: TopicChangeKind, detail: string) => changes.get(topic)?.push({ topic, kind, detail });
  const defaultRf = Math.min(3, brokerCount);

  if (toCreate.length > 0) {
    const createdAll = await rejectedAsConfigError(() =>
      createTopicsAndWait(
        admin,
        toCreate.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor ?? defaultRf,
          configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
        })),
      ),
    );
    // false: every one of them already existed (created meanwhile, or listTopics saw stale metadata).
    if (createdAll) for (const t of toCreate) add(t.name, 'created', `${describeShape(t.partitions, t.replicationFactor ?? defaultRf)}${describeConfig(t.config)}`);
    else toCheck.push(...toCreate);
  }

  if (toCheck.length > 0) {
    const names = toCheck.map((t) => t.name);
    const [metadata, configs] = await retryTransient(() =>
      Promise.all([
        admin.fetchTopicMetadata({ topics: names }),
        admin.describeConfigs({ includeSynonyms: false, resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })) }),
      ]),
    );
    for (const spec of toCheck) {
      const partitions = metadata.topics.find((m) => m.name === spec.name)?.partitions ?? [];
      const entries = configs.resources.find((r) => r.resourceName === spec.name)?.configEntries ?? [];
      await reconcile(admin, spec, partitions.length, Math.max(0, ...partitions.map((p) => p.replicas.length)), entries, add);
    }
  }

  return topics.flatMap((t) => changes.get(t.name) ?? []);
}

type Add = (topic: string, kind: TopicChangeKind, detail: string) => void;

async function reconcile(admin: Admin, spec: TopicSpec, partitions: number, rf: number, entries: ConfigEntries[], add: Add): Promise<void> {
  let changed = false;
  if (spec.replicationFactor !== undefined && spec.replicationFactor !== rf) {
    changed = true;
    add(spec.name, 'unsupported', `replication factor is ${rf}, the spec asks for ${spec.replicationFactor}: changing it needs a partition reassignment (kafka-reassign-partitions), or delete and recreate the topic`);
  }
  if (spec.partitions < partitions) {
    changed = true;
    add(spec.name, 'unsupported', `has ${partitions} partitions, the spec asks for ${spec.partitions}: Kafka cannot remove partitions; delete and recreate the topic`);
  } else if (spec.partitions > partitions) {
    changed = true;
    await rejectedAsConfigError(() => admin.createPartitions({ topicPartitions: [{ topic: spec.name, count: spec.partitions }] }), spec.name);
    add(spec.name, 'partitions', `${partitions} -> ${spec.partitions} partitions (keys now map to other partitions than before)`);
  }

  const current = new Map(entries.map((e) => [e.configName, e]));
  const differing = Object.entries(spec.config).filter(([name, value]) => !sameValue(current.get(name)?.configValue, value));
  if (differing.length > 0) {
    changed = true;
    // kafkajs 2.2.4 only speaks the legacy AlterConfigs, which replaces every override of the topic:
    // send the overrides the topic already has, with the spec's values on top, so none is lost.
    const desired = new Map(entries.filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG).map((e) => [e.configName, e.configValue]));
    for (const [name, value] of Object.entries(spec.config)) desired.set(name, value);
    await rejectedAsConfigError(
      () =>
        admin.alterConfigs({
          validateOnly: false,
          resources: [{ type: ConfigResourceTypes.TOPIC, name: spec.name, configEntries: [...desired].map(([name, value]) => ({ name, value })) }],
        }),
      spec.name,
    );
    add(spec.name, 'altered', differing.map(([name, value]) => `${name}: ${current.get(name)?.configValue ?? '(unset)'} -> ${value}`).join(', '));
  }
  if (!changed) add(spec.name, 'unchanged', describeShape(partitions, rf));
}

/** Kafka prints a value the way it was set or its own default; compare numbers and lists by meaning. */
function sameValue(current: string | null | undefined, wanted: string): boolean {
  if (current === undefined || current === null) return false;
  if (current === wanted) return true;
  if (/^-?\d+$/.test(current) && /^-?\d+$/.test(wanted)) return BigInt(current) === BigInt(wanted);
  if (current.trim() !== '' && wanted.trim() !== '' && Number.isFinite(Number(current)) && Number.isFinite(Number(wanted))) return Number(current) === Number(wanted);
  const list = (s: string) => s.split(',').map((p) => p.trim()).sort().join(',');
  return list(current) === list(wanted);
}

const REJECTIONS = new Set(['INVALID_CONFIG', 'INVALID_REPLICATION_FACTOR', 'INVALID_PARTITIONS', 'INVALID_TOPIC_EXCEPTION', 'POLICY_VIOLATION', 'INVALID_REPLICA_ASSIGNMENT']);

/**
 * Turns the broker refusing a topic into a `ConfigError` naming it. kafkajs passes on only the
 * error code ("Configuration is invalid"), not the broker's reason, so the hint points at the spec.
 */
async function rejectedAsConfigError<T>(call: () => Promise<T>, topic?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const errors = error instanceof kafkajs.KafkaJSAggregateError ? error.errors : [error];
    const rejected = errors.filter((e): e is Error & { type: string; topic?: string } => REJECTIONS.has((e as { type?: string }).type ?? ''));
    if (rejected.length === 0) throw error;
    const names = [...new Set(rejected.map((e) => `"${e.topic ?? topic ?? '?'}"`))];
    const problems = rejected.map((e) => `topic "${e.topic ?? topic ?? '?'}": ${e.type} (${e.message})`);
    throw new ConfigError(`Kafka refused topic${names.length === 1 ? '' : 's'} ${names.join(', ')}`, {
      problems,
      cause: error,
      hint: 'Check partitions, replication_factor and each config value against the Kafka topic config documentation.',
    });
  }
}

function describeShape(partitions: number, rf: number): string {
  return `${partitions} partition${partitions === 1 ? '' : 's'}, replication factor ${rf}`;
}

function describeConfig(config: Readonly<Record<string, string>>): string {
  const entries = Object.entries(config);
  return entries.length === 0 ? '' : `, ${entries.map(([k, v]) => `${k}=${v}`).join(' ')}`;
}
