/**
 * Stack start-up benchmark: `startSandbox()` against a plain docker-compose project of the same
 * offline images and configuration, side by side in one run.
 *
 *     npx tsx bench/stack-startup.ts [--runs N] [--kafka-only]
 *
 * Per scenario (full stack; Kafka only) and per run it measures, for each side:
 *   - ours:    startSandbox({ images: 'offline', ports: 'random', stackFile: false }) from the call to
 *              the resolved promise (every readiness condition met, including the acks=all
 *              produce/consume round trip), then stop();
 *   - compose: `docker-compose up -d` of a generated project (same server.properties per broker,
 *              same CLUSTER_ID, connect-distributed.properties, env, ports on 127.0.0.1) until
 *              `docker inspect` reports every container healthy (compose v1 has no `up --wait`), then
 *              `docker-compose down -v`. Its readiness is the healthchecks only: no round trip.
 *   - peak memory: every ~1 s from start until ready + 10 s, the sum over that run's containers of
 *              what `docker stats` shows as MEM USAGE (usage minus inactive file cache).
 * The order alternates from one run to the next (ours first, then compose first, ...), and between
 * the two scenarios of a run. With --runs N the table shows medians. Needs the offline images
 * (`kafka-sandbox images build`); a missing connect or schema-registry image is left out of both
 * sides, with a note.
 */
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type Dockerode from 'dockerode';

// What users run is the compiled package (dist/): use it when it is at least as new as every source
// of stacks/ and runtime/. From sources, the bundled Connect worker process starts through tsx,
// which compiles it on the fly and is slower than the published build.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
const distEntry = join(repoRoot, 'dist', 'stacks', 'start-sandbox.js');
const useDist =
  existsSync(distEntry) && statSync(distEntry).mtimeMs >= Math.max(newestSource(join(repoRoot, 'stacks')), newestSource(join(repoRoot, 'runtime')));
const codeRoot = useDist ? '../dist' : '..';

// Dynamic imports: the Ryuk setting above must be in place before testcontainers loads.
const { requireDockerEngine } = (await import(`${codeRoot}/stacks/docker-engine.js`)) as typeof import('../stacks/docker-engine.js');
const { startSandbox } = (await import(`${codeRoot}/stacks/start-sandbox.js`)) as typeof import('../stacks/start-sandbox.js');
const { removeSandboxResources } = (await import(`${codeRoot}/stacks/docker-resources.js`)) as typeof import('../stacks/docker-resources.js');
const { removeSandboxState, stateDir } = (await import(`${codeRoot}/stacks/sandbox-state.js`)) as typeof import('../stacks/sandbox-state.js');
const { resolveImageSet } = await import('../stacks/image-set.js');
const { freePort } = await import('../stacks/host-ports.js');
const { labelKeys } = await import('../stacks/labels.js');
const { brokerPorts, brokerProperties, replicationDefaults, toPropertiesFile } = await import('../stacks/kafka/broker-properties.js');
const { brokerHeap, brokerStartedLog } = await import('../stacks/services/kafka-brokers.js');
const { connectPort, connectProperties } = await import('../stacks/services/kafka-connect.js');
const { registryContainerPort, confluentCompatPath } = await import('../stacks/services/schema-registry.js');
const { postgresPort, postgresUser, postgresDatabase, generatePassword } = await import('../stacks/services/postgres.js');
const { elasticsearchPort } = await import('../stacks/services/elasticsearch.js');
const { stringify } = await import('yaml');

type Optional = 'schema-registry' | 'connect' | 'postgres' | 'elasticsearch';
const allOptional: Optional[] = ['schema-registry', 'connect', 'postgres', 'elasticsearch'];

const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '1' }, 'kafka-only': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
});
if (flags.help) {
  console.log('usage: npx tsx bench/stack-startup.ts [--runs N] [--kafka-only]');
  process.exit(0);
}
const runs = Number(flags.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive integer, got "${flags.runs}"`);
  process.exit(2);
}

const readyTimeoutMs = 300_000;
const settleAfterReadyMs = 10_000;
const GiB = 1024 ** 3;
const docker: Dockerode = (await requireDockerEngine()).container.dockerode;

// ---------------------------------------------------------------------------------------------
// cleanup on failure and Ctrl-C

const cleanups = new Map<string, () => Promise<unknown>>();
let interrupted = false;
async function runCleanups(): Promise<void> {
  const pending = [...cleanups.entries()];
  cleanups.clear();
  await Promise.allSettled(pending.map(async ([what, cleanup]) => {
    try {
      await cleanup();
    } catch (error) {
      console.error(`cleanup of ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }));
}
/** After Ctrl-C the signal handler owns the exit: the main flow waits here instead of going on. */
async function parkIfInterrupted(): Promise<void> {
  if (interrupted) await new Promise<never>(() => {});
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: removing what this benchmark started...`);
    void runCleanups().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// helpers

function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${err.trim().split('\n').slice(-8).join('\n')}`)),
    );
  });
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const median = (values: number[]): number => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const randomId = () => Math.random().toString(36).slice(2, 8);

/** MEM USAGE as `docker stats` shows it: usage minus inactive file cache (cgroup v1 or v2). */
function memUsage(stats: Dockerode.ContainerStats): number {
  const mem = stats.memory_stats as { usage?: number; stats?: Record<string, number> };
  const usage = mem.usage ?? 0;
  const inactive = mem.stats?.total_inactive_file ?? mem.stats?.inactive_file;
  return inactive !== undefined && inactive < usage ? usage - inactive : usage;
}

/** Child processes of this benchmark running the bundled Connect worker (part of our sandbox, not a container). */
function bundledWorkerPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('worker-main')) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples every ~1 s the summed memory of the containers matching `label`, plus the RSS of the host
 * processes `hostPids()` names; stop() returns the peak total.
 */
function memorySampler(label: string, hostPids: () => number[] = () => []) {
  let peak = 0;
  let samples = 0;
  let busy: Promise<void> | undefined;
  const sample = async () => {
    const containers = await docker.listContainers({ filters: { label: [label] } });
    const usages = await Promise.all(
      containers.map((info) =>
        docker
          .getContainer(info.Id)
          .stats({ stream: false, 'one-shot': true })
          .then(memUsage)
          .catch(() => 0),
      ),
    );
    const total = usages.reduce((a, b) => a + b, 0) + hostPids().reduce((sum, pid) => sum + rssBytes(pid), 0);
    samples += 1;
    if (total > peak) peak = total;
  };
  const tick = () => {
    if (busy) return; // the previous sample is still running: skip rather than pile up
    busy = sample()
      .catch(() => undefined)
      .finally(() => (busy = undefined));
  };
  tick();
  const timer = setInterval(tick, 1000);
  return {
    async stop(): Promise<{ peak: number; samples: number }> {
      clearInterval(timer);
      await busy;
      await sample().catch(() => undefined);
      return { peak, samples };
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// the two sides

interface Measurement {
  readyMs: number;
  peakBytes: number;
  samples: number;
  /** When each service became ready (ours: its readiness event; compose: first seen healthy). */
  services: Record<string, number>;
  teardownMs: number;
  /** Compose only: when each broker printed its "started" line (what our per-broker wait uses). */
  brokerLogged?: Record<string, number>;
  error?: string;
}

const failed = (error: unknown): Measurement => ({
  readyMs: Number.NaN,
  peakBytes: Number.NaN,
  samples: 0,
  services: {},
  teardownMs: Number.NaN,
  error: error instanceof Error ? error.message : String(error),
});

async function removeWorkerLeftovers(name: string): Promise<void> {
  await rm(join(stateDir(), `${name}-connect-worker.log`), { force: true });
  await rm(join(stateDir(), `${name}-connect-files`), { recursive: true, force: true });
}

async function measureOurs(services: Optional[]): Promise<Measurement> {
  const name = `bench-${randomId()}`;
  const cleanupKey = `sandbox ${name}`;
  cleanups.set(cleanupKey, async () => {
    for (const pid of bundledWorkerPids()) process.kill(pid, 'SIGTERM');
    await removeSandboxResources(name);
    await removeSandboxState(name);
    await removeWorkerLeftovers(name);
  });
  const sampler = memorySampler(`${labelKeys.name}=${name}`, bundledWorkerPids);
  const readyAt: Record<string, number> = {};
  const started = performance.now();
  try {
    const sandbox = await startSandbox({
      name,
      images: 'offline',
      ports: 'random',
      stackFile: false,
      startupTimeoutMs: readyTimeoutMs,
      without: allOptional.filter((s) => !services.includes(s)),
      onEvent: (event) => {
        if (event.state === 'ready') readyAt[event.service] = event.elapsedMs;
      },
    });
    const readyMs = performance.now() - started;
    await pause(settleAfterReadyMs);
    const { peak, samples } = await sampler.stop();
    const t0 = performance.now();
    await sandbox.stop();
    cleanups.delete(cleanupKey);
    await removeWorkerLeftovers(name); // stop() leaves the bundled worker's log file behind
    return { readyMs, peakBytes: peak, samples, services: readyAt, teardownMs: performance.now() - t0 };
  } catch (error) {
    await sampler.stop();
    await cleanups.get(cleanupKey)?.();
    cleanups.delete(cleanupKey);
    return failed(error);
  }
}

/** The compose project equivalent to startSandbox's topology and configuration. */
async function composeProject(dir: string, services: Optional[]) {
  const brokers = [1, 2, 3].map((nodeId) => ({ nodeId, alias: `broker-${nodeId}` }));
  const hostPorts: Record<string, number> = {};
  for (const service of [...brokers.map((b) => b.alias), ...services]) {
    let port = await freePort();
    while (Object.values(hostPorts).includes(port)) port = await freePort();
    hostPorts[service] = port;
  }
  const images = resolveImageSet('offline');
  const layout = { mode: 'kraft' as const, brokers: brokers.map((b) => ({ ...b, hostPort: hostPorts[b.alias]! })) };
  const { replicationFactor } = replicationDefaults(brokers.length);
  const clusterId = randomUUID().replace(/-/g, '').slice(0, 22);
  const healthcheck = (test: string, interval: string) => ({ test: ['CMD-SHELL', test], interval, timeout: '30s', retries: 300 });

  const composeServices: Record<string, unknown> = {};
  for (const node of layout.brokers) {
    const file = join(dir, `${node.alias}.server.properties`);
    await writeFile(file, toPropertiesFile(brokerProperties(layout, node)), { mode: 0o644 });
    composeServices[node.alias] = {
      image: images.kafka.ref,
      environment: { KAFKA_HEAP_OPTS: brokerHeap, CLUSTER_ID: clusterId },
      volumes: [`${file}:/opt/sandbox/config/server.properties:ro`],
      ports: [`127.0.0.1:${node.hostPort}:${brokerPorts.external}`],
      networks: { default: { aliases: node.nodeId === 1 ? ['kafka'] : [] } },
      // A JVM per probe: every 2 s rather than 1 s, or the probes alone would saturate 2 cores.
      healthcheck: healthcheck(`kafka-broker-api-versions --bootstrap-server localhost:${brokerPorts.internal} >/dev/null`, '2s'),
    };
  }
  if (services.includes('schema-registry')) {
    composeServices['schema-registry'] = {
      image: images.schemaRegistry.ref,
      environment: {
        JAVA_OPTS_APPEND: '-Xmx256m',
        APICURIO_CCOMPAT_LEGACY_ID_MODE_ENABLED: 'true',
        APICURIO_REST_DELETION_ARTIFACT_ENABLED: 'true',
        APICURIO_REST_DELETION_ARTIFACT_VERSION_ENABLED: 'true',
      },
      ports: [`127.0.0.1:${hostPorts['schema-registry']}:${registryContainerPort}`],
      healthcheck: healthcheck(`curl -fsS localhost:${registryContainerPort}${confluentCompatPath}/subjects >/dev/null`, '1s'),
    };
  }
  if (services.includes('connect')) {
    const internal = brokers.map((b) => `${b.alias}:${brokerPorts.internal}`).join(',');
    const file = join(dir, 'connect-distributed.properties');
    await writeFile(file, toPropertiesFile(connectProperties(internal, replicationFactor)), { mode: 0o644 });
    composeServices.connect = {
      image: images.connect.ref,
      environment: { KAFKA_HEAP_OPTS: '-Xmx512m -Xms256m' },
      volumes: [`${file}:/opt/sandbox/config/connect-distributed.properties:ro`],
      ports: [`127.0.0.1:${hostPorts.connect}:${connectPort}`],
      networks: { default: { aliases: ['kafka-connect'] } },
      depends_on: Object.fromEntries(brokers.map((b) => [b.alias, { condition: 'service_healthy' }])),
      healthcheck: healthcheck(`curl -fsS localhost:${connectPort}/connector-plugins >/dev/null`, '1s'),
    };
  }
  if (services.includes('postgres')) {
    composeServices.postgres = {
      image: images.postgres.ref,
      environment: { POSTGRES_USER: postgresUser, POSTGRES_PASSWORD: generatePassword(), POSTGRES_DB: postgresDatabase },
      command: ['postgres', '-c', 'wal_level=logical', '-c', 'max_replication_slots=10', '-c', 'max_wal_senders=10'],
      ports: [`127.0.0.1:${hostPorts.postgres}:${postgresPort}`],
      healthcheck: healthcheck(`pg_isready -h 127.0.0.1 -p ${postgresPort} -U ${postgresUser} -d ${postgresDatabase}`, '1s'),
    };
  }
  if (services.includes('elasticsearch')) {
    composeServices.elasticsearch = {
      image: images.elasticsearch.ref,
      environment: {
        'discovery.type': 'single-node',
        'xpack.security.enabled': 'false',
        'cluster.routing.allocation.disk.threshold_enabled': 'false',
        ES_JAVA_OPTS: '-Xms512m -Xmx512m',
      },
      ports: [`127.0.0.1:${hostPorts.elasticsearch}:${elasticsearchPort}`],
      healthcheck: healthcheck(`curl -fsS 'localhost:${elasticsearchPort}/_cluster/health?wait_for_status=yellow&timeout=1s' >/dev/null`, '1s'),
    };
  }
  const file = join(dir, 'docker-compose.yml');
  await writeFile(file, stringify({ version: '2.4', services: composeServices }));
  return { file, serviceNames: Object.keys(composeServices) };
}

/** Per compose broker, ms from `startedWall` to its first "started" log line (docker log timestamps). */
async function brokerLogTimes(projectLabel: string, startedWall: number): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  const containers = await docker.listContainers({ filters: { label: [projectLabel] } });
  for (const info of containers) {
    const service = info.Labels['com.docker.compose.service'];
    if (!service?.startsWith('broker-')) continue;
    const logs = (await docker.getContainer(info.Id).logs({ stdout: true, stderr: true, timestamps: true, follow: false })).toString('utf8');
    for (const line of logs.split('\n')) {
      const match = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z) (.*)$/.exec(line);
      if (match && brokerStartedLog.test(match[2]!)) {
        times[service] = Date.parse(match[1]!) - startedWall;
        break;
      }
    }
  }
  return times;
}

async function measureCompose(services: Optional[]): Promise<Measurement> {
  const project = `ksbench${randomId()}`;
  const dir = await mkdtemp(join(tmpdir(), 'ks-bench-compose-'));
  const { file, serviceNames } = await composeProject(dir, services);
  const compose = (...args: string[]) => run('docker-compose', ['-p', project, '-f', file, ...args], { cwd: dir });
  const cleanupKey = `compose project ${project}`;
  cleanups.set(cleanupKey, async () => {
    await compose('down', '-v', '--remove-orphans', '-t', '5');
    await rm(dir, { recursive: true, force: true });
  });
  const projectLabel = `com.docker.compose.project=${project}`;
  const sampler = memorySampler(projectLabel);
  const healthyAt: Record<string, number> = {};
  const startedWall = Date.now();
  const started = performance.now();
  try {
    // `up -d` itself blocks until the brokers are healthy (connect depends on them), so poll alongside.
    let upError: unknown;
    const up = compose('up', '-d').catch((error: unknown) => void (upError = error));
    const deadline = started + readyTimeoutMs;
    for (;;) {
      if (upError) throw upError;
      const containers = await docker.listContainers({ all: true, filters: { label: [projectLabel] } });
      const states = await Promise.all(containers.map((c) => docker.getContainer(c.Id).inspect().catch(() => undefined)));
      for (const state of states) {
        const service = state?.Config.Labels['com.docker.compose.service'];
        if (!service || !state) continue;
        if (state.State.Health?.Status === 'healthy') healthyAt[service] ??= performance.now() - started;
        if (state.State.Status === 'exited' || state.State.Health?.Status === 'unhealthy') {
          const logs = (await compose('logs', '--no-color', '--tail', '15', service).catch(() => '')).trim();
          throw new Error(`compose service ${service} is ${state.State.Health?.Status ?? state.State.Status}\n${logs}`);
        }
      }
      if (serviceNames.every((service) => healthyAt[service] !== undefined)) break;
      if (performance.now() > deadline) throw new Error(`compose: not all healthy after ${readyTimeoutMs} ms (healthy: ${Object.keys(healthyAt).join(', ') || 'none'})`);
      await pause(250);
    }
    const readyMs = performance.now() - started;
    await up;
    if (upError) throw upError;
    const brokerLogged = await brokerLogTimes(projectLabel, startedWall);
    await pause(settleAfterReadyMs);
    const { peak, samples } = await sampler.stop();
    const t0 = performance.now();
    await cleanups.get(cleanupKey)!();
    cleanups.delete(cleanupKey);
    return { readyMs, peakBytes: peak, samples, services: healthyAt, teardownMs: performance.now() - t0, brokerLogged };
  } catch (error) {
    await sampler.stop();
    await cleanups.get(cleanupKey)?.();
    cleanups.delete(cleanupKey);
    return failed(error);
  }
}

// ---------------------------------------------------------------------------------------------
// main

async function imagePresent(ref: string): Promise<boolean> {
  return docker
    .getImage(ref)
    .inspect()
    .then(() => true)
    .catch(() => false);
}

await run('docker-compose', ['version', '--short']).catch(() => {
  console.error('docker-compose (v1) is not on PATH: apt-get install docker-compose');
  process.exit(2);
});
const images = resolveImageSet('offline');
const roleOf: Record<Optional, keyof typeof images> = {
  'schema-registry': 'schemaRegistry',
  connect: 'connect',
  postgres: 'postgres',
  elasticsearch: 'elasticsearch',
};
if (!(await imagePresent(images.kafka.ref))) {
  console.error(`the offline Kafka image ${images.kafka.ref} is missing: build it with \`node dist/cli/bin.js images build\``);
  process.exit(2);
}
const available: Optional[] = [];
const missing: string[] = [];
for (const service of allOptional) {
  const ref = (images[roleOf[service]] as { ref: string }).ref;
  if (await imagePresent(ref)) available.push(service);
  else missing.push(`${service} (${ref})`);
}

interface Scenario {
  label: string;
  services: Optional[];
  full: boolean;
}
const scenarios: Scenario[] = [];
if (!flags['kafka-only']) {
  scenarios.push({
    label: missing.length ? `full stack minus ${missing.map((m) => m.split(' ')[0]).join(', ')}` : 'full stack',
    services: available,
    full: missing.length === 0,
  });
}
scenarios.push({ label: 'Kafka only (3 brokers)', services: [], full: false });

const dockerVersion = (await docker.version()) as { Version: string; ApiVersion: string };
const composeVersion = (await run('docker-compose', ['version', '--short'])).trim();
const otherContainers = (await docker.listContainers()).length;
const loadBefore = loadavg();
const machine =
  `${availableParallelism()} CPUs (nproc), ${(totalmem() / GiB).toFixed(1)} GiB RAM, Linux ${release()}, ` +
  `Docker ${dockerVersion.Version} (API ${dockerVersion.ApiVersion}), docker-compose ${composeVersion}, Node ${process.versions.node}`;
console.log(`machine: ${machine}`);
console.log(
  useDist
    ? 'startSandbox: the compiled package (dist/), as users run it'
    : 'startSandbox: from sources (dist/ is missing or older than stacks/ or runtime/; `npm run build` to measure the compiled package); the bundled Connect worker then starts through tsx',
);
console.log(`load average at start: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; other containers running: ${otherContainers}`);
if (missing.length) console.log(`left out of both sides (image not built): ${missing.join(', ')}`);
console.log(`runs: ${runs}; scenarios: ${scenarios.map((s) => s.label).join('; ')}\n`);

interface PairResult {
  scenario: Scenario;
  order: string;
  ours: Measurement;
  compose: Measurement;
}
const results: PairResult[] = [];
try {
  for (let r = 0; r < runs; r += 1) {
    for (const [index, scenario] of scenarios.entries()) {
      // Alternates per run within a scenario, and between scenarios within a run.
      const oursFirst = (r + index) % 2 === 0;
      const order = oursFirst ? 'ours, compose' : 'compose, ours';
      const others = (await docker.listContainers()).length;
      console.log(
        `run ${r + 1}/${runs}, ${scenario.label}: ${order} (load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, other containers running: ${others}) ...`,
      );
      let ours: Measurement;
      let composed: Measurement;
      if (oursFirst) {
        ours = await measureOurs(scenario.services);
        await parkIfInterrupted();
        composed = await measureCompose(scenario.services);
      } else {
        composed = await measureCompose(scenario.services);
        await parkIfInterrupted();
        ours = await measureOurs(scenario.services);
      }
      await parkIfInterrupted();
      results.push({ scenario, order, ours, compose: composed });
      for (const [side, m] of [['ours', ours], ['compose', composed]] as const) {
        if (m.error) {
          console.log(`  ${side.padEnd(7)} FAILED: ${m.error.split('\n').slice(0, 20).join('\n    ')}`);
          continue;
        }
        const breakdown = Object.entries(m.services)
          .sort((a, b) => a[1] - b[1])
          .map(([service, ms]) => `${service} ${seconds(ms)}`)
          .join(', ');
        const logged = m.brokerLogged
          ? `; brokers logged "started" at ${Object.entries(m.brokerLogged)
              .sort((a, b) => a[1] - b[1])
              .map(([service, ms]) => `${service} ${seconds(ms)}`)
              .join(', ')}`
          : '';
        console.log(
          `  ${side.padEnd(7)} ready ${seconds(m.readyMs)} s, peak ${(m.peakBytes / GiB).toFixed(2)} GiB (${m.samples} samples), ` +
            `teardown ${seconds(m.teardownMs)} s; ready at: ${breakdown}${logged}`,
        );
      }
    }
  }
} finally {
  await parkIfInterrupted();
  await runCleanups();
}

const loadAfter = loadavg();
const fmt = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const rows = scenarios.map((scenario) => {
  const mine = results.filter((r) => r.scenario === scenario);
  const ours = median(mine.map((r) => r.ours.readyMs)) / 1000;
  const composed = median(mine.map((r) => r.compose.readyMs)) / 1000;
  const oursMem = median(mine.map((r) => r.ours.peakBytes)) / GiB;
  const composeMem = median(mine.map((r) => r.compose.peakBytes)) / GiB;
  return { scenario, ours, composed, ratio: ours / composed, oursMem, composeMem, orders: [...new Set(mine.map((r) => r.order))].join(' / ') };
});

const header = ['scenario', 'ours (s)', 'compose (s)', 'ours/compose', 'peak mem ours/compose (GiB)', 'order'];
const table = rows.map((r) => [r.scenario.label, fmt(r.ours, 1), fmt(r.composed, 1), fmt(r.ratio, 2), `${fmt(r.oursMem, 2)} / ${fmt(r.composeMem, 2)}`, r.orders]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`\n${runs > 1 ? `medians of ${runs} runs` : '1 run'} on offline images, ${new Date().toISOString()}`);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table) console.log(line(row));
console.log(`\nmachine: ${machine}`);
console.log(
  `load average: ${loadBefore.map((l) => l.toFixed(2)).join(' ')} at start, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} at end ` +
    `(other containers running at start: ${otherContainers})`,
);
console.log(
  'readiness: ours = every service\'s wait strategy plus an acks=all produce/consume round trip on an RF-3 topic; ' +
    'compose = every container healthy by its healthcheck (broker API versions, registry subjects, connector-plugins, ' +
    'pg_isready, cluster health yellow); no round trip on the compose side.',
);
console.log(
  'memory: peak of the summed per-container MEM USAGE (usage minus inactive file cache), plus on our side the RSS of the bundled ' +
    'Connect worker process, sampled ~1 s from start to ready + 10 s.',
);
console.log(
  'topology: the same images and configuration on both sides; ours also runs its bundled Connect worker (a host Node process on the ' +
    'Connect URL, forwarding to the real worker), which compose does not have.',
);

const full = rows.find((r) => r.scenario.full);
if (full) {
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log('\ntargets (issue 3, full stack):');
  console.log(`  ready in <= 45 s:          ${fmt(full.ours, 1)} s -> ${verdict(full.ours <= 45)}`);
  console.log(`  <= 0.9x the compose time:  ${fmt(full.ratio, 2)}x -> ${verdict(full.ratio <= 0.9)}`);
  console.log(`  total memory <= 4 GiB:     ${fmt(full.oursMem, 2)} GiB -> ${verdict(full.oursMem <= 4)}`);
} else if (!flags['kafka-only']) {
  console.log('\ntargets (issue 3) apply to the full stack, which could not run completely here: not evaluated.');
}
const anyFailed = results.some((r) => r.ours.error || r.compose.error);
process.exit(anyFailed ? 1 : 0);
