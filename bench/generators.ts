/**
 * Generator benchmark (issue 4, "Performance"): generation alone, then generation + produce side by
 * side with Kafka's own ProducerPerformance on the same 3-broker cluster in the same run.
 *
 *     npx tsx bench/generators.ts [--count N] [--produce-count N] [--runs N] [--compression lz4]
 *                                 [--partitions 6] [--seed 42] [--generation-only]
 *
 * 1. Generation alone, no Kafka, one thread (the generators are single-threaded: "per core" means
 *    this one Node.js thread). For clickstream, user-events and order-events, `--count` events
 *    (default 200,000), seeded, fixed start time, the CLI's defaults otherwise (`--fast`):
 *      - model:  iterating the run's planned records and serializing each value to JSON (what the
 *                runner does per record before sending);
 *      - runner: the whole runner loop with a sink that discards batches (JSON, batching, and the
 *                ledger's sha256 and counts), i.e. `generate --fast` minus Kafka.
 *    Each figure is the median of `--runs` fresh runs (default 3), as events per wall second and per
 *    CPU second of this process (user + system; the latter is what one core would do on an idle
 *    machine, since the machine may be shared). The mean JSON value size of clickstream is measured
 *    here and used as the record size in part 2.
 * 2. Generation + produce: startSandbox (offline images, 3 brokers, Kafka only), two topics with
 *    `--partitions` partitions (default 6, generate's default) and RF 3 (min.insync.replicas 2):
 *      - ours: `runGeneration` with the options `kafka-sandbox generate clickstream --fast --seed S
 *              --count N --no-dimensions` parses to, i.e. the CLI's code path: kafkajs, idempotent,
 *              acks=all, `--compression` (default lz4, generate's default), batches of 5000;
 *      - kafka: `kafka-producer-perf-test` (org.apache.kafka.tools.ProducerPerformance) in a
 *              container of the same Kafka image on the sandbox network: the same record count,
 *              `--record-size` = the mean clickstream value size, `--throughput -1`, acks=all and
 *              the same compression, Kafka's producer defaults otherwise (idempotent, batch.size
 *              16 KB, linger.ms 5), heap 512 MB as Apache Kafka's own kafka-producer-perf-test.sh.
 *    records/s of ours = acknowledged records / time from the first record generated to the last
 *    batch acknowledged (connect and topic check excluded); of Kafka's = its final summary line (from
 *    its first send to the producer closed). Each topic's end offsets are checked against N. With
 *    `--runs N` the two alternate (ours first, then Kafka first, ...) and medians are reported.
 *    For reference only (not the goal), each run also has ProducerPerformance send real clickstream
 *    JSON (`--payload-file` of 10,000 values): `--record-size` payloads are random letters, which
 *    compress far less than JSON, so they put more bytes on the brokers than ours does.
 * Goals: >= 100,000 clickstream events/s per core, judged on the runner per CPU second (on a shared
 * machine wall time is stretched by others' work); ours >= 0.5x ProducerPerformance's records/s.
 * Machine: cores, memory, load average before and after (the machine may be shared with other work,
 * so the load average is part of the result). The sandbox is removed at the end, on failure and on
 * Ctrl-C.
 */
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';

import { benchFlags, loadAverage, machineSummary, median } from './bench-kit.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// Dynamic imports: the Ryuk setting above must be in place before testcontainers loads.
const { GenericContainer, Wait } = await import('testcontainers');
const { startSandbox } = await import('../stacks/start-sandbox.js');
const { resolveImageSet } = await import('../stacks/image-set.js');
const { sandboxLabels } = await import('../stacks/labels.js');
const { kafkaClient } = await import('../runtime/kafka/kafka-client.js');
const { builtinGenerators } = await import('../generators/generator-registry.js');
const { createRun } = await import('../generators/core/generate-records.js');
const { parseGenerateOptions } = await import('../generators/generate-options.js');
const { runGeneration } = await import('../generators/run-generation.js');
const { runRecords } = await import('../generators/runner/run-records.js');
const { jsonValue } = await import('../generators/serialize/json-value.js');
const { COMPRESSIONS } = await import('../runtime/kafka/codecs.js');

type StartedSandbox = Awaited<ReturnType<typeof startSandbox>>;
type CompressionName = (typeof COMPRESSIONS)[number];

const usage = 'usage: npx tsx bench/generators.ts [--count N] [--produce-count N] [--runs N] [--compression lz4] [--partitions 6] [--seed 42] [--generation-only]';
const { values: flags } = parseArgs({
  options: {
    count: { type: 'string', default: '200000' },
    'produce-count': { type: 'string', default: '200000' },
    runs: { type: 'string', default: '' },
    compression: { type: 'string', default: 'lz4' },
    partitions: { type: 'string', default: '6' },
    seed: { type: 'string', default: '42' },
    'generation-only': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
const { positive } = benchFlags(usage, flags.help);
const count = positive('count', flags.count);
const produceCount = positive('produce-count', flags['produce-count']);
const generationRuns = flags.runs === '' ? 3 : positive('runs', flags.runs);
const produceRuns = flags.runs === '' ? 1 : positive('runs', flags.runs);
const partitions = positive('partitions', flags.partitions);
const seed = flags.seed;
if (!(COMPRESSIONS as readonly string[]).includes(flags.compression)) {
  console.error(`--compression must be one of ${COMPRESSIONS.join(', ')}, got "${flags.compression}"`);
  process.exit(2);
}
const compression = flags.compression as CompressionName;

const fmt = (value: number) => Math.round(value).toLocaleString('en-US');
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const load = loadAverage;

// ---------------------------------------------------------------------------------------------
// cleanup on failure and Ctrl-C

let sandbox: StartedSandbox | undefined;
let workDir: string | undefined;
async function cleanup(): Promise<void> {
  const started = sandbox;
  sandbox = undefined;
  if (started) {
    console.log(`\nstopping sandbox ${started.name} ...`);
    await started.stop().catch((error: unknown) => console.error(`could not remove sandbox ${started.name}: ${(error as Error).message}`));
  }
  if (workDir) await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
}
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error('\ninterrupted: removing the sandbox (Ctrl-C again to quit now)');
  void cleanup().finally(() => process.exit(130));
});

// ---------------------------------------------------------------------------------------------
// machine

const machine = {
  cores: availableParallelism(),
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  memoryGiB: totalmem() / 1024 ** 3,
  kernel: release(),
  node: process.version,
  loadBefore: load(),
};
console.log(`machine     ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB.toFixed(1)} GiB, Linux ${machine.kernel}, Node ${machine.node}`);
console.log(`load avg    ${machine.loadBefore} (1 / 5 / 15 min) before; the machine may be shared with other work`);

// ---------------------------------------------------------------------------------------------
// 1. generation alone

interface GenerationFigures {
  generator: string;
  setupMs: number;
  modelWall: number;
  modelCpu: number;
  runnerWall: number;
  runnerCpu: number;
  meanValueBytes: number;
}

const registry = builtinGenerators();
const fixedStart = '2025-01-01T00:00:00Z';
const optionsFor = (generator: string, events: number, extra: Record<string, string | boolean> = {}) => {
  const spec = registry.get(generator)!;
  return { spec, options: parseGenerateOptions({ seed, count: String(events), fast: true, ...extra }, { topic: spec.defaultTopic, now: Date.now() }) };
};

function measureModel(generator: string) {
  const { spec, options } = optionsFor(generator, count, { startTime: fixedStart });
  const t0 = performance.now();
  const run = createRun(spec, options.settings);
  const setupMs = performance.now() - t0;
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  let records = 0;
  let bytes = 0;
  for (const record of run.records) {
    records++;
    bytes += jsonValue(record).length;
  }
  const wallMs = performance.now() - t1;
  const cpu = cpuMs(cpu1);
  return { setupMs, records, wall: (records * 1000) / wallMs, cpu: (records * 1000) / cpu, meanValueBytes: bytes / records };
}

async function measureRunner(generator: string) {
  const { spec, options } = optionsFor(generator, count, { startTime: fixedStart });
  const run = createRun(spec, options.settings);
  const discard = { send: async () => undefined, close: async () => undefined };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const outcome = await runRecords(run.records, { sink: discard, planned: options.settings.count + run.plan.duplicates.size, paced: false });
  const wallMs = performance.now() - t0;
  const cpu = cpuMs(cpu0);
  const records = outcome.ledger.size;
  if (outcome.stopped !== 'completed' || records !== count) throw new Error(`${generator}: the runner stopped ${outcome.stopped} after ${records} records`);
  return { wall: (records * 1000) / wallMs, cpu: (records * 1000) / cpu };
}

console.log(`\n1. generation alone: ${fmt(count)} events per generator, seed ${seed}, no Kafka, one thread; median of ${generationRuns} run${generationRuns > 1 ? 's' : ''}`);
const generation: GenerationFigures[] = [];
for (const generator of ['clickstream', 'user-events', 'order-events']) {
  const model: Array<ReturnType<typeof measureModel>> = [];
  const runner: Array<Awaited<ReturnType<typeof measureRunner>>> = [];
  for (let i = 0; i < generationRuns; i++) {
    model.push(measureModel(generator));
    runner.push(await measureRunner(generator));
  }
  const figures: GenerationFigures = {
    generator,
    setupMs: median(model.map((m) => m.setupMs)),
    modelWall: median(model.map((m) => m.wall)),
    modelCpu: median(model.map((m) => m.cpu)),
    runnerWall: median(runner.map((r) => r.wall)),
    runnerCpu: median(runner.map((r) => r.cpu)),
    meanValueBytes: model[0]!.meanValueBytes,
  };
  generation.push(figures);
  console.log(
    `  ${generator.padEnd(13)} model+JSON ${fmt(figures.modelWall).padStart(9)}/s wall ${fmt(figures.modelCpu).padStart(9)}/s per CPU-s | ` +
      `runner (JSON, batches, ledger; no Kafka) ${fmt(figures.runnerWall).padStart(9)}/s wall ${fmt(figures.runnerCpu).padStart(9)}/s per CPU-s | ` +
      `set-up ${fmt(figures.setupMs)} ms | mean value ${figures.meanValueBytes.toFixed(1)} B`,
  );
}
const clickstream = generation[0]!;
const recordSize = Math.round(clickstream.meanValueBytes);
const generationGoal = 100_000;
// Per core: CPU seconds of this process, not wall seconds, which a shared machine stretches. CPU time
// includes V8's helper threads (parallel GC), so this errs on the low side.
const generationMet = clickstream.runnerCpu >= generationGoal;

// ---------------------------------------------------------------------------------------------
// 2. generation + produce vs ProducerPerformance

interface ProduceFigures {
  ours: number;
  oursCpuShare: number;
  kafka: number;
  kafkaPayloads: number;
  kafkaAvgLatencyMs: number;
}

async function topicRecords(bootstrapServers: string, topic: string): Promise<number> {
  const admin = kafkaClient(bootstrapServers, { clientId: 'bench-generators' }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}

async function createTopics(bootstrapServers: string, topics: string[]): Promise<void> {
  const admin = kafkaClient(bootstrapServers, { clientId: 'bench-generators' }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 3 })), waitForLeaders: true });
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
    for (const topic of metadata) {
      const replicas = new Set(topic.partitions.map((p) => p.replicas.length));
      if (topic.partitions.length !== partitions || replicas.size !== 1 || !replicas.has(3))
        throw new Error(`topic ${topic.name}: expected ${partitions} partitions with 3 replicas each`);
    }
  } finally {
    await admin.disconnect();
  }
}

async function runOurs(started: StartedSandbox, topic: string, ledgerFile: string) {
  const { spec, options } = optionsFor('clickstream', produceCount, { topic, compression, partitions: String(partitions), dimensions: false, ledger: ledgerFile });
  const cpu0 = process.cpuUsage();
  const result = await runGeneration({ spec, options, targets: { bootstrapServers: started.endpoints.bootstrapServers } });
  const cpu = cpuMs(cpu0);
  if (result.error) throw result.error;
  const { outcome } = result;
  const sent = outcome.ledger.size;
  if (outcome.stopped !== 'completed' || sent !== produceCount) throw new Error(`ours: stopped ${outcome.stopped} after ${sent} of ${produceCount} records`);
  return { recordsPerSecond: (sent * 1000) / outcome.elapsedMs, seconds: outcome.elapsedMs / 1000, cpuShare: cpu / outcome.elapsedMs };
}

const summaryLine = /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency/;

async function runProducerPerformance(started: StartedSandbox, topic: string, payloads?: string) {
  const brokers = started.state.brokers.map((b) => `${b.alias}:9092`).join(',');
  const command = [
    'kafka-producer-perf-test',
    `--bootstrap-server ${brokers}`,
    `--topic ${topic}`,
    `--num-records ${produceCount}`,
    payloads === undefined ? `--record-size ${recordSize}` : '--payload-file /tmp/payloads.jsonl',
    '--throughput -1',
    `--command-property acks=all compression.type=${compression} client.id=bench-perf`,
  ].join(' ');
  let builder = new GenericContainer(resolveImageSet('offline').kafka.ref)
    .withNetworkMode(started.state.networkName)
    .withLabels(sandboxLabels(started.name, 'producer-perf-test'))
    .withEnvironment({ KAFKA_TOOLS_HEAP_OPTS: '-Xmx512m' })
    .withEntrypoint(['sh', '-c'])
    .withCommand([`${command} 2>&1`])
    .withWaitStrategy(Wait.forOneShotStartup())
    .withStartupTimeout(600_000);
  if (payloads !== undefined) builder = builder.withCopyContentToContainer([{ content: payloads, target: '/tmp/payloads.jsonl' }]);
  const t0 = performance.now();
  // testcontainers' one-shot wait polls on timers that do not keep Node's event loop alive.
  const keepAlive = setInterval(() => undefined, 1000);
  let container;
  try {
    container = await builder.start();
  } finally {
    clearInterval(keepAlive);
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  const output = await logsOf(container);
  await container.stop({ remove: true }).catch(() => undefined);
  const lines = output.trim().split('\n');
  const match = [...lines].reverse().map((line) => summaryLine.exec(line)).find((m) => m !== null);
  if (!match) throw new Error(`ProducerPerformance printed no summary line:\n${lines.slice(-20).join('\n')}`);
  const sent = Number(match[1]);
  if (sent !== produceCount) throw new Error(`ProducerPerformance sent ${sent} of ${produceCount} records`);
  const recordsPerSecond = Number(match[2]);
  return { recordsPerSecond, mbPerSecond: Number(match[3]), avgLatencyMs: Number(match[4]), seconds: sent / recordsPerSecond, wallSeconds, command, summary: match[0] };
}

/** The JSON values of the first `n` clickstream records of the produce run's settings, one per line. */
function clickstreamPayloads(n: number): string {
  const { spec, options } = optionsFor('clickstream', n);
  const lines: string[] = [];
  for (const record of createRun(spec, options.settings).records) lines.push(jsonValue(record).toString('utf8'));
  return `${lines.join('\n')}\n`;
}

async function logsOf(container: { logs(): Promise<NodeJS.ReadableStream> }): Promise<string> {
  const stream = await container.logs();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer | string) => chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

let produce: ProduceFigures | undefined;
let perfCommand = '';
let loadAfter = '';
if (!flags['generation-only']) {
  console.log(`\n2. generation + produce: ${fmt(produceCount)} clickstream records, ${recordSize} B values, ${compression}, acks=all, RF 3, ${partitions} partitions; ${produceRuns} run${produceRuns > 1 ? 's' : ''} per side`);
  // Nothing else may hold the event loop while testcontainers polls (see runProducerPerformance).
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    const t0 = Date.now();
    sandbox = await startSandbox({ images: 'offline', ports: 'random', stackFile: false, without: ['schema-registry', 'connect', 'postgres', 'elasticsearch'] });
    const started = sandbox;
    const kafkaVersion = resolveImageSet('offline').kafka.kafkaVersion ?? '?';
    console.log(`  sandbox ${started.name}: 3 brokers (Kafka ${kafkaVersion}, offline image) at ${started.endpoints.bootstrapServers}, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    workDir = await mkdtemp(join(tmpdir(), 'bench-generators-'));
    const payloads = clickstreamPayloads(10_000);
    const ours: Array<Awaited<ReturnType<typeof runOurs>>> = [];
    const kafka: Array<Awaited<ReturnType<typeof runProducerPerformance>>> = [];
    const kafkaPayloads: Array<Awaited<ReturnType<typeof runProducerPerformance>>> = [];
    const checkStored = async (topic: string) => {
      const stored = await topicRecords(started.endpoints.bootstrapServers, topic);
      if (stored !== produceCount) throw new Error(`${topic} holds ${stored} records, expected ${produceCount}`);
    };
    for (let i = 0; i < produceRuns; i++) {
      const topics = { ours: `bench-ours-${i + 1}`, kafka: `bench-perf-${i + 1}`, payloads: `bench-perf-payloads-${i + 1}` };
      await createTopics(started.endpoints.bootstrapServers, Object.values(topics));
      const sides = [
        async () => {
          const result = await runOurs(started, topics.ours, join(workDir!, `${topics.ours}.ledger.json`));
          await checkStored(topics.ours);
          ours.push(result);
          console.log(`  run ${i + 1} ours            ${fmt(result.recordsPerSecond).padStart(9)} records/s  (${result.seconds.toFixed(1)} s; this process used ${(result.cpuShare * 100).toFixed(0)}% of one core meanwhile)`);
        },
        async () => {
          const result = await runProducerPerformance(started, topics.kafka);
          await checkStored(topics.kafka);
          kafka.push(result);
          perfCommand = result.command;
          console.log(`  run ${i + 1} kafka           ${fmt(result.recordsPerSecond).padStart(9)} records/s  (container ${result.wallSeconds.toFixed(1)} s with JVM start) "${result.summary}"`);
        },
      ];
      if (i % 2 === 1) sides.reverse();
      for (const side of sides) await side();
      // For reference, not the goal: the same tool sending real clickstream JSON (compresses like ours).
      const result = await runProducerPerformance(started, topics.payloads, payloads);
      await checkStored(topics.payloads);
      kafkaPayloads.push(result);
      console.log(`  run ${i + 1} kafka, our JSON ${fmt(result.recordsPerSecond).padStart(9)} records/s  (--payload-file of 10,000 clickstream values) "${result.summary}"`);
    }
    produce = {
      ours: median(ours.map((r) => r.recordsPerSecond)),
      oursCpuShare: median(ours.map((r) => r.cpuShare)),
      kafka: median(kafka.map((r) => r.recordsPerSecond)),
      kafkaPayloads: median(kafkaPayloads.map((r) => r.recordsPerSecond)),
      kafkaAvgLatencyMs: median(kafka.map((r) => r.avgLatencyMs)),
    };
  } catch (error) {
    console.error(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    loadAfter = load();
    await cleanup();
    process.exit(1);
  } finally {
    clearInterval(keepAlive);
  }
  loadAfter = load();
  await cleanup();
} else loadAfter = load();

// ---------------------------------------------------------------------------------------------
// summary (also as README tables)

console.log(`\nmachine     ${machineSummary()}`);
console.log(`load avg    ${machine.loadBefore} before, ${loadAfter} after (1 / 5 / 15 min)`);
console.log(`\n| ${fmt(count)} events, one thread | runner, no Kafka: events/s | per CPU-second | model + JSON only: events/s | per CPU-second | mean value |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const g of generation)
  console.log(`| ${g.generator} | ${fmt(g.runnerWall)} | ${fmt(g.runnerCpu)} | ${fmt(g.modelWall)} | ${fmt(g.modelCpu)} | ${g.meanValueBytes.toFixed(0)} B |`);
if (produce) {
  const ratio = produce.ours / produce.kafka;
  console.log(`\n| ${fmt(produceCount)} records of ${recordSize} B, ${compression}, acks=all, RF 3, ${partitions} partitions | records/s |`);
  console.log('| --- | ---: |');
  console.log(`| ours: generate clickstream --fast (kafkajs) | ${fmt(produce.ours)} |`);
  console.log(`| Kafka ProducerPerformance, --record-size ${recordSize} | ${fmt(produce.kafka)} |`);
  console.log(`| ratio | ${ratio.toFixed(2)}x |`);
  console.log(`| (reference) ProducerPerformance, --payload-file of our JSON | ${fmt(produce.kafkaPayloads)} |`);
  console.log(`\ngoal >= 0.5x ProducerPerformance: ${ratio >= 0.5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x); ours kept this process ${(produce.oursCpuShare * 100).toFixed(0)}% busy`);
  console.log(`kafka side: ${perfCommand}`);
}
console.log(`goal >= ${fmt(generationGoal)} clickstream events/s per core: ${generationMet ? 'met' : 'NOT met'} (runner, ${fmt(clickstream.runnerCpu)} per CPU-second, ${fmt(clickstream.runnerWall)} per wall second)`);
