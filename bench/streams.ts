/**
 * Stream job throughput: enrich-clickstream and pageview-windows against a pass-through job (the
 * same engine, consume and produce without processing) as the ceiling, side by side on the same
 * input in one process tree.
 *
 *     npx tsx bench/streams.ts [--events N] [--runs N] [--guarantee exactly-once|at-least-once]
 *                              [--name SANDBOX | --bootstrap-server S --postgres-url URL]
 *
 * It generates N clickstream events (default 200,000, seeded, --fast) into a fresh topic with its
 * dimension tables in a fresh Postgres schema, then runs each job from the beginning of that topic
 * under a fresh application id, timing from start until the job's committed offsets reach the end
 * of the input (so bounded lag: everything in, processed and committed). The order rotates per run;
 * with --runs N the table shows medians. Sustained events/s = N / elapsed.
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { registerCodecs } from '../generators/runner/codecs.js';
import { builtinGenerators } from '../generators/generator-registry.js';
import { parseGenerateOptions } from '../generators/generate-options.js';
import { runGeneration } from '../generators/run-generation.js';
import { kafkaClient } from '../runtime/kafka/kafka-client.js';
import { parseJobOptions } from '../runtime/streams/job-definition.js';
import { builtinJobs } from '../runtime/streams/job-registry.js';
import { runJob, type Guarantee } from '../runtime/streams/kafka-job-runner.js';
import { readSandboxState } from '../stacks/sandbox-state.js';

const { values: flags } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '1' },
    guarantee: { type: 'string', default: 'exactly-once' },
    name: { type: 'string', default: 'default' },
    'bootstrap-server': { type: 'string' },
    'postgres-url': { type: 'string' },
  },
});
const events = Number(flags.events);
const runs = Number(flags.runs);
const guarantee = flags.guarantee as Guarantee;

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
const spec = builtinGenerators().get('clickstream')!;
const options = parseGenerateOptions({ topic, pgSchema, count: String(events), seed: 'bench', fast: true, ledger: `/tmp/${topic}.ledger.json` }, { topic, now: Date.now() });
process.stderr.write(`generating ${events.toLocaleString('en-US')} clickstream events into ${topic}\n`);
await runGeneration({ spec, options, targets: { bootstrapServers, ...(postgresUrl ? { postgresUrl } : {}) } });

const kafka = kafkaClient(bootstrapServers);
const admin = kafka.admin();
await admin.connect();
const end = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));

async function measure(jobName: string, run: number): Promise<number> {
  const job = builtinJobs().get(jobName)!;
  const applicationId = `bench-${jobName}-${tag}-${run}`;
  const raw: Record<string, string> = { source: topic, ...(jobName === 'enrich-clickstream' ? { 'pg-schema': pgSchema, sink: `${applicationId}-out` } : { sink: `${applicationId}-out` }) };
  const controller = new AbortController();
  const started = performance.now();
  const running = runJob({ job, options: parseJobOptions(job, raw), bootstrapServers: bootstrapServers!, ...(postgresUrl ? { postgresUrl } : {}), applicationId, guarantee, signal: controller.signal });
  let failed: unknown;
  running.catch((error) => (failed = error));
  for (;;) {
    if (failed) throw failed;
    const committed = await admin.fetchOffsets({ groupId: applicationId, topics: [topic] }).catch(() => []);
    const done = committed.flatMap((t) => t.partitions).filter((p) => Number(p.offset) >= (end.get(p.partition) ?? 0)).length;
    if (done === end.size) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const elapsed = performance.now() - started;
  controller.abort();
  await running;
  return (events * 1000) / elapsed;
}

const jobs = ['pass-through', 'enrich-clickstream', 'pageview-windows'];
const results = new Map<string, number[]>(jobs.map((j) => [j, []]));
for (let run = 0; run < runs; run++) {
  const order = jobs.map((_, i) => jobs[(i + run) % jobs.length]!);
  for (const job of order) {
    const rate = await measure(job, run);
    results.get(job)!.push(rate);
    process.stderr.write(`run ${run + 1}: ${job} ${Math.round(rate).toLocaleString('en-US')} events/s\n`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ceiling = median(results.get('pass-through')!);
console.log(`\n${events.toLocaleString('en-US')} clickstream events, ${guarantee}, ${runs} run(s), median events/s:`);
console.log('| job | events/s | vs pass-through |\n| --- | ---: | ---: |');
for (const job of jobs) {
  const rate = median(results.get(job)!);
  console.log(`| ${job} | ${Math.round(rate).toLocaleString('en-US')} | ${(rate / ceiling).toFixed(2)}x |`);
}
const topics = (await admin.listTopics()).filter((t) => t.includes(tag));
await admin.deleteTopics({ topics }).catch(() => undefined);
await admin.disconnect();
