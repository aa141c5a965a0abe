/**
 * Stream job throughput: enrich-clickstream and pageview-windows against a pass-through job (the
 * same engine, consume and produce without processing) as the ceiling, side by side on the same
 * input in one process tree.
 *
 *     npx tsx bench/streams.ts [--events N] [--runs N] [--guarantee exactly-once|at-least-once]
 *                              [--max-batch 5000] [--name SANDBOX | --bootstrap-server S --postgres-url URL]
 *
 * It generates N clickstream events (default 200,000, seeded, --fast) into a fresh topic with its
 * dimension tables in a fresh Postgres schema, then runs each job from the beginning of that topic
 * under a fresh application id, timing from start until the job's committed offsets reach the end
 * of the input (so bounded lag: everything in, processed and committed). The order rotates per run;
 * with --runs N the table shows medians. Sustained events/s = N / elapsed; the time to the first
 * committed offset (start-up: topics, state restore, group join) is shown apart.
 * `--max-batch` is the runner's records per transaction (runJob's maxBatch, default 5000). Machine
 * and load average before and after are printed with the results. The topics, consumer groups and
 * Postgres schema it creates are removed at the end.
 */
import { benchFlags, loadAverage, machineSummary, median } from './bench-kit.js';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { registerCodecs } from '../runtime/kafka/codecs.js';
import { builtinGenerators } from '../generators/generator-registry.js';
import { parseGenerateOptions } from '../generators/generate-options.js';
import { runGeneration } from '../generators/run-generation.js';
import { kafkaClient } from '../runtime/kafka/kafka-client.js';
import { parseJobOptions } from '../runtime/streams/job-definition.js';
import { builtinJobs } from '../runtime/streams/job-registry.js';
import { runJob, type Guarantee } from '../runtime/streams/kafka-job-runner.js';
import { readSandboxState } from '../stacks/sandbox-state.js';

const usage = 'usage: npx tsx bench/streams.ts [--events N] [--runs N] [--guarantee exactly-once|at-least-once] [--max-batch 5000] [--name SANDBOX | --bootstrap-server S --postgres-url URL]';
const { values: flags } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '1' },
    guarantee: { type: 'string', default: 'exactly-once' },
    'max-batch': { type: 'string', default: '5000' },
    name: { type: 'string', default: 'default' },
    'bootstrap-server': { type: 'string' },
    'postgres-url': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
const { positive } = benchFlags(usage, flags.help);
const events = positive('events', flags.events);
const runs = positive('runs', flags.runs);
const maxBatch = positive('max-batch', flags['max-batch']);
if (flags.guarantee !== 'exactly-once' && flags.guarantee !== 'at-least-once') {
  console.error(`--guarantee must be exactly-once or at-least-once, got "${flags.guarantee}"\n${usage}`);
  process.exit(2);
}
const guarantee: Guarantee = flags.guarantee;
const load = loadAverage;
const loadBefore = load();
const machine = machineSummary();
console.log(`machine     ${machine}`);
console.log(`load avg    ${loadBefore} (1 / 5 / 15 min) before; the machine may be shared with other work`);

let bootstrapServers = flags['bootstrap-server'];
let postgresUrl = flags['postgres-url'];
if (!bootstrapServers) {
  const state = await readSandboxState(flags.name!);
  if (!state) {
    console.error(`no sandbox named "${flags.name}": start one with \`kafka-sandbox up --detach\` or pass --bootstrap-server and --postgres-url`);
    process.exit(2);
  }
  bootstrapServers = state.endpoints.bootstrapServers;
  postgresUrl ??= state.endpoints.postgresUrl;
}
registerCodecs();

const tag = randomUUID().slice(0, 8);
const topic = `bench-clicks-${tag}`;
const pgSchema = `bench_${tag}`;
const kafka = kafkaClient(bootstrapServers);
const admin = kafka.admin();
const groups: string[] = [];

/** Removes the topics, groups and Postgres schema of this run. */
async function cleanup(): Promise<void> {
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.includes(tag));
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    await admin.disconnect();
  } catch {
    // best effort
  }
  if (postgresUrl) {
    const db = new pg.Client({ connectionString: postgresUrl });
    await db.connect().then(() => db.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`)).catch(() => undefined);
    await db.end().catch(() => undefined);
  }
}
process.on('SIGINT', () => void cleanup().finally(() => process.exit(130)));

interface Outcome {
  rate: number;
  /** Seconds to the first committed offset (topics, state restore, group join), and the rate after it. */
  firstSeconds: number;
  steadyRate: number;
  seconds: number;
}

async function measure(jobName: string, run: number, end: Map<number, number>): Promise<Outcome> {
  const job = builtinJobs().get(jobName)!;
  const applicationId = `bench-${jobName}-${tag}-${run}`;
  groups.push(applicationId);
  const raw: Record<string, string> = { source: topic, ...(jobName === 'enrich-clickstream' ? { 'pg-schema': pgSchema, sink: `${applicationId}-out` } : { sink: `${applicationId}-out` }) };
  const controller = new AbortController();
  const started = performance.now();
  const running = runJob({ job, options: parseJobOptions(job, raw), bootstrapServers: bootstrapServers!, ...(postgresUrl ? { postgresUrl } : {}), applicationId, guarantee, maxBatch, signal: controller.signal });
  let failed: unknown;
  running.catch((error: unknown) => (failed = error ?? new Error('the job failed')));
  let first: { seconds: number; done: number } | undefined;
  for (;;) {
    if (failed) throw failed;
    const committed = (await admin.fetchOffsets({ groupId: applicationId, topics: [topic] }).catch(() => [])).flatMap((t) => t.partitions);
    const done = committed.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    if (done > 0) first ??= { seconds: (performance.now() - started) / 1000, done };
    if (committed.filter((p) => Number(p.offset) >= (end.get(p.partition) ?? 0)).length === end.size) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  controller.abort();
  await running;
  const f = first ?? { seconds, done: 0 };
  return { rate: events / seconds, seconds, firstSeconds: f.seconds, steadyRate: seconds > f.seconds ? (events - f.done) / (seconds - f.seconds) : events / seconds };
}

const jobs = ['pass-through', 'enrich-clickstream', 'pageview-windows'];
const results = new Map<string, Outcome[]>(jobs.map((j) => [j, []]));
let loadAfter = '';
try {
  const spec = builtinGenerators().get('clickstream')!;
  const options = parseGenerateOptions({ topic, pgSchema, count: String(events), seed: 'bench', fast: true, ledger: `/tmp/${topic}.ledger.json` }, { topic, now: Date.now() });
  console.log(`data        ${events.toLocaleString('en-US')} clickstream events into ${topic} (dimension tables in Postgres schema ${pgSchema})`);
  const generated = await runGeneration({ spec, options, targets: { bootstrapServers, ...(postgresUrl ? { postgresUrl } : {}) } });
  if (generated.error) throw generated.error;
  await admin.connect();
  const end = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  console.log(`jobs        ${guarantee}, ${maxBatch.toLocaleString('en-US')} records per transaction at most, ${end.size} input partitions`);
  for (let run = 0; run < runs; run++) {
    const order = jobs.map((_, i) => jobs[(i + run) % jobs.length]!);
    for (const job of order) {
      const before = load();
      const outcome = await measure(job, run, end);
      results.get(job)!.push(outcome);
      console.log(
        `  run ${run + 1} ${job.padEnd(18)} ${Math.round(outcome.rate).toLocaleString('en-US').padStart(7)} events/s  ${outcome.seconds.toFixed(1)} s (first commit after ${outcome.firstSeconds.toFixed(1)} s, then ${Math.round(outcome.steadyRate).toLocaleString('en-US')}/s)  load ${before} -> ${load()}`,
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

const of = (job: string, pick: (o: Outcome) => number) => median(results.get(job)!.map(pick));
const ceiling = of('pass-through', (o) => o.rate);
const steadyCeiling = of('pass-through', (o) => o.steadyRate);
console.log(`\nmachine     ${machine}`);
console.log(`load avg    ${loadBefore} before, ${loadAfter} after (1 / 5 / 15 min)`);
console.log(`\n| ${events.toLocaleString('en-US')} clickstream events, ${guarantee}, ${runs} run${runs > 1 ? 's, medians' : ''} | events/s | vs pass-through | seconds | first commit after (s) | then events/s | vs pass-through |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const job of jobs) {
  const rate = of(job, (o) => o.rate);
  const steady = of(job, (o) => o.steadyRate);
  console.log(
    `| ${job} | ${Math.round(rate).toLocaleString('en-US')} | ${(rate / ceiling).toFixed(2)}x | ${of(job, (o) => o.seconds).toFixed(1)} | ${of(job, (o) => o.firstSeconds).toFixed(1)} | ${Math.round(steady).toLocaleString('en-US')} | ${(steady / steadyCeiling).toFixed(2)}x |`,
  );
}
const enrich = of('enrich-clickstream', (o) => o.rate) / ceiling;
console.log(`\ngoal enrich-clickstream >= 0.7x pass-through: ${enrich >= 0.7 ? 'met' : 'NOT met'} (${enrich.toFixed(2)}x)`);
