import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PartitionAssigners, type Consumer } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { parseJobOptions } from '../../runtime/streams/job-definition.js';
import { builtinJobs } from '../../runtime/streams/job-registry.js';
import { runJob } from '../../runtime/streams/kafka-job-runner.js';
import { startConnectWorker, type StartedConnectWorker } from '../../runtime/worker/start-connect-worker.js';
import { requireDockerEngine } from '../../stacks/docker-engine.js';
import { resolveImageSet } from '../../stacks/image-set.js';
import { httpJson } from '../helpers/http-json.js';
import { unique } from '../helpers/unique.js';

const endpoints = inject('endpoints');
const state = inject('sandboxState');
const flavor = resolveImageSet(inject('imageSet')).kafka.flavor;
const pgUrl = new URL(endpoints.postgresUrl!);
const CODECS = ['lz4', 'snappy', 'zstd'] as const;

/** A Kafka command-line tool as the broker image names it. */
const kafkaTool = (tool: string) => (flavor === 'apache-kafka' ? `/opt/kafka/bin/${tool}.sh` : tool);

/** Runs `command` in broker-1 with `sh -c` (so stdin can be piped); throws with its output unless it exits 0. */
async function inBroker(command: string, stdin?: string): Promise<string> {
  const client = await requireDockerEngine();
  const input = stdin === undefined ? '' : `echo ${Buffer.from(stdin).toString('base64')} | base64 -d | `;
  const container = client.container.getById(`kafka-sandbox-${state.name}-broker-1`);
  const result = await client.container.exec(container, ['sh', '-c', `${input}${command}`]);
  if (result.exitCode !== 0) throw new Error(`${command} exited with ${result.exitCode}: ${result.output}`);
  return result.stdout;
}

/** The records of `codec`'s topic: JSON keys and values, as tutorials write them. */
const recordsFor = (codec: string) => [1, 2, 3, 4, 5].map((id) => ({ key: { id }, value: { id, codec, text: `${codec} record ${id} `.repeat(20).trim() } }));

/**
 * Writes `records` with Kafka's own console producer (the Java client) compressed with `codec`,
 * and checks with DumpLogSegments that the log holds batches of that codec.
 */
async function javaProduce(topic: string, codec: string, records: { key: unknown; value: unknown }[]): Promise<void> {
  const lines = records.map((r) => `${JSON.stringify(r.key)}|${JSON.stringify(r.value)}`).join('\n');
  await inBroker(
    `${kafkaTool('kafka-console-producer')} --bootstrap-server localhost:9092 --topic ${topic} --compression-codec ${codec} --producer-property compression.type=${codec} --producer-property acks=all --property parse.key=true --property key.separator='|'`,
    `${lines}\n`,
  );
  const segment = (await inBroker(`find / -maxdepth 6 -type d -name '${topic}-0' -not -path '/proc/*'`)).trim().split('\n')[0]!;
  const dump = await inBroker(`${kafkaTool('kafka-dump-log')} --files ${segment}/00000000000000000000.log`);
  expect(dump, `${topic}'s log`).toContain(`compresscodec: ${codec}`);
}

describe('topics compressed by the Java client (lz4, snappy, zstd)', () => {
  let worker: StartedConnectWorker;
  let db: pg.Client;
  const topics = new Map<string, string>();
  const admin = kafkaClient(endpoints.bootstrapServers).admin();
  const fileDirectory = mkdtempSync(join(tmpdir(), 'connect-compressed-'));

  beforeAll(async () => {
    await admin.connect();
    for (const codec of CODECS) {
      const topic = unique(`compressed-${codec}`);
      topics.set(codec, topic);
      await createTopicsAndWait(admin, [{ topic, numPartitions: 1, replicationFactor: 3 }]);
      await javaProduce(topic, codec, recordsFor(codec));
    }
    worker = await startConnectWorker({
      bootstrapServers: endpoints.bootstrapServers,
      endpoints,
      port: 0,
      topicPrefix: unique('_it-connect'),
      fileDirectory,
      log: () => undefined,
    });
    db = new pg.Client({ connectionString: endpoints.postgresUrl });
    await db.connect();
  }, 300_000);
  afterAll(async () => {
    await worker?.stop();
    await db?.end();
    await admin.deleteTopics({ topics: [...topics.values()] }).catch(() => undefined);
    await admin.disconnect();
  });

  const taskStatus = async (name: string) => (await httpJson<{ tasks: { state: string; trace?: string }[] }>(`${worker.url}/connectors/${name}/status`)).tasks[0];

  it('the bundled JDBC (Postgres) sink writes every record of each topic', async () => {
    for (const codec of CODECS) {
      const topic = topics.get(codec)!;
      const name = unique(`pg-${codec}`);
      await httpJson(`${worker.url}/connectors`, {
        method: 'POST',
        json: {
          name,
          config: {
            'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
            topics: topic,
            'connection.url': `jdbc:postgresql://postgres:5432${pgUrl.pathname}`,
            'connection.user': decodeURIComponent(pgUrl.username),
            'connection.password': decodeURIComponent(pgUrl.password),
            'insert.mode': 'upsert',
            'pk.mode': 'record_key',
            'pk.fields': 'id',
            'auto.create': 'true',
            'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
            'key.converter.schemas.enable': 'false',
            'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
            'value.converter.schemas.enable': 'false',
          },
        },
      });
      const rows = await pollUntil(`5 rows from the ${codec} topic`, async () => {
        const task = await taskStatus(name);
        if (task?.state === 'FAILED') throw new Error(`the ${codec} sink FAILED: ${task.trace}`);
        const found = (await db.query(`SELECT * FROM "${topic}" ORDER BY id`).catch(() => ({ rows: [] }))).rows;
        return found.length === 5 ? found : undefined;
      }, { timeoutMs: 60_000, intervalMs: 500 });
      expect(rows).toEqual(recordsFor(codec).map((r) => ({ ...r.value, id: String(r.value.id) })));
      await httpJson(`${worker.url}/connectors/${name}`, { method: 'DELETE' });
      await db.query(`DROP TABLE "${topic}"`);
    }
  });

  it('a stream job (pass-through) reads each topic and writes every record on', async () => {
    const job = builtinJobs().get('pass-through')!;
    for (const codec of CODECS) {
      const source = topics.get(codec)!;
      const sink = `${source}-copy`;
      topics.set(`${codec}-copy`, sink);
      const controller = new AbortController();
      const running = runJob({ job, options: parseJobOptions(job, { source, sink }), bootstrapServers: endpoints.bootstrapServers, applicationId: unique(`copy-${codec}`), signal: controller.signal });
      running.catch(() => undefined);
      const consumer = kafkaClient(endpoints.bootstrapServers).consumer({ groupId: unique('compressed-read') });
      try {
        const seen: { key: string | null; value: string | null }[] = [];
        await pollUntil(`topic ${sink}`, async () => ((await admin.listTopics()).includes(sink) ? true : undefined), { timeoutMs: 60_000, intervalMs: 250 });
        await consumer.connect();
        await pollUntil(`subscribed to ${sink}`, () => consumer.subscribe({ topic: sink, fromBeginning: true }).then(() => true, () => undefined), { timeoutMs: 30_000, intervalMs: 500 });
        await consumer.run({ eachMessage: async ({ message }) => void seen.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? null }) });
        await pollUntil(`5 records copied from the ${codec} topic`, async () => (seen.length >= 5 ? true : undefined), { timeoutMs: 90_000, intervalMs: 250 });
        expect(seen.map((r) => ({ key: JSON.parse(r.key!), value: JSON.parse(r.value!) }))).toEqual(recordsFor(codec));
      } finally {
        await consumer.disconnect();
        controller.abort();
        await running.catch(() => undefined);
      }
      const metrics = await running;
      expect(metrics.input).toBe(5);
    }
  }, 300_000);

  it('a sink whose consumer crashes (its group taken by an incompatible member) is FAILED with the trace, and runs after a restart once the group is free', async () => {
    const topic = topics.get('lz4')!;
    const name = unique('crash');
    // Another application in group connect-<name> with a partition assignor the worker does not
    // have: the broker refuses the worker's join with INCONSISTENT_GROUP_PROTOCOL, and kafkajs'
    // consumer crashes for good.
    const foreign: Consumer = kafkaClient(endpoints.bootstrapServers).consumer({
      groupId: `connect-${name}`,
      partitionAssigners: [
        (config) => {
          const roundRobin = PartitionAssigners.roundRobin(config);
          return { ...roundRobin, name: 'ForeignAssigner', protocol: (subscription) => ({ ...roundRobin.protocol(subscription), name: 'ForeignAssigner' }) };
        },
      ],
    });
    await foreign.connect();
    await foreign.subscribe({ topic, fromBeginning: true });
    let joined = false;
    foreign.on(foreign.events.GROUP_JOIN, () => (joined = true));
    // It commits nothing: the sink reads the topic from the start once the group is its own.
    await foreign.run({ autoCommit: false, eachMessage: async () => undefined });
    await pollUntil('the foreign member joined', async () => (joined ? true : undefined), { timeoutMs: 60_000, intervalMs: 250 });

    const file = `${name}.txt`;
    await httpJson(`${worker.url}/connectors`, { method: 'POST', json: { name, config: { 'connector.class': 'FileStreamSink', topics: topic, file } } });
    const failed = await pollUntil('the task FAILED', async () => {
      const task = await taskStatus(name);
      return task?.state === 'FAILED' ? task : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250 });
    expect(failed.trace).toMatch(/^KafkaJS\w+: .*(incompatible|protocol)/i);
    expect(failed.trace).toContain('\tat ');
    process.stderr.write(`[compressed-topics] the crashed task's trace:\n${failed.trace!.split('\n').slice(0, 4).join('\n')}\n`);

    await foreign.disconnect();
    await httpJson(`${worker.url}/connectors/${name}/tasks/0/restart`, { method: 'POST' });
    const running = await pollUntil('RUNNING after the restart', async () => {
      const task = await taskStatus(name);
      return task?.state === 'RUNNING' ? task : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250 });
    expect(running.trace).toMatch(/^writing .* to .* \(file connectors are confined to /);
    await pollUntil('5 lines written', async () => {
      const metrics = await httpJson<{ tasks: { recordsWritten: number }[] }>(`${worker.url}/connectors/${name}/metrics`);
      return metrics.tasks[0]!.recordsWritten === 5 ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250 });
    expect(readFileSync(join(fileDirectory, file), 'utf8')).toBe(recordsFor('lz4').map((r) => `${JSON.stringify(r.value)}\n`).join(''));
    await httpJson(`${worker.url}/connectors/${name}`, { method: 'DELETE' });
  });
});
