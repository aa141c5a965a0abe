import kafkajs, { type IHeaders, type Producer } from 'kafkajs';
import { ConfigError, StackError } from '../../runtime/core/errors.js';
import { didYouMean } from '../../runtime/core/did-you-mean.js';
import { applyTopics, type TopicChange } from '../../runtime/kafka/apply-topics.js';
import { createTopicsAndWait, retryTransient } from '../../runtime/kafka/create-topics.js';
import { readTopic } from '../../runtime/kafka/read-topic.js';
import { parseOffsetFlag, parseTimeFlag, type StartPosition } from '../../runtime/kafka/start-offsets.js';
import { waitForTopicsOnEveryBroker } from '../../runtime/kafka/topics-on-every-broker.js';
import { decodeValue, headersFromKafka, valueProblem, type DecodeFormat, type DecodedAs, type ValueFormat } from '../../runtime/kafka/value-formats.js';
import { loadStackFile } from '../../stacks/stack-file.js';
import { SandboxRegistry, type SchemaCodec } from '../registry/sandbox-registry.js';
import type { SandboxContext } from '../sandbox-context.js';

const { ConfigResourceTypes, ConfigSource } = kafkajs;

export interface TopicSummary {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Kafka's own topics (`__consumer_offsets`, `__transaction_state`, ...). */
  internal: boolean;
}

export interface PartitionDescription {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  /** Log start offset. */
  low: number;
  /** End offset (high watermark). */
  high: number;
}

export interface TopicDescription extends TopicSummary {
  partitionDetails: PartitionDescription[];
  /** Every config value of the topic, defaults included. */
  config: Record<string, string>;
  /** The configs set on the topic itself (not defaults). */
  overrides: Record<string, string>;
  /** Records held now: the sum of high - low over partitions (exact unless compacted or transactional). */
  records: number;
}

export interface CreateTopicSpec {
  name: string;
  /** Default: the broker's `num.partitions` (3 on a sandbox). */
  partitions?: number;
  /** Default: the broker's `default.replication.factor` (min(3, brokers) on a sandbox). */
  replicationFactor?: number;
  config?: Record<string, string | number | boolean>;
}

export interface ProduceRecord {
  key?: string | Buffer | null;
  /** A string (or Buffer) for `string`; any JSON value for `json`, `avro`, `json-schema`; null is a tombstone. */
  value: unknown;
  headers?: Record<string, string | string[]>;
  partition?: number;
  /** Epoch milliseconds (default: now). */
  timestamp?: number;
  /** Where the record came from, for error messages (e.g. `line 3`; default `record N`). */
  source?: string;
}

export interface ProduceOptions {
  /** Default `json` for objects, `string` for strings: see `formatOf`. */
  format?: ValueFormat;
  /** The Avro or JSON Schema (text or object) for `avro` / `json-schema`; registered under `subject`. Default: the latest of `subject`. */
  schema?: string | object;
  /** Default `<topic>-value` (TopicNameStrategy). */
  subject?: string;
}

export interface ProduceResult {
  topic: string;
  count: number;
  /** The schema id values were written with (avro, json-schema). */
  schemaId?: number;
  /** Per partition written to: the offset of its first record of this batch. */
  partitions: { partition: number; baseOffset: number }[];
}

export interface ConsumeOptions {
  /** From the first offset (default when neither offset, time nor group says otherwise). false: only new records. */
  fromBeginning?: boolean;
  /** `beginning`, `end`, an offset N (every partition, clamped), or -N / 'N before the end' (kcat's `-o -N`). */
  offset?: number | string;
  /** The first record at or after this time (Date, epoch ms, ISO-8601 text, or a duration ago such as `15m`). */
  fromTime?: Date | number | string;
  /** Only this partition (or these). */
  partition?: number | number[];
  /** Read as this consumer group (from its committed offsets unless a position is given) and commit what was read. */
  group?: string;
  /** Stop after this many records. */
  count?: number;
  /** Keep waiting for new records until `signal` aborts or `count` is reached; default: stop at the end. */
  follow?: boolean;
  signal?: AbortSignal;
  /** How values are decoded: `auto` (default) decodes Confluent wire format through the registry, JSON objects and arrays, else text. */
  format?: DecodeFormat;
}

/** A consumed record, key and value decoded. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  /** Epoch milliseconds. */
  timestamp: number;
  key: unknown;
  value: unknown;
  headers: Record<string, string | string[]>;
  /** What the value was decoded as. */
  valueFormat: DecodedAs;
  /** The registry schema id of an Avro / JSON Schema value. */
  schemaId?: number;
  /** Why the value could not be decoded as asked (`value` is then its text). */
  decodeError?: string;
}

const isInternal = (name: string) => name.startsWith('__');

/**
 * The handle's topics: list, describe, create (waiting until every broker's metadata has the topic
 * and its leaders), apply a stack file, delete, produce and consume, string, JSON, Avro and JSON
 * Schema (Confluent wire format through the sandbox's registry). An unknown topic is a ConfigError
 * with "did you mean"; a bad record a ConfigError listing every bad one, nothing sent.
 */
export class SandboxTopics {
  private producer: Promise<Producer> | undefined;

  constructor(private readonly ctx: SandboxContext) {}

  /** Every topic (Kafka's internal ones flagged), sorted by name. */
  async list(): Promise<TopicSummary[]> {
    const admin = await this.ctx.admin();
    const { topics } = await retryTransient(() => admin.fetchTopicMetadata());
    return topics
      .map((t) => ({ name: t.name, partitions: t.partitions.length, replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicas.length)), internal: isInternal(t.name) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Partitions (leader, replicas, ISR, offsets) and configs of one topic. */
  async describe(name: string): Promise<TopicDescription> {
    await this.requireTopic(name);
    const admin = await this.ctx.admin();
    const [metadata, offsets, configs] = await retryTransient(() =>
      Promise.all([
        admin.fetchTopicMetadata({ topics: [name] }),
        admin.fetchTopicOffsets(name),
        admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name }] }),
      ]),
    );
    const partitions = (metadata.topics[0]?.partitions ?? []).slice().sort((a, b) => a.partitionId - b.partitionId);
    const partitionDetails = partitions.map((p) => {
      const o = offsets.find((x) => x.partition === p.partitionId);
      return { partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr, offlineReplicas: p.offlineReplicas ?? [], low: Number(o?.low ?? 0), high: Number(o?.high ?? 0) };
    });
    const entries = configs.resources[0]?.configEntries ?? [];
    const config = Object.fromEntries(entries.map((e) => [e.configName, e.configValue ?? ''] as const).sort(([a], [b]) => a.localeCompare(b)));
    const overrides = Object.fromEntries(entries.filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG).map((e) => [e.configName, e.configValue ?? ''] as const));
    return {
      name,
      partitions: partitionDetails.length,
      replicationFactor: Math.max(0, ...partitionDetails.map((p) => p.replicas.length)),
      internal: isInternal(name),
      partitionDetails,
      config,
      overrides,
      records: partitionDetails.reduce((sum, p) => sum + (p.high - p.low), 0),
    };
  }

  /**
   * Creates topics and waits until every broker's metadata has them with a leader for each
   * partition, so a fresh client can produce at once. A topic that exists is a ConfigError
   * (use `apply` for idempotent creation).
   */
  async create(specs: CreateTopicSpec | readonly CreateTopicSpec[]): Promise<TopicSummary[]> {
    const list = Array.isArray(specs) ? (specs as readonly CreateTopicSpec[]) : [specs as CreateTopicSpec];
    if (list.length === 0) return [];
    const problems = list.flatMap((s) => createSpecProblems(s));
    if (problems.length > 0) throw new ConfigError(`invalid topic spec${problems.length === 1 ? '' : 's'}`, { problems });
    const admin = await this.ctx.admin();
    const existing = new Set(await admin.listTopics());
    const clash = list.filter((s) => existing.has(s.name)).map((s) => s.name);
    if (clash.length > 0) throw new ConfigError(`topic${clash.length === 1 ? '' : 's'} ${clash.join(', ')} already exist${clash.length === 1 ? 's' : ''}`, { hint: '`topics describe NAME` shows it; `topics apply FILE` changes topics idempotently.' });
    try {
      await createTopicsAndWait(
        admin,
        list.map((s) => ({
          topic: s.name,
          ...(s.partitions === undefined ? {} : { numPartitions: s.partitions }),
          ...(s.replicationFactor === undefined ? {} : { replicationFactor: s.replicationFactor }),
          configEntries: Object.entries(s.config ?? {}).map(([k, v]) => ({ name: k, value: String(v) })),
        })),
      );
    } catch (error) {
      throw refusal(error, list.map((s) => s.name));
    }
    await waitForTopicsOnEveryBroker(this.ctx.kafka(), admin, list.map((s) => s.name), 'present');
    const names = new Set(list.map((s) => s.name));
    return (await this.list()).filter((t) => names.has(t.name));
  }

  /** Makes the cluster's topics match a stack file (`topics apply FILE`), idempotently. */
  async apply(stackFile: string): Promise<TopicChange[]> {
    const stack = await loadStackFile(stackFile);
    const admin = await this.ctx.admin();
    const brokerCount = (await admin.describeCluster()).brokers.length;
    const changes = await applyTopics(admin, stack.topics, { brokerCount });
    await waitForTopicsOnEveryBroker(this.ctx.kafka(), admin, changes.filter((c) => c.kind === 'created').map((c) => c.topic), 'present');
    return changes;
  }

  /** Deletes one topic, named exactly, and waits until no broker lists it. */
  async delete(name: string): Promise<void> {
    await this.requireTopic(name);
    const admin = await this.ctx.admin();
    await admin.deleteTopics({ topics: [name] });
    await waitForTopicsOnEveryBroker(this.ctx.kafka(), admin, [name], 'absent', { timeoutMs: 30_000 });
  }

  /**
   * Validates every record first (a bad one is a ConfigError naming each bad record, and nothing
   * is sent), then sends them all with acks=all through one idempotent producer.
   */
  async produce(topic: string, records: readonly ProduceRecord[], options: ProduceOptions = {}): Promise<ProduceResult> {
    const format = options.format ?? 'json';
    await this.requireTopic(topic);
    let codec: SchemaCodec | undefined;
    if (format === 'avro' || format === 'json-schema') {
      codec = await this.registry().codec(options.subject ?? `${topic}-value`, format === 'avro' ? 'AVRO' : 'JSON', options.schema);
    }
    const problems: string[] = [];
    records.forEach((record, index) => {
      const why = valueProblem(format, record.value, codec?.validator);
      if (why) problems.push(`${record.source ?? `record ${index + 1}`}: ${why}`);
    });
    if (problems.length > 0) {
      throw new ConfigError(`${problems.length} of ${records.length} record${records.length === 1 ? '' : 's'} ${problems.length === 1 ? 'is' : 'are'} not valid ${format}; nothing was sent`, { problems });
    }
    const messages = await Promise.all(
      records.map(async (record) => ({
        key: record.key === undefined || record.key === null ? null : record.key,
        value: await encode(format, record.value, codec),
        ...(record.headers ? { headers: record.headers as IHeaders } : {}),
        ...(record.partition === undefined ? {} : { partition: record.partition }),
        ...(record.timestamp === undefined ? {} : { timestamp: String(record.timestamp) }),
      })),
    );
    const producer = await this.sharedProducer();
    const metadata = messages.length === 0 ? [] : await producer.send({ topic, messages, acks: -1 });
    return {
      topic,
      count: records.length,
      ...(codec ? { schemaId: codec.id } : {}),
      partitions: metadata.map((m) => ({ partition: m.partition, baseOffset: Number(m.baseOffset ?? m.offset ?? 0) })).sort((a, b) => a.partition - b.partition),
    };
  }

  /** Records of `topic`, key and value decoded; see ConsumeOptions for where it starts and ends. */
  async *consume(topic: string, options: ConsumeOptions = {}): AsyncGenerator<ConsumedRecord> {
    await this.requireTopic(topic);
    const admin = await this.ctx.admin();
    const format = options.format ?? 'auto';
    const decoder = this.ctx.endpoints.schemaRegistryUrl ? this.registry().decoder() : undefined;
    const partitions = options.partition === undefined ? undefined : Array.isArray(options.partition) ? options.partition : [options.partition];
    for await (const raw of readTopic(this.ctx.kafka(), admin, topic, {
      start: startPosition(options),
      ...(partitions ? { partitions } : {}),
      ...(options.group ? { groupId: options.group } : {}),
      ...(options.count === undefined ? {} : { count: options.count }),
      ...(options.follow ? { follow: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })) {
      const key = await decodeValue(raw.key, format === 'auto' ? 'auto' : 'string', decoder, { looksJson: false });
      const value = await decodeValue(raw.value, format, decoder);
      yield {
        topic,
        partition: raw.partition,
        offset: raw.offset,
        timestamp: raw.timestamp,
        key: key.value,
        value: value.value,
        headers: headersFromKafka(raw.headers),
        valueFormat: value.as,
        ...(value.schemaId === undefined ? {} : { schemaId: value.schemaId }),
        ...(value.error ? { decodeError: value.error } : {}),
      };
    }
  }

  /** Names of every topic, for "did you mean" (the throwaway consume groups never are topics). */
  async names(): Promise<string[]> {
    const admin = await this.ctx.admin();
    return (await admin.listTopics()).sort();
  }

  /** A ConfigError with "did you mean" when `name` is not a topic. */
  async requireTopic(name: string): Promise<void> {
    const names = await this.names();
    if (names.includes(name)) return;
    const close = didYouMean(name, names);
    const visible = names.filter((n) => !n.startsWith('_'));
    throw new ConfigError(`unknown topic ${name}${close}`, {
      hint: visible.length > 0 ? `Topics: ${visible.slice(0, 20).join(', ')}${visible.length > 20 ? `, ... (${visible.length} in all: \`topics list\`)` : ''}.` : 'The cluster has no topics yet: `topics create NAME`.',
    });
  }

  private registry() {
    return SandboxRegistry.of(this.ctx);
  }

  private sharedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.ctx.kafka().producer({ idempotent: true, maxInFlightRequests: 5, allowAutoTopicCreation: false });
      await producer.connect();
      this.ctx.track({ close: () => producer.disconnect() });
      return producer;
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw new StackError(`cannot produce to ${this.ctx.endpoints.bootstrapServers}: ${(error as Error).message}`, { cause: error });
    });
    return this.producer;
  }
}

async function encode(format: ValueFormat, value: unknown, codec: SchemaCodec | undefined): Promise<Buffer | null> {
  if (value === null) return null;
  if (format === 'string') return Buffer.isBuffer(value) ? value : Buffer.from(String(value));
  if (format === 'json') return Buffer.from(JSON.stringify(value));
  return codec!.encode(value);
}

function startPosition(options: ConsumeOptions): StartPosition {
  if (options.offset !== undefined) {
    if (typeof options.offset === 'number') return options.offset < 0 ? { kind: 'from-end', count: -options.offset } : { kind: 'offset', offset: options.offset };
    return parseOffsetFlag(options.offset);
  }
  if (options.fromTime !== undefined) {
    const t = options.fromTime;
    return { kind: 'time', timestamp: t instanceof Date ? t.getTime() : typeof t === 'number' ? t : parseTimeFlag(t) };
  }
  if (options.group !== undefined) {
    return options.fromBeginning === true ? { kind: 'earliest' } : { kind: 'committed', fallback: options.fromBeginning === false ? 'latest' : 'earliest' };
  }
  return options.fromBeginning === false ? { kind: 'latest' } : { kind: 'earliest' };
}

function createSpecProblems(spec: CreateTopicSpec): string[] {
  const problems: string[] = [];
  const name = spec.name ?? '';
  if (!/^[a-zA-Z0-9._-]{1,249}$/.test(name) || name === '.' || name === '..') problems.push(`topic ${JSON.stringify(name)}: a name is 1-249 of a-z A-Z 0-9 . _ -`);
  if (spec.partitions !== undefined && (!Number.isSafeInteger(spec.partitions) || spec.partitions < 1)) problems.push(`topic ${name}: partitions must be a positive integer, got ${spec.partitions}`);
  if (spec.replicationFactor !== undefined && (!Number.isSafeInteger(spec.replicationFactor) || spec.replicationFactor < 1)) problems.push(`topic ${name}: replication factor must be a positive integer, got ${spec.replicationFactor}`);
  return problems;
}

function refusal(error: unknown, names: string[]): unknown {
  const errors = error instanceof kafkajs.KafkaJSAggregateError ? error.errors : [error];
  const typed = errors.filter((e): e is Error & { type: string } => typeof (e as { type?: unknown }).type === 'string' && (e as { type: string }).type.startsWith('INVALID') || (e as { type?: string }).type === 'POLICY_VIOLATION');
  if (typed.length === 0) return error;
  return new ConfigError(`Kafka refused to create ${names.join(', ')}`, {
    problems: typed.map((e) => `${e.type}: ${e.message}`),
    cause: error,
    hint: 'Check partitions, the replication factor (at most the broker count) and each config name and value.',
  });
}

