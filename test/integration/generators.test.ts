import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRun } from '../../generators/core/generate-records.js';
import type { PlannedRecord } from '../../generators/core/planned-record.js';
import { parseGenerateOptions, type RawGenerateOptions } from '../../generators/generate-options.js';
import { builtinGenerators } from '../../generators/generator-registry.js';
import type { Ledger } from '../../generators/ledger/ledger.js';
import { registerCodecs } from '../../runtime/kafka/codecs.js';
import { writeDimensionTopics } from '../../generators/runner/dimension-topics.js';
import { quoteIdent, writeDimensionTables } from '../../generators/runner/postgres-dimensions.js';
import { runGeneration } from '../../generators/run-generation.js';
import { jsonValue } from '../../generators/serialize/json-value.js';
import { pollUntil } from '../../runtime/core/poll.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { unique } from '../helpers/unique.js';

const endpoints = inject('endpoints');
const registryUrl = endpoints.schemaRegistryUrl;
const START = '2025-03-01T09:00:00Z';

interface Consumed {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  timestamp: number;
}

let dir: string;
const topics: string[] = [];
const schemas: string[] = [];

beforeAll(async () => {
  registerCodecs();
  dir = await mkdtemp(join(tmpdir(), 'generators-it-'));
});

afterAll(async () => {
  const admin = kafkaClient(endpoints.bootstrapServers).admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
  const client = new pg.Client({ connectionString: endpoints.postgresUrl });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  await client.end();
  await rm(dir, { recursive: true, force: true });
});

/** Runs a built-in generator against the shared stack into a fresh topic and Postgres schema. */
async function generate(name: string, raw: RawGenerateOptions) {
  const topic = unique(`gen-${name}`);
  const pgSchema = unique('gen').replace('-', '_');
  topics.push(topic);
  schemas.push(pgSchema);
  const spec = builtinGenerators().get(name)!;
  const options = parseGenerateOptions({ topic, pgSchema, ledger: join(dir, `${topic}.json`), startTime: START, ...raw }, { topic, now: Date.now() });
  const result = await runGeneration({
    spec,
    options,
    targets: { bootstrapServers: endpoints.bootstrapServers, ...(endpoints.postgresUrl ? { postgresUrl: endpoints.postgresUrl } : {}), ...(registryUrl ? { schemaRegistryUrl: registryUrl } : {}) },
  });
  expect(result.error).toBeUndefined();
  expect(result.outcome.stopped).toBe('completed');
  const planned = [...createRun(spec, options.settings).records];
  return { topic, pgSchema, options, ledger: result.ledger, planned };
}

/** Reads exactly `count` records of `topic` from the beginning, waiting by polling. */
async function consume(topic: string, count: number): Promise<Consumed[]> {
  const consumer = kafkaClient(endpoints.bootstrapServers).consumer({ groupId: unique('gen-it') });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: Consumed[] = [];
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      seen.push({ key: message.key!.toString(), value: message.value!, headers, timestamp: Number(message.timestamp) });
    },
  });
  try {
    await pollUntil(`${count} records of ${topic}`, async () => (seen.length >= count ? true : undefined), { timeoutMs: 90_000 });
    // Nothing beyond the ledger's count: give a straggler a moment to show up.
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

function tryJson(value: Buffer): Record<string, unknown> | undefined {
  try {
    return JSON.parse(value.toString()) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function isValidClick(value: Record<string, unknown> | undefined): boolean {
  if (!value) return false;
  const types: Record<string, string[]> = {
    timestamp: ['string'], user_id: ['number'], url: ['string'], device_id: ['string'], session_id: ['string'], referrer: ['string', 'null'], event_type: ['string'],
  };
  return Object.entries(types).every(([field, allowed]) => field in value && allowed.includes(value[field] === null ? 'null' : typeof value[field]));
}

/** Per key, how many records: for comparing with the ledger's key counts. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('generators against the real stack', () => {
  let click: Awaited<ReturnType<typeof generate>>;
  let records: Consumed[];

  beforeAll(async () => {
    click = await generate('clickstream', {
      count: '10000', seed: 'it-42', duplicateRate: '1%', malformedRate: '0.5%', lateRate: '1%', orphanRate: '1%', compression: 'lz4',
    });
    records = await consume(click.topic, click.ledger.totals.records);
  });

  it('the ledger counts exactly what a consumer reads back: records, keys, events, duplicates, malformed', () => {
    const ledger: Ledger = click.ledger;
    expect(ledger.totals).toEqual({ records: 10_100, events: 9_950, duplicates: 100, malformed: 50, late: 100, orphans: 100 });
    expect(records).toHaveLength(ledger.totals.records);
    expect(countBy(records, (r) => r.key)).toEqual(Object.fromEntries(Object.entries(ledger.keys).map(([k, c]) => [k, c.records])));

    const valid = records.filter((r) => isValidClick(tryJson(r.value)));
    const malformed = records.filter((r) => !isValidClick(tryJson(r.value)));
    expect(malformed.map((r) => r.headers.event_id).sort()).toEqual(ledger.malformed.map((m) => m.eventId).sort());
    const ids = valid.map((r) => r.headers.event_id!);
    expect(new Set(ids)).toEqual(new Set(ledger.eventIds));
    expect(ids.length - new Set(ids).size).toBe(ledger.duplicates.length);
    const repeated = Object.entries(countBy(ids, (id) => id)).filter(([, n]) => n > 1).map(([id]) => id);
    expect(repeated.sort()).toEqual([...ledger.duplicates].sort());
    const types = countBy(valid, (r) => tryJson(r.value)!.event_type as string);
    expect(types).toEqual(Object.fromEntries(Object.entries(ledger.eventTypes).map(([t, c]) => [t, c.records])));
  });

  it('records carry the key, headers, timestamp and bytes the seed determines', () => {
    const planned = new Map<string, PlannedRecord>(click.planned.filter((r) => r.kind !== 'duplicate').map((r) => [r.eventId, r]));
    for (const record of records) {
      const expected = planned.get(record.headers.event_id!)!;
      expect(record.value.equals(jsonValue(expected))).toBe(true);
      expect(record.key).toBe(expected.key);
      expect(record.headers).toEqual({ source: 'web', event_id: expected.eventId });
      expect(record.timestamp).toBe(expected.timestamp);
      const value = tryJson(record.value);
      if (isValidClick(value)) expect(record.key).toBe(String(value!.user_id));
    }
  });

  it('dimensions land in Postgres and every foreign key resolves, except exactly the orphans', async () => {
    const client = new pg.Client({ connectionString: endpoints.postgresUrl });
    await client.connect();
    try {
      const schema = quoteIdent(click.pgSchema);
      for (const [table, rows] of Object.entries(click.ledger.dimensions)) {
        const { rows: counted } = await client.query(`SELECT count(*)::int AS n FROM ${schema}.${quoteIdent(table)}`);
        expect(counted[0].n, table).toBe(rows);
      }
      const valid = records.map((r) => ({ id: r.headers.event_id!, value: tryJson(r.value) })).filter((r) => isValidClick(r.value));
      const missing = async (table: string, column: string, field: string, cast: string) => {
        const values = [...new Set(valid.map((r) => r.value![field]))];
        const { rows } = await client.query(`SELECT ${quoteIdent(column)} AS v FROM ${schema}.${quoteIdent(table)} WHERE ${quoteIdent(column)} = ANY($1::${cast}[])`, [values]);
        const found = new Set(rows.map((row) => (cast === 'bigint' ? Number(row.v) : row.v)));
        return valid.filter((r) => !found.has(r.value![field])).map((r) => ({ eventId: r.id, field, value: r.value![field] }));
      };
      const dangling = [
        ...(await missing('users', 'user_id', 'user_id', 'bigint')),
        ...(await missing('devices', 'device_id', 'device_id', 'text')),
        ...(await missing('urls', 'url', 'url', 'text')),
      ];
      const key = (o: { eventId: string; field: string }) => `${o.eventId}/${o.field}`;
      expect([...new Set(dangling.map(key))].sort()).toEqual(click.ledger.orphans.map(key).sort());

      // A second write of the same dimensions changes nothing (upserts).
      const model = createRun(builtinGenerators().get('clickstream')!, click.options.settings).model;
      await writeDimensionTables(endpoints.postgresUrl!, click.pgSchema, model.dimensions);
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${schema}."users"`);
      expect(rows[0].n).toBe(click.ledger.dimensions.users);
    } finally {
      await client.end();
    }
  });

  it('dimension tables also go to compacted topics, one record per row keyed by primary key', async () => {
    const prefix = `${unique('dim')}.`;
    const model = createRun(builtinGenerators().get('clickstream')!, click.options.settings).model;
    const written = await writeDimensionTopics(endpoints.bootstrapServers, prefix, model.dimensions, 'zstd');
    topics.push(...Object.values(written));
    expect(written).toEqual({ users: `${prefix}users`, devices: `${prefix}devices`, urls: `${prefix}urls` });
    const users = await consume(`${prefix}users`, click.ledger.dimensions.users!);
    expect(users.map((r) => Number(r.key)).sort((a, b) => a - b)).toEqual(Array.from({ length: click.ledger.dimensions.users! }, (_, i) => i + 1));
    expect(Object.keys(tryJson(users[0]!.value)!)).toEqual(['user_id', 'user_name', 'email', 'country', 'segment', 'signup_time']);
    const admin = kafkaClient(endpoints.bootstrapServers).admin();
    await admin.connect();
    const configs = await admin.describeConfigs({ resources: [{ type: 2, name: `${prefix}urls` }], includeSynonyms: false });
    await admin.disconnect();
    expect(configs.resources[0]!.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue).toBe('compact');
  });

  it('the ledger file holds the same ledger', async () => {
    const file = JSON.parse(await readFile(click.options.ledgerFile, 'utf8')) as Ledger;
    expect(file.checksum).toBe(click.ledger.checksum);
    expect(file.eventIds).toEqual(click.ledger.eventIds);
    expect(file.complete).toBe(true);
  });

  it.each(['gzip', 'snappy', 'zstd', 'none'] as const)('order-events with %s compression arrive intact', async (compression) => {
    const run = await generate('order-events', { count: '300', seed: `it-${compression}`, compression });
    const got = await consume(run.topic, 300);
    const expected = new Map(run.planned.map((r) => [r.eventId, jsonValue(r)]));
    for (const record of got) {
      expect(record.value.equals(expected.get(record.headers.event_id!)!)).toBe(true);
      expect(record.key).toBe(tryJson(record.value)!.order_id);
    }
  });

  it.runIf(registryUrl !== undefined)('Avro records decode through the registry; malformed ones do not', async () => {
    const run = await generate('user-events', { count: '500', seed: 'it-avro', format: 'avro', malformedRate: '2%' });
    const got = await consume(run.topic, 500);
    const registry = new SchemaRegistry({ host: registryUrl! });
    const planned = new Map(run.planned.map((r) => [r.eventId, r]));
    const malformed = new Set(run.ledger.malformed.map((m) => m.eventId));
    let decoded = 0;
    for (const record of got) {
      const expected = planned.get(record.headers.event_id!)!;
      if (malformed.has(expected.eventId)) {
        await expect(registry.decode(record.value)).rejects.toThrow();
        continue;
      }
      expect(record.value[0]).toBe(0);
      const value = (await registry.decode(record.value)) as Record<string, unknown> & { data: Record<string, unknown> };
      const data = Object.fromEntries(Object.entries(value.data).filter(([, v]) => v !== null));
      expect({ ...value, data }).toEqual(expected.value);
      decoded++;
    }
    expect(decoded).toBe(490);
  });

  it.runIf(registryUrl !== undefined)('JSON Schema records decode through the registry; malformed ones fail validation', async () => {
    const run = await generate('order-events', { count: '400', seed: 'it-jsonschema', format: 'json-schema', malformedRate: '5%' });
    const got = await consume(run.topic, 400);
    const registry = new SchemaRegistry({ host: registryUrl! });
    const planned = new Map(run.planned.map((r) => [r.eventId, r]));
    const malformed = new Set(run.ledger.malformed.map((m) => m.eventId));
    for (const record of got) {
      expect(record.value[0]).toBe(0);
      if (malformed.has(record.headers.event_id!)) await expect(registry.decode(record.value)).rejects.toThrow();
      else expect(await registry.decode(record.value)).toEqual(planned.get(record.headers.event_id!)!.value);
    }
  });
});
