import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachSandbox } from '../../app/attach-sandbox.js';
import type { Sandbox } from '../../app/sandbox.js';
import type { ConsumedRecord } from '../../app/topics/sandbox-topics.js';
import { ConfigError, StackError } from '../../runtime/core/errors.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { cliPath, runCli } from '../helpers/run-cli.js';
import { unique } from '../helpers/unique.js';

const state = inject('sandboxState');
const endpoints = inject('endpoints');

async function all(records: AsyncIterable<ConsumedRecord>): Promise<ConsumedRecord[]> {
  const out: ConsumedRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

const byOffset = (a: ConsumedRecord, b: ConsumedRecord) => a.partition - b.partition || a.offset - b.offset;

describe.each([
  ['by name', () => attachSandbox(state.name)],
  ['by endpoints', () => attachSandbox({ bootstrapServers: endpoints.bootstrapServers, ...(endpoints.schemaRegistryUrl ? { schemaRegistryUrl: endpoints.schemaRegistryUrl } : {}) })],
])('the handle attached %s', (how, attach) => {
  let sandbox: Sandbox;
  const topic = unique(`kt-${how.replace(' ', '-')}`);
  const created: string[] = [];

  beforeAll(async () => {
    sandbox = await attach();
  });
  afterAll(async () => {
    for (const name of created) await sandbox.topics.delete(name).catch(() => undefined);
    await sandbox.detach();
  });

  it('creates a topic that a fresh producer can write to at once', async () => {
    const [summary] = await sandbox.topics.create({ name: topic, partitions: 3, config: { 'retention.ms': 86_400_000 } });
    created.push(topic);
    expect(summary).toMatchObject({ name: topic, partitions: 3, internal: false });
    // A new client, bootstrapping from whichever broker: its metadata must already have the topic.
    const producer = kafkaClient(endpoints.bootstrapServers, { retry: { retries: 0 } }).producer();
    await producer.connect();
    try {
      await producer.send({ topic, messages: [{ key: 'fresh', value: 'from a fresh producer' }] });
    } finally {
      await producer.disconnect();
    }
  });

  it('lists and describes it', async () => {
    const listed = await sandbox.topics.list();
    expect(listed.find((t) => t.name === topic)).toMatchObject({ partitions: 3, replicationFactor: Math.min(3, state.brokers.length) });
    expect(listed.find((t) => t.name === '__consumer_offsets')?.internal).toBe(true);
    const d = await sandbox.topics.describe(topic);
    expect(d.overrides).toEqual({ 'retention.ms': '86400000' });
    expect(d.config['cleanup.policy']).toBe('delete');
    expect(d.partitionDetails).toHaveLength(3);
    for (const p of d.partitionDetails) {
      expect(p.replicas).toContain(p.leader);
      expect(p.isr.length).toBe(p.replicas.length);
    }
    expect(d.records).toBe(1);
  });

  it('produces and consumes strings and JSON, with keys and headers', async () => {
    await sandbox.topics.produce(topic, [{ key: 's', value: 'plain text', headers: { source: 'test' } }], { format: 'string' });
    await sandbox.topics.produce(topic, [{ key: 'j', value: { n: 1, tags: ['a'] } }], { format: 'json' });
    const records = await all(sandbox.topics.consume(topic));
    expect(records).toHaveLength(3);
    const s = records.find((r) => r.key === 's')!;
    expect(s).toMatchObject({ value: 'plain text', headers: { source: 'test' }, valueFormat: 'string' });
    expect(records.find((r) => r.key === 'j')).toMatchObject({ value: { n: 1, tags: ['a'] }, valueFormat: 'json' });
    expect(s.timestamp).toBeGreaterThan(Date.now() - 120_000);
    // count, partition and offset select what is read
    expect(await all(sandbox.topics.consume(topic, { count: 2 }))).toHaveLength(2);
    const one = await all(sandbox.topics.consume(topic, { partition: s.partition, offset: s.offset }));
    expect(one[0]).toMatchObject({ key: 's', offset: s.offset });
    expect(await all(sandbox.topics.consume(topic, { fromTime: Date.now() + 60_000 }))).toEqual([]);
  });

  it('rejects a bad batch whole, naming each bad record', async () => {
    const before = (await sandbox.topics.describe(topic)).records;
    await expect(sandbox.topics.produce(topic, [{ value: 'fine' }, { value: 42, source: 'line 2' }], { format: 'string' })).rejects.toMatchObject({
      problems: ['line 2: a string value is expected, got number'],
    });
    expect((await sandbox.topics.describe(topic)).records).toBe(before);
  });

  it('writes Avro the registry\'s own decoder reads, and decodes it on consume', async () => {
    const avroTopic = unique('kt-avro');
    await sandbox.topics.create({ name: avroTopic, partitions: 1 });
    created.push(avroTopic);
    const schema = { type: 'record', name: 'Click', namespace: 'kt', fields: [{ name: 'user', type: 'string' }, { name: 'n', type: 'int' }] };
    const bad = sandbox.topics.produce(avroTopic, [{ value: { user: 'u', n: 'x' }, source: 'line 1' }], { format: 'avro', schema });
    await expect(bad).rejects.toBeInstanceOf(ConfigError);
    await expect(bad).rejects.toMatchObject({ problems: ['line 1: does not match the Avro schema: n: "x" is not a valid int'] });
    const result = await sandbox.topics.produce(avroTopic, [{ key: 'u1', value: { user: 'u1', n: 7 } }], { format: 'avro', schema });
    expect(result.schemaId).toBeGreaterThan(0);
    // Without a schema the latest of <topic>-value is used.
    await sandbox.topics.produce(avroTopic, [{ key: 'u2', value: { user: 'u2', n: 8 } }], { format: 'avro' });

    const records = (await all(sandbox.topics.consume(avroTopic))).sort(byOffset);
    expect(records.map((r) => [r.key, r.value, r.valueFormat, r.schemaId])).toEqual([
      ['u1', { user: 'u1', n: 7 }, 'avro', result.schemaId],
      ['u2', { user: 'u2', n: 8 }, 'avro', result.schemaId],
    ]);
    // The raw bytes, read with plain kafkajs, decode with @kafkajs/confluent-schema-registry.
    const consumer = kafkaClient(endpoints.bootstrapServers).consumer({ groupId: unique('kt-raw') });
    const raw = await new Promise<Buffer>((resolve, reject) => {
      consumer.connect().then(() => consumer.subscribe({ topics: [avroTopic], fromBeginning: true })).then(() => consumer.run({ eachMessage: async ({ message }) => resolve(message.value!) })).catch(reject);
    });
    await consumer.disconnect();
    const library = new SchemaRegistry({ host: await sandbox.registry.url() });
    expect(await library.decode(raw)).toEqual({ user: 'u1', n: 7 });

    expect(await sandbox.registry.subjects()).toContain(`${avroTopic}-value`);
    expect(await sandbox.registry.versions(`${avroTopic}-value`)).toEqual([1]);
    expect(await sandbox.registry.schema(`${avroTopic}-value`)).toMatchObject({ id: result.schemaId, schemaType: 'AVRO' });
    await expect(sandbox.registry.versions(`${avroTopic}-valu`)).rejects.toThrow(/did you mean/);

    const jsonTopic = unique('kt-jsonschema');
    await sandbox.topics.create({ name: jsonTopic, partitions: 1 });
    created.push(jsonTopic);
    const jsonSchema = { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] };
    await sandbox.topics.produce(jsonTopic, [{ value: { id: 1 } }], { format: 'json-schema', schema: jsonSchema });
    await expect(sandbox.topics.produce(jsonTopic, [{ value: { id: 'one' } }], { format: 'json-schema' })).rejects.toMatchObject({ problems: [expect.stringMatching(/\/id: must be integer/)] });
    const [decoded] = await all(sandbox.topics.consume(jsonTopic));
    expect(decoded).toMatchObject({ value: { id: 1 }, valueFormat: 'json-schema' });
  });

  it('describes a group with its lag, resets it, and refuses while it has members', async () => {
    const group = unique('kt-group');
    expect(await all(sandbox.topics.consume(topic, { group, count: 1 }))).toHaveLength(1);
    const d = await sandbox.groups.describe(group);
    expect(d.state).toBe('Empty');
    expect(d.lag).toBe(2);
    expect(d.partitions.reduce((sum, p) => sum + (p.committed ?? 0), 0)).toBe(1);
    expect((await sandbox.groups.list()).find((g) => g.group === group)).toMatchObject({ members: 0, lag: 2 });

    const reset = await sandbox.groups.reset(group, topic, { toEarliest: true });
    expect(reset.partitions.every((p) => p.after === 0)).toBe(true);
    expect((await sandbox.groups.describe(group)).lag).toBe(3);
    await sandbox.groups.reset(group, topic, { toLatest: true });
    expect((await sandbox.groups.describe(group)).lag).toBe(0);
    await sandbox.groups.reset(group, topic, { shiftBy: -1 });
    // Every partition holding a record moves back one.
    const nonEmpty = (await sandbox.topics.describe(topic)).partitionDetails.filter((p) => p.high > p.low).length;
    expect((await sandbox.groups.describe(group)).lag).toBe(nonEmpty);

    // A running member: reset is refused with a clear message.
    const controller = new AbortController();
    const reading = all(sandbox.topics.consume(topic, { group, follow: true, signal: controller.signal }));
    await expect.poll(async () => (await sandbox.groups.describe(group)).members.length, { timeout: 30_000 }).toBe(1);
    await expect(sandbox.groups.reset(group, topic, { toEarliest: true })).rejects.toThrow(/1 active member.*offsets can only be reset while it has none/);
    controller.abort();
    expect((await reading).length).toBe(nonEmpty);

    await expect(sandbox.groups.describe(`${group}x`)).rejects.toThrow(new RegExp(`unknown consumer group ${group}x \\(did you mean "${group}"\\?\\)`));
  });

  it('says "did you mean" for an unknown topic', async () => {
    await expect(sandbox.topics.describe(`${topic}x`)).rejects.toThrow(new RegExp(`unknown topic ${topic}x \\(did you mean "${topic}"\\?\\)`));
    await expect(all(sandbox.topics.consume(`${topic}x`))).rejects.toBeInstanceOf(ConfigError);
  });

  it(`tails broker-1's log ${how === 'by name' ? '' : '(or says it needs a name)'}`, async () => {
    if (how === 'by name') {
      const lines = await sandbox.logs.tail('broker-1', 5);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.length).toBeLessThanOrEqual(5);
      await expect(sandbox.logs.tail('broker-9', 5)).rejects.toThrow(/has no service broker-9.*\n?/);
    } else {
      await expect(sandbox.logs.tail('broker-1', 5)).rejects.toBeInstanceOf(StackError);
    }
  });

  it('deletes the topic', async () => {
    const doomed = unique('kt-doomed');
    await sandbox.topics.create({ name: doomed, partitions: 1 });
    await sandbox.topics.delete(doomed);
    expect((await sandbox.topics.list()).some((t) => t.name === doomed)).toBe(false);
    await expect(sandbox.topics.delete(doomed)).rejects.toThrow(/unknown topic/);
  });
});

describe('the Kafka tools on the CLI', () => {
  const topic = unique('kt-cli');
  const flags = ['--name', state.name];

  beforeAll(async () => {
    const created = await runCli(['topics', 'create', topic, '--partitions', '2', ...flags]);
    expect(created.exitCode, created.all).toBe(0);
  });
  afterAll(async () => {
    await runCli(['topics', 'delete', topic, ...flags]);
  });

  it('produces key:value lines from stdin with headers and consumes them with --count and a template', async () => {
    const produced = await execa(process.execPath, [cliPath(), 'produce', topic, '--key-sep', ':', '--header', 'source=cli', '--format', 'json', ...flags], {
      input: 'u1:{"n":1}\nu2:{"n":2}\nu3:{"n":3}\n',
      reject: false,
      all: true,
    });
    expect(produced.exitCode, produced.all).toBe(0);
    expect(produced.stdout).toMatch(/^sent 3 records to /);
    const consumed = await runCli(['consume', topic, '--count', '2', '--json', ...flags]);
    expect(consumed.exitCode, consumed.all).toBe(0);
    const lines = consumed.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(['headers', 'key', 'offset', 'partition', 'timestamp', 'value']);
    expect(lines[0]!.headers).toEqual({ source: 'cli' });
    expect(consumed.stderr).toMatch(/2 records read/);
    const templated = await runCli(['consume', topic, '--format', '%k=%v %h', ...flags]);
    expect(templated.stdout.trim().split('\n').sort()).toEqual(['u1={"n":1} source=cli', 'u2={"n":2} source=cli', 'u3={"n":3} source=cli']);
  });

  it('rejects a batch with a bad line, with its line number, and sends nothing', async () => {
    const before = await runCli(['topics', 'describe', topic, '--json', ...flags]);
    const bad = await execa(process.execPath, [cliPath(), 'produce', topic, '--format', 'json', ...flags], { input: '{"ok":1}\n{"broken":\n{"ok":3}\n', reject: false, all: true });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/1 line is not valid json; nothing was sent/);
    expect(bad.stderr).toMatch(/line 2: not valid JSON/);
    const after = await runCli(['topics', 'describe', topic, '--json', ...flags]);
    expect((JSON.parse(after.stdout) as { records: number }).records).toBe((JSON.parse(before.stdout) as { records: number }).records);
  });

  it('says "did you mean" for an unknown topic', async () => {
    const result = await runCli(['consume', topic.slice(0, -1), ...flags]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`(did you mean "${topic}"?)`);
  });

  it('lists groups and tails a log', async () => {
    expect((await runCli(['groups', 'list', '--json', ...flags])).exitCode).toBe(0);
    const logs = await runCli(['logs', 'broker-1', '--tail', '3', ...flags]);
    expect(logs.exitCode, logs.all).toBe(0);
    expect(logs.stdout.trim().split('\n').length).toBeLessThanOrEqual(3);
  });
});
