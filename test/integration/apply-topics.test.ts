import { randomUUID } from 'node:crypto';
import kafkajs, { type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError } from '../../runtime/core/errors.js';
import { applyTopics } from '../../runtime/kafka/apply-topics.js';
import type { TopicSpec } from '../../runtime/kafka/topic-spec.js';
import { defaultStackFilePath, loadStackFile } from '../../stacks/stack-file.js';

/**
 * Bootstrap servers of the shared test stack, provided by the integration globalSetup (as
 * `bootstrapServers`, or inside `endpoints`), else KAFKA_SANDBOX_TEST_BOOTSTRAP
 * (host:port[,host:port]) to run against any cluster. None of them fails the suite loudly instead
 * of skipping it.
 */
function bootstrapServers(): string[] {
  // `inject` is typed by ProvidedContext, which the globalSetup declares; read it untyped so this
  // file does not depend on which keys that declaration has.
  const provided = inject as (key: string) => unknown;
  const direct = provided('bootstrapServers');
  const endpoints = provided('endpoints') as { bootstrapServers?: unknown } | undefined;
  const value = [direct, endpoints?.bootstrapServers, process.env.KAFKA_SANDBOX_TEST_BOOTSTRAP]
    .map((v) => (Array.isArray(v) ? v.join(',') : v))
    .find((v): v is string => typeof v === 'string' && v !== '');
  if (!value) {
    throw new Error(
      'apply-topics integration test has no Kafka: run it in the integration project (its globalSetup provides the endpoints) or set KAFKA_SANDBOX_TEST_BOOTSTRAP=host:port',
    );
  }
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Polls `check` until it stops throwing, or rethrows its last error after `timeoutMs`. */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const topic = () => `t-${randomUUID()}`;

describe('applyTopics against a real broker', () => {
  let admin: Admin;
  let brokerCount: number;
  const created = new Set<string>();

  const apply = (topics: TopicSpec[], count = brokerCount) => {
    for (const t of topics) created.add(t.name);
    return applyTopics(admin, topics, { brokerCount: count });
  };
  const partitionsOf = async (name: string) => (await admin.fetchTopicMetadata({ topics: [name] })).topics[0]?.partitions ?? [];
  const overridesOf = async (name: string) => {
    const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name }] });
    const entries = resources[0]?.configEntries.filter((e) => e.configSource === kafkajs.ConfigSource.TOPIC_CONFIG) ?? [];
    return Object.fromEntries(entries.map((e) => [e.configName, e.configValue]));
  };

  beforeAll(async () => {
    // kafkajs logs every refused request before throwing it; the tests expect some, so stay quiet.
    admin = new kafkajs.Kafka({ clientId: 'apply-topics-test', brokers: bootstrapServers(), logLevel: kafkajs.logLevel.NOTHING }).admin();
    await admin.connect();
    brokerCount = (await admin.describeCluster()).brokers.length;
  });

  afterAll(async () => {
    if (!admin) return;
    const existing = new Set(await admin.listTopics());
    const ours = [...created].filter((name) => existing.has(name));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours });
    await admin.disconnect();
  });

  it('creates missing topics with the default replication factor, then reports them unchanged', async () => {
    const a = topic();
    const b = topic();
    const specs: TopicSpec[] = [
      { name: a, partitions: 3, config: { 'cleanup.policy': 'compact', 'segment.ms': '3600000' } },
      { name: b, partitions: 1, replicationFactor: 1, config: {} },
    ];
    const rf = Math.min(3, brokerCount);

    expect(await apply(specs)).toEqual([
      { topic: a, kind: 'created', detail: `3 partitions, replication factor ${rf}, cleanup.policy=compact segment.ms=3600000` },
      { topic: b, kind: 'created', detail: '1 partition, replication factor 1' },
    ]);
    await eventually(async () => {
      const partitions = await partitionsOf(a);
      expect(partitions).toHaveLength(3);
      expect(partitions.every((p) => p.replicas.length === rf)).toBe(true);
      expect(await overridesOf(a)).toEqual({ 'cleanup.policy': 'compact', 'segment.ms': '3600000' });
    });

    expect(await apply(specs)).toEqual([
      { topic: a, kind: 'unchanged', detail: `3 partitions, replication factor ${rf}` },
      { topic: b, kind: 'unchanged', detail: '1 partition, replication factor 1' },
    ]);
  });

  it('alters configs that differ and keeps overrides the spec does not mention', async () => {
    const name = topic();
    await apply([{ name, partitions: 1, config: { 'retention.ms': '3600000', 'segment.ms': '600000' } }]);

    const changes = await apply([{ name, partitions: 1, config: { 'retention.ms': '7200000', 'cleanup.policy': 'delete' } }]);
    // cleanup.policy=delete is already the broker default, so only retention.ms differs.
    expect(changes).toEqual([{ topic: name, kind: 'altered', detail: 'retention.ms: 3600000 -> 7200000' }]);
    await eventually(async () =>
      expect(await overridesOf(name)).toEqual({ 'retention.ms': '7200000', 'segment.ms': '600000', 'cleanup.policy': 'delete' }),
    );
    expect((await apply([{ name, partitions: 1, config: { 'retention.ms': '7200000' } }]))[0]?.kind).toBe('unchanged');
  });

  it('grows partitions, and reports a decrease or a replication factor change as unsupported', async () => {
    const name = topic();
    await apply([{ name, partitions: 2, config: {} }]);

    expect(await apply([{ name, partitions: 5, config: {} }])).toEqual([
      { topic: name, kind: 'partitions', detail: '2 -> 5 partitions (keys now map to other partitions than before)' },
    ]);
    await eventually(async () => expect(await partitionsOf(name)).toHaveLength(5));

    const rf = Math.min(3, brokerCount);
    const otherRf = rf === 1 ? 2 : rf - 1;
    // A single-broker cluster cannot hold RF 2, so claim one broker more: the change is only reported.
    const changes = await apply([{ name, partitions: 4, replicationFactor: otherRf, config: {} }], Math.max(brokerCount, otherRf));
    expect(changes.map((c) => c.kind)).toEqual(['unsupported', 'unsupported']);
    expect(changes[0]?.detail).toMatch(new RegExp(`^replication factor is ${rf}, the spec asks for ${otherRf}`));
    expect(changes[1]?.detail).toMatch(/^has 5 partitions, the spec asks for 4: Kafka cannot remove partitions/);
    expect(await partitionsOf(name)).toHaveLength(5);
  });

  it('refuses a replication factor above the broker count before touching the cluster', async () => {
    const name = topic();
    const error = await apply([{ name, partitions: 1, replicationFactor: brokerCount + 1, config: {} }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const brokers = `${brokerCount} broker${brokerCount === 1 ? '' : 's'}`;
    expect((error as ConfigError).message).toBe(`Replication factor above the broker count (${brokers}) for "${name}"`);
    expect((error as ConfigError).problems).toEqual([`topic "${name}" asks for replication factor ${brokerCount + 1}, but the cluster has ${brokers}`]);
    expect(await admin.listTopics()).not.toContain(name);
  });

  it('turns a config value the broker refuses into a ConfigError naming the topic', async () => {
    const name = topic();
    const error = await apply([{ name, partitions: 1, config: { 'min.cleanable.dirty.ratio': '2' } }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`Kafka refused topic "${name}"`);
    expect((error as ConfigError).problems).toEqual([`topic "${name}": INVALID_CONFIG (Configuration is invalid)`]);

    await apply([{ name, partitions: 1, config: {} }]);
    const altered = await apply([{ name, partitions: 1, config: { 'min.cleanable.dirty.ratio': '2' } }]).catch((e: unknown) => e);
    expect(altered).toBeInstanceOf(ConfigError);
    expect((altered as ConfigError).problems).toEqual([`topic "${name}": INVALID_CONFIG (Configuration is invalid)`]);
  });

  it('applies the bundled default stack (under unique names): every topic and config is accepted', async () => {
    const suffix = randomUUID();
    const { topics } = await loadStackFile(defaultStackFilePath());
    const specs = topics.map((t) => ({ ...t, name: `${t.name}-${suffix}` }));

    const changes = await apply(specs);
    expect(changes.map((c) => c.kind)).toEqual(specs.map(() => 'created'));
    const users = specs.find((t) => t.name.startsWith('users-'));
    await eventually(async () => expect(await overridesOf(users?.name ?? '')).toMatchObject({ 'cleanup.policy': 'compact' }));
    expect((await apply(specs)).map((c) => c.kind)).toEqual(specs.map(() => 'unchanged'));
  });
});
