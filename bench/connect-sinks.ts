/**
 * Connect sink benchmark (issue 5): the bundled sinks against the real Kafka Connect worker's sinks,
 * side by side in one run on the same topics and data, against a running sandbox.
 *
 *     npx tsx bench/connect-sinks.ts [--name dev] [--records N] [--warmup 2000] [--runs N]
 *                                    [--partitions 6] *                                    [--only postgres|elasticsearch|pg-ours|...] [--bulk-size 2000]
 *                                    [--bulk-in-flight 5] [--peer-batch-size N] [--bundled-url URL]
 *                                    [--timeout 900]
 *
 * Data: `--records` keyed records (default 100,000; key `{id}`, value 7 fields: id int64, user_id,
 * page, amount float64, quantity int32, paid boolean, created_at string; ~190 B of JSON), produced
 * once into two topics with `--partitions` partitions (default 6) and RF 3:
 *   - `<tag>-pg`: JsonConverter envelopes with `schemas.enable=true` for key and value (Debezium's
 *     JDBC sink needs schemas); both Postgres sinks read this topic;
 *   - `<tag>-es`: the same payloads as plain JSON (`schemas.enable=false`; Camel marshals the value
 *     map with Jackson); both Elasticsearch sinks and the `_bulk` ceiling use these documents.
 * Sides, each with tasks.max=1 and a fresh consumer group, timed from the deploy request until the
 * target holds every record (polled every 200 ms: `count(*)` of the table, `_count` of the index):
 *   - postgres, ours:  the bundled Postgres sink (`io.confluent.connect.jdbc.JdbcSinkConnector`
 *                      config: insert.mode=upsert, pk.mode=record_key, pk.fields=id, its defaults);
 *   - postgres, peer:  Debezium's JDBC sink 3.6 in the real Connect worker (insert.mode=upsert,
 *                      primary.key.mode=record_key, primary.key.fields=id, schema.evolution=none,
 *                      its defaults otherwise: batch.size 500, or `--peer-batch-size`, which also
 *                      raises the worker consumer's max.poll.records);
 *                      both into their own pre-created table of the same shape (id BIGINT PRIMARY KEY);
 *   - elasticsearch, ours: the bundled Elasticsearch sink (Confluent config, key.ignore=false: the
 *                      record key is the document id, write.method=insert, batch.size =
 *                      `--bulk-size`, its defaults otherwise: max.in.flight.requests 5);
 *   - elasticsearch, peer: the real worker's Elasticsearch sink, Camel's CamelSinkConnector 0.11
 *                      with camel-http posting each record to `/<index>/_doc` (ES-generated ids);
 *   - elasticsearch, ceiling: raw `_bulk` from this process, `--bulk-size` documents per request,
 *                      `--bulk-in-flight` requests at a time (default 5, as ours' default
 *                      max.in.flight.requests), the record key as `_id`, the same `filter_path` of
 *                      the response as ours, the documents already in memory (no Kafka).
 * Every index is pre-created with 1 shard and 0 replicas. The bundled worker runs in this process
 * (current sources, its own internal topics) unless `--bundled-url` names one (e.g. the sandbox's
 * `connect.url`, which runs the code it was started with). The order of the sides rotates per run;
 * with `--runs N` the table shows medians. Goals: ours >= 1.10x each peer, ours >= 0.6x the ceiling.
 * Everything created (topics, tables, indices, groups, connectors) is removed at the end.
 */
import { benchFlags, loadAverage, machineSummary, median } from './bench-kit.js';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { kafkaClient } from '../runtime/kafka/kafka-client.js';
import { createTopicsAndWait } from '../runtime/kafka/create-topics.js';
import { startConnectWorker, type StartedConnectWorker } from '../runtime/worker/start-connect-worker.js';
import { readSandboxState } from '../stacks/sandbox-state.js';

const usage =
  'usage: npx tsx bench/connect-sinks.ts [--name dev] [--records N] [--warmup 2000] [--runs N] [--partitions 6] [--only postgres|elasticsearch|pg-ours|...] [--bulk-size 2000] [--bulk-in-flight 5] [--peer-batch-size N] [--bundled-url URL] [--timeout 900]';
const { values: flags } = parseArgs({
  options: {
    name: { type: 'string', default: 'dev' },
    records: { type: 'string', default: '100000' },
    warmup: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '1' },
    partitions: { type: 'string', default: '6' },
    only: { type: 'string', default: '' },
    'bulk-size': { type: 'string', default: '2000' },
    'bulk-in-flight': { type: 'string', default: '5' },
    'peer-batch-size': { type: 'string', default: '' },
    'bundled-url': { type: 'string', default: '' },
    timeout: { type: 'string', default: '900' },
    help: { type: 'boolean', default: false },
  },
});
const { positive } = benchFlags(usage, flags.help);
const records = positive('records', flags.records);
const warmup = flags.warmup === '0' ? 0 : Math.min(records, positive('warmup', flags.warmup));
const runs = positive('runs', flags.runs);
const partitions = positive('partitions', flags.partitions);
const bulkSize = positive('bulk-size', flags['bulk-size']);
const bulkInFlight = positive('bulk-in-flight', flags['bulk-in-flight']);
const timeoutMs = positive('timeout', flags.timeout) * 1000;
const peerBatchSize = flags['peer-batch-size'] ? positive('peer-batch-size', flags['peer-batch-size']) : undefined;
/** `--only` names: an engine, or single sides (for profiling one of them). */
const sideNames: Record<string, string[]> = {
  postgres: ['postgres ours', 'postgres peer'],
  elasticsearch: ['elasticsearch ours', 'elasticsearch peer', 'elasticsearch ceiling'],
  'pg-ours': ['postgres ours'],
  'pg-peer': ['postgres peer'],
  'es-ours': ['elasticsearch ours'],
  'es-peer': ['elasticsearch peer'],
  'es-ceiling': ['elasticsearch ceiling'],
};
const onlyNames = flags.only ? flags.only.split(',').map((name) => name.trim()) : ['postgres', 'elasticsearch'];
const unknownOnly = onlyNames.filter((name) => !sideNames[name]);
if (unknownOnly.length > 0) {
  console.error(`--only takes ${Object.keys(sideNames).join(', ')} (comma-separated), got "${unknownOnly.join(', ')}"\n${usage}`);
  process.exit(2);
}
const selected = [...new Set(onlyNames.flatMap((name) => sideNames[name]!))];
const doPostgres = selected.some((side) => side.startsWith('postgres'));
const doElasticsearch = selected.some((side) => side.startsWith('elasticsearch'));

const state = await readSandboxState(flags.name);
if (!state) {
  console.error(`no sandbox named "${flags.name}": start one with \`kafka-sandbox up --detach --name ${flags.name}\``);
  process.exit(2);
}
const { endpoints } = state;
const missing = (['postgresUrl', 'elasticsearchUrl', 'connectWorkerUrl'] as const).filter((key) => !endpoints[key]);
if (missing.length > 0) {
  console.error(`sandbox "${flags.name}" has no ${missing.join(', ')}: this benchmark needs the full stack (Postgres, Elasticsearch, the real Connect worker)`);
  process.exit(2);
}
const postgresUrl = endpoints.postgresUrl!;
const esUrl = endpoints.elasticsearchUrl!;
const peerUrl = endpoints.connectWorkerUrl!;

const fmt = (value: number) => Math.round(value).toLocaleString('en-US');
const load = loadAverage;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function http<T = unknown>(url: string, init: { method?: string; json?: unknown; body?: string; contentType?: string } = {}): Promise<{ status: number; body: T }> {
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
  const response = await fetch(url, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    ...(body !== undefined ? { body, headers: { 'content-type': init.contentType ?? 'application/json' } } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T };
}
async function httpOk<T = unknown>(url: string, init: Parameters<typeof http>[1] = {}): Promise<T> {
  const { status, body } = await http<T>(url, init);
  if (status >= 300) throw new Error(`${init.method ?? (init.json !== undefined || init.body !== undefined ? 'POST' : 'GET')} ${url} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`.slice(0, 1500));
  return body;
}

// ---------------------------------------------------------------------------------------------
// machine

const machine = machineSummary();
const loadBefore = load();
console.log(`machine     ${machine}`);
console.log(`load avg    ${loadBefore} (1 / 5 / 15 min) before; the machine may be shared with other work`);

// ---------------------------------------------------------------------------------------------
// data

const tag = `bench-sinks-${randomUUID().slice(0, 8)}`;
/** A set of topics, tables and indices: the timed one, and the warm-up's. */
interface Target {
  n: number;
  prefix: string;
  pg: string;
  es: string;
}
const target = (prefix: string, n: number): Target => ({ n, prefix, pg: `${prefix}-pg`, es: `${prefix}-es` });
const main = target(tag, records);
const warm = target(`${tag}-warm`, warmup);
const tableOf = (t: Target, side: string) => `${t.prefix.replaceAll('-', '_')}_${side}`;
/** Ours writes to an index named as the topic; the others get their own. */
const indexOf = (t: Target, side: 'ours' | 'camel' | 'bulk') => (side === 'ours' ? t.es : `${t.prefix}-${side}`);

const keySchema = { type: 'struct', name: 'bench.Key', optional: false, fields: [{ field: 'id', type: 'int64', optional: false }] };
const valueSchema = {
  type: 'struct',
  name: 'bench.Order',
  optional: false,
  fields: [
    { field: 'id', type: 'int64', optional: false },
    { field: 'user_id', type: 'string', optional: false },
    { field: 'page', type: 'string', optional: true },
    { field: 'amount', type: 'double', optional: true },
    { field: 'quantity', type: 'int32', optional: true },
    { field: 'paid', type: 'boolean', optional: true },
    { field: 'created_at', type: 'string', optional: true },
  ],
};
const tableDdl = (table: string) =>
  `CREATE TABLE "${table}" (id BIGINT PRIMARY KEY, user_id TEXT NOT NULL, page TEXT, amount DOUBLE PRECISION, quantity INTEGER, paid BOOLEAN, created_at TEXT)`;
const start = Date.parse('2025-01-01T00:00:00Z');
const payloadOf = (id: number) => ({
  id,
  user_id: `user-${(id * 7919) % 5000}`,
  page: `/products/${(id * 31) % 300}`,
  amount: Math.round(((id * 37) % 100_000) / 3) / 100,
  quantity: 1 + (id % 9),
  paid: id % 3 === 0,
  created_at: new Date(start + id * 1000).toISOString(),
});
/** The response fields the bundled sink asks for: the ceiling asks for the same. */
const bulkFilter = 'errors,items.*.status,items.*.error.type,items.*.error.reason';
/** The ES documents: `_id` and source text, also used by the `_bulk` ceiling. */
const documents = Array.from({ length: records }, (_, id) => ({ id: String(id), source: JSON.stringify(payloadOf(id)) }));

// ---------------------------------------------------------------------------------------------
// cleanup on failure and Ctrl-C

const kafka = kafkaClient(endpoints.bootstrapServers, { clientId: 'bench-connect-sinks' });
const admin = kafka.admin();
let db: pg.Client | undefined;
let worker: StartedConnectWorker | undefined;
let workDir: string | undefined;
const deployed: Array<{ url: string; name: string }> = [];
const groups: string[] = [];
const workerTopicPrefix = `_${tag}-connect`;

async function cleanup(): Promise<void> {
  for (const { url, name } of deployed.splice(0)) await http(`${url}/connectors/${name}`, { method: 'DELETE' }).catch(() => undefined);
  const started = worker;
  worker = undefined;
  await started?.stop().catch((error: unknown) => console.error(`could not stop the bundled worker: ${(error as Error).message}`));
  if (workDir) await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  if (db) {
    for (const t of [main, warm]) for (const side of ['ours', 'debezium']) await db.query(`DROP TABLE IF EXISTS "${tableOf(t, side)}"`).catch(() => undefined);
    await db.end().catch(() => undefined);
    db = undefined;
  }
  // Elasticsearch 8 refuses wildcard deletes (action.destructive_requires_name): one by one.
  for (const t of [main, warm]) for (const side of ['ours', 'camel', 'bulk'] as const) await http(`${esUrl}/${indexOf(t, side)}`, { method: 'DELETE' }).catch(() => undefined);
  try {
    await admin.connect();
    const names = (await admin.listTopics()).filter((t) => t.startsWith(tag) || t.startsWith(workerTopicPrefix));
    if (names.length > 0) await admin.deleteTopics({ topics: names }).catch(() => undefined);
    // Groups empty out a few seconds after their connector is gone.
    for (let attempt = 0; attempt < 10 && groups.length > 0; attempt++) {
      await admin.deleteGroups([...groups]).then(() => groups.splice(0)).catch(() => sleep(1000));
    }
    await admin.disconnect();
  } catch {
    // best effort
  }
}
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error('\ninterrupted: removing what the benchmark created (Ctrl-C again to quit now)');
  void cleanup().finally(() => process.exit(130));
});

// ---------------------------------------------------------------------------------------------
// sides

interface Outcome {
  seconds: number;
  done: number;
  timedOut: boolean;
  /** When the target first held a record, and how many it held then (start-up vs steady rate). */
  firstSeconds: number;
  firstDone: number;
}
const steadyRate = (o: Outcome) => (o.seconds > o.firstSeconds ? (o.done - o.firstDone) / (o.seconds - o.firstSeconds) : o.done / o.seconds);

async function taskFailure(url: string, name: string): Promise<string | undefined> {
  const { status, body } = await http<{ connector?: { state: string; trace?: string }; tasks?: Array<{ state: string; trace?: string }> }>(`${url}/connectors/${name}/status`).catch(() => ({ status: 0, body: undefined }));
  if (status !== 200 || !body) return undefined;
  if (body.connector?.state === 'FAILED') return body.connector.trace ?? 'connector FAILED';
  return body.tasks?.find((t) => t.state === 'FAILED')?.trace;
}

/** Deploys, polls `count` until it reaches `records` (or fails/times out), deletes the connector. */
async function timeConnector(url: string, name: string, config: Record<string, string>, count: () => Promise<number>, records: number): Promise<Outcome> {
  groups.push(`connect-${name}`);
  const t0 = performance.now();
  await httpOk(`${url}/connectors`, { json: { name, config } });
  deployed.push({ url, name });
  let done = 0;
  let polls = 0;
  let first: { firstSeconds: number; firstDone: number } | undefined;
  for (;;) {
    done = await count().catch(() => done);
    const seconds = (performance.now() - t0) / 1000;
    if (done > 0) first ??= { firstSeconds: seconds, firstDone: done };
    if (done >= records || seconds * 1000 > timeoutMs) {
      await removeConnector(url, name);
      return { seconds, done, timedOut: done < records, ...(first ?? { firstSeconds: seconds, firstDone: done }) };
    }
    if (++polls % 10 === 0) {
      const trace = await taskFailure(url, name);
      if (trace) throw new Error(`${name} failed after ${fmt(done)} records: ${trace.split('\n').slice(0, 3).join(' | ')}`);
    }
    await sleep(200);
  }
}

async function removeConnector(url: string, name: string): Promise<void> {
  await http(`${url}/connectors/${name}`, { method: 'DELETE' });
  const at = deployed.findIndex((d) => d.url === url && d.name === name);
  if (at >= 0) deployed.splice(at, 1);
}

const pgUrl = new URL(postgresUrl);
const jdbcUrl = `jdbc:postgresql://postgres:5432${pgUrl.pathname}`;
const schemaConverters = {
  'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'key.converter.schemas.enable': 'true',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'value.converter.schemas.enable': 'true',
};
const rowCount = (table: string) => async () => Number((await db!.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n);
const docCount = (index: string) => async () => (await httpOk<{ count: number }>(`${esUrl}/${index}/_count`)).count;

let bundledUrl = flags['bundled-url'];

const sides: Record<string, (t: Target, run: string) => Promise<Outcome>> = {
  'postgres ours': (t, run) =>
    timeConnector(bundledUrl, `${tag}-pg-ours-${run}`, {
      'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
      'tasks.max': '1',
      topics: t.pg,
      'connection.url': jdbcUrl,
      'connection.user': decodeURIComponent(pgUrl.username),
      'connection.password': decodeURIComponent(pgUrl.password),
      'insert.mode': 'upsert',
      'pk.mode': 'record_key',
      'pk.fields': 'id',
      'table.name.format': tableOf(t, 'ours'),
      ...schemaConverters,
    }, rowCount(tableOf(t, 'ours')), t.n),
  'postgres peer': (t, run) =>
    timeConnector(peerUrl, `${tag}-pg-debezium-${run}`, {
      'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
      'tasks.max': '1',
      topics: t.pg,
      'connection.url': jdbcUrl,
      'connection.username': decodeURIComponent(pgUrl.username),
      'connection.password': decodeURIComponent(pgUrl.password),
      'insert.mode': 'upsert',
      'primary.key.mode': 'record_key',
      'primary.key.fields': 'id',
      'schema.evolution': 'none',
      'collection.name.format': tableOf(t, 'debezium'),
      ...(peerBatchSize ? { 'batch.size': String(peerBatchSize), 'consumer.override.max.poll.records': String(peerBatchSize) } : {}),
      ...schemaConverters,
    }, rowCount(tableOf(t, 'debezium')), t.n),
  'elasticsearch ours': (t, run) =>
    timeConnector(bundledUrl, `${tag}-es-ours-${run}`, {
      'connector.class': 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector',
      'tasks.max': '1',
      topics: t.es,
      'connection.url': 'http://elasticsearch:9200',
      'key.ignore': 'false',
      'schema.ignore': 'true',
      'batch.size': String(bulkSize),
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable': 'false',
    }, docCount(indexOf(t, 'ours')), t.n),
  'elasticsearch peer': (t, run) =>
    timeConnector(peerUrl, `${tag}-es-camel-${run}`, {
      'connector.class': 'org.apache.camel.kafkaconnector.CamelSinkConnector',
      'tasks.max': '1',
      topics: t.es,
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable': 'false',
      'camel.sink.url': `http://elasticsearch:9200/${indexOf(t, 'camel')}/_doc`,
      'camel.sink.marshal': 'json-jackson',
    }, docCount(indexOf(t, 'camel')), t.n),
  'elasticsearch ceiling': async (t) => {
    const index = indexOf(t, 'bulk');
    const docs = documents.slice(0, t.n);
    const t0 = performance.now();
    let first: { firstSeconds: number; firstDone: number } | undefined;
    let next = 0;
    // `--bulk-in-flight` loops, each taking the next batch: that many requests in flight.
    const sender = async () => {
      for (;;) {
        const i = next;
        next += bulkSize;
        if (i >= docs.length) return;
        const body = docs
          .slice(i, i + bulkSize)
          .map((d) => `{"index":{"_index":"${index}","_id":"${d.id}"}}\n${d.source}\n`)
          .join('');
        const result = await httpOk<{ errors: boolean; items: unknown[] }>(`${esUrl}/_bulk?filter_path=${bulkFilter}`, { body, contentType: 'application/x-ndjson' });
        if (result.errors) throw new Error(`_bulk reported errors: ${JSON.stringify(result.items.find((item) => JSON.stringify(item).includes('"error"'))).slice(0, 500)}`);
        first ??= { firstSeconds: (performance.now() - t0) / 1000, firstDone: Math.min(bulkSize, t.n) };
      }
    };
    await Promise.all(Array.from({ length: bulkInFlight }, sender));
    const count = docCount(index);
    let done = 0;
    while ((done = await count().catch(() => 0)) < t.n) await sleep(200);
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, done, timedOut: false, ...(first ?? { firstSeconds: seconds, firstDone: done }) };
  },
};

/** Fresh targets for one run: empty tables and indices of the same shape for every side. */
async function resetTargets(t: Target): Promise<void> {
  if (doPostgres) {
    for (const side of ['ours', 'debezium']) {
      await db!.query(`DROP TABLE IF EXISTS "${tableOf(t, side)}"`);
      await db!.query(tableDdl(tableOf(t, side)));
    }
  }
  if (doElasticsearch) {
    for (const index of (['ours', 'camel', 'bulk'] as const).map((side) => indexOf(t, side))) {
      await http(`${esUrl}/${index}`, { method: 'DELETE' });
      await httpOk(`${esUrl}/${index}`, { method: 'PUT', json: { settings: { number_of_shards: 1, number_of_replicas: 0 } } });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// run

const results = new Map<string, Outcome[]>();
let loadAfter = '';
try {
  await admin.connect();
  const targets = warmup > 0 ? [main, warm] : [main];
  await createTopicsAndWait(
    admin,
    targets.flatMap((t) => [...(doPostgres ? [t.pg] : []), ...(doElasticsearch ? [t.es] : [])]).map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 3 })),
  );
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const keySchemaText = JSON.stringify(keySchema);
  const valueSchemaText = JSON.stringify(valueSchema);
  const t0 = performance.now();
  for (const t of targets) {
    for (let i = 0; i < t.n; i += 5000) {
      const chunk = documents.slice(i, Math.min(i + 5000, t.n));
      const sends = [];
      if (doPostgres)
        sends.push(producer.send({ topic: t.pg, acks: -1, messages: chunk.map((d) => ({ key: `{"schema":${keySchemaText},"payload":{"id":${d.id}}}`, value: `{"schema":${valueSchemaText},"payload":${d.source}}` })) }));
      if (doElasticsearch) sends.push(producer.send({ topic: t.es, acks: -1, messages: chunk.map((d) => ({ key: d.id, value: d.source })) }));
      await Promise.all(sends);
    }
  }
  await producer.disconnect();
  console.log(`data        ${fmt(records)} records into ${[doPostgres ? main.pg : '', doElasticsearch ? main.es : ''].filter(Boolean).join(' and ')} (${partitions} partitions, RF 3)${warmup > 0 ? `, ${fmt(warmup)} for the warm-up` : ''} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  if (doPostgres) {
    db = new pg.Client({ connectionString: postgresUrl });
    await db.connect();
  }
  if (!bundledUrl) {
    workDir = await mkdtemp(join(tmpdir(), 'bench-connect-sinks-'));
    worker = await startConnectWorker({
      bootstrapServers: endpoints.bootstrapServers,
      endpoints,
      port: 0,
      topicPrefix: workerTopicPrefix,
      fileDirectory: workDir,
      log: (level, message) => {
        if (level !== 'info') process.stderr.write(`[bundled worker ${level}] ${message}\n`);
      },
    });
    bundledUrl = worker.url;
  }
  console.log(`bundled     ${flags['bundled-url'] ? `${bundledUrl} (a running worker)` : `in this process (${bundledUrl}), current sources`}; peer ${peerUrl} (Kafka Connect 4.3.1)`);

  const order = selected;
  if (warmup > 0) {
    // Untimed: class loading and JIT on both workers (Debezium's first deploy in a fresh worker takes a minute).
    await resetTargets(warm);
    for (const side of order) {
      const outcome = await sides[side]!(warm, 'warmup');
      console.log(`  warm-up ${side.padEnd(22)} ${fmt(outcome.done)} in ${outcome.seconds.toFixed(1)} s`);
    }
  }
  for (let run = 0; run < runs; run++) {
    await resetTargets(main);
    const rotated = order.map((_, i) => order[(i + run) % order.length]!);
    for (const side of rotated) {
      const before = load();
      const outcome = await sides[side]!(main, String(run));
      if (!results.has(side)) results.set(side, []);
      results.get(side)!.push(outcome);
      const rate = outcome.done / outcome.seconds;
      console.log(
        `  run ${run + 1} ${side.padEnd(22)} ${fmt(rate).padStart(8)}/s  ${fmt(outcome.done)} in ${outcome.seconds.toFixed(1)} s (first after ${outcome.firstSeconds.toFixed(1)} s, then ${fmt(steadyRate(outcome))}/s)${outcome.timedOut ? ` (TIMED OUT at --timeout, ${fmt(outcome.done)} of ${fmt(records)})` : ''}  load ${before} -> ${load()}`,
      );
    }
  }
} catch (error) {
  console.error(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await cleanup();
  process.exit(1);
}
loadAfter = load();
await cleanup();

// ---------------------------------------------------------------------------------------------
// summary (also as README tables)

const rateOf = (side: string) => median((results.get(side) ?? []).map((o) => o.done / o.seconds));
const of = (side: string, pick: (o: Outcome) => number) => median((results.get(side) ?? []).map(pick));
const timedOut = (side: string) => (results.get(side) ?? []).some((o) => o.timedOut);
const row = (label: string, side: string) =>
  `| ${label} | ${fmt(rateOf(side))} | ${of(side, (o) => o.seconds).toFixed(1)}${timedOut(side) ? ' (timed out: rate of what it wrote)' : ''} | ${of(side, (o) => o.firstSeconds).toFixed(1)} | ${fmt(of(side, steadyRate))} |`;
const has = (side: string) => results.has(side);
console.log(`\nmachine     ${machine}`);
console.log(`load avg    ${loadBefore} before, ${loadAfter} after (1 / 5 / 15 min)`);
console.log(`${runs} run${runs > 1 ? 's, medians' : ''}; rate = records / (deploy until the target holds all of them); "then" = the rate after the first record showed up`);
const goals: string[] = [];
/** Ratio of two sides run by run (they ran minutes apart at most), for the spread on a shared machine. */
const perRun = (a: string, b: string) => {
  const ratios = (results.get(a) ?? []).map((o, i) => o.done / o.seconds / ((results.get(b)![i]!.done / results.get(b)![i]!.seconds) || 1));
  return runs > 1 ? `; per run ${ratios.map((r) => r.toFixed(2)).join(', ')}` : '';
};
if (doPostgres) {
  console.log(`\n| ${fmt(records)} records, upsert by key, ${partitions} partitions, tasks.max=1 | rows/s | seconds | first row after (s) | then rows/s |`);
  console.log('| --- | ---: | ---: | ---: | ---: |');
  if (has('postgres ours')) console.log(row('ours: bundled Postgres sink (batch.size 3000)', 'postgres ours'));
  if (has('postgres peer')) console.log(row(`peer: Debezium JDBC sink 3.6 in Connect 4.3.1 (batch.size ${peerBatchSize ?? '500, default'})`, 'postgres peer'));
  if (has('postgres ours') && has('postgres peer')) {
    const ratio = rateOf('postgres ours') / rateOf('postgres peer');
    console.log(`| **ours / peer** | **${ratio.toFixed(2)}x** | | | ${(of('postgres ours', steadyRate) / of('postgres peer', steadyRate)).toFixed(2)}x |`);
    goals.push(`Postgres: ours >= 1.10x Debezium JDBC sink: ${ratio >= 1.1 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x${perRun('postgres ours', 'postgres peer')})`);
  }
}
if (doElasticsearch) {
  console.log(`\n| ${fmt(records)} documents, ${partitions} partitions, tasks.max=1 | docs/s | seconds | first doc after (s) | then docs/s |`);
  console.log('| --- | ---: | ---: | ---: | ---: |');
  if (has('elasticsearch ours')) console.log(row(`ours: bundled Elasticsearch sink (batch.size ${fmt(bulkSize)})`, 'elasticsearch ours'));
  if (has('elasticsearch peer')) console.log(row('peer: CamelSinkConnector 0.11 + camel-http in Connect 4.3.1', 'elasticsearch peer'));
  if (has('elasticsearch ceiling')) console.log(row(`ceiling: raw \`_bulk\` from Node, ${fmt(bulkSize)} per request, ${bulkInFlight} in flight, no Kafka`, 'elasticsearch ceiling'));
  const ours = rateOf('elasticsearch ours');
  if (has('elasticsearch ours') && has('elasticsearch peer')) {
    const peer = ours / rateOf('elasticsearch peer');
    console.log(`| **ours / peer** | **${peer.toFixed(2)}x** | | | ${(of('elasticsearch ours', steadyRate) / of('elasticsearch peer', steadyRate)).toFixed(2)}x |`);
    goals.push(`Elasticsearch: ours >= 1.10x the Camel sink: ${peer >= 1.1 ? 'met' : 'NOT met'} (${peer.toFixed(2)}x${perRun('elasticsearch ours', 'elasticsearch peer')})`);
  }
  if (has('elasticsearch ours') && has('elasticsearch ceiling')) {
    const ceiling = ours / rateOf('elasticsearch ceiling');
    console.log(`| **ours / ceiling** | **${ceiling.toFixed(2)}x** | | | ${(of('elasticsearch ours', steadyRate) / of('elasticsearch ceiling', steadyRate)).toFixed(2)}x |`);
    goals.push(`Elasticsearch: ours >= 0.6x raw _bulk: ${ceiling >= 0.6 ? 'met' : 'NOT met'} (${ceiling.toFixed(2)}x${perRun('elasticsearch ours', 'elasticsearch ceiling')})`);
  }
}
console.log('');
for (const goal of goals) console.log(goal);
