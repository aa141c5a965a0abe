import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachSandbox } from '../../app/attach-sandbox.js';
import { isJobRunning } from '../../app/jobs/job-state.js';
import type { Sandbox } from '../../app/sandbox.js';
import type { SandboxEvent, SandboxEventOf } from '../../app/sandbox-events.js';
import type { Ledger } from '../../generators/ledger/ledger.js';
import { quoteIdent } from '../../generators/runner/postgres-dimensions.js';
import { ConfigError } from '../../runtime/core/errors.js';
import { StreamTestData, until } from '../helpers/stream-data.js';
import { unique } from '../helpers/unique.js';

const sandboxState = inject('sandboxState');
const endpoints = inject('endpoints');
const data = new StreamTestData(endpoints);
const pgSchema = unique('hjg').replace('-', '_');
let dir: string;
let sandbox: Sandbox;
const events: SandboxEvent[] = [];
/** Application ids this file starts: stopped in afterAll whatever happened. */
const apps: string[] = [];

const ofKind = <K extends SandboxEvent['kind']>(kind: K) => events.filter((e): e is SandboxEventOf<K> => e.kind === kind);

beforeAll(async () => {
  await data.open();
  dir = await mkdtemp(join(tmpdir(), 'handle-jobs-generate-'));
  sandbox = await attachSandbox(sandboxState.name);
  sandbox.events.on((event) => events.push(event));
});

afterAll(async () => {
  const cleanup = await attachSandbox(sandboxState.name);
  for (const app of apps) await cleanup.jobs.stop(app, { timeoutMs: 10_000 }).catch(() => undefined);
  await cleanup.detach();
  await sandbox?.detach();
  await data.cleanup();
  const client = new pg.Client({ connectionString: endpoints.postgresUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(pgSchema)} CASCADE`);
  await client.end();
  await rm(dir, { recursive: true, force: true });
});

describe('generators and jobs on the handle', () => {
  let topic: string;
  let ledger: Ledger;

  it('generates into a new topic: steps, progress and done as events, and the ledger', async () => {
    topic = data.track('hjg-clicks');
    const ledgerFile = join(dir, `${topic}.ledger.json`);
    const run = await sandbox.generate.start('clickstream', { topic, count: '2000', seed: 'handle-it', pgSchema, ledger: ledgerFile, fast: true });
    const result = await run.done;
    ledger = result.ledger;
    expect(result.outcome.stopped).toBe('completed');
    expect(ledger.totals.records).toBe(2000);
    expect(run.progress()).toMatchObject({ sent: 2000, planned: 2000 });

    const steps = ofKind('generator-step').filter((e) => e.runId === run.id);
    expect(steps.map((s) => s.step)).toEqual(['dimensions', 'topic', 'records', 'ledger']);
    const dimensions = steps[0] as Extract<(typeof steps)[number], { step: 'dimensions' }>;
    expect(dimensions.schema).toBe(pgSchema);
    expect(dimensions.tables).toEqual(ledger.dimensions);
    expect(steps[1]).toMatchObject({ step: 'topic', topic, created: true, partitions: 6 });
    expect(steps[3]).toMatchObject({ step: 'ledger', file: ledgerFile, checksum: ledger.checksum, complete: true });

    const progress = ofKind('generator-progress').filter((e) => e.runId === run.id);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ sent: 2000, planned: 2000 });
    expect(ofKind('generator-done').filter((e) => e.runId === run.id)).toEqual([expect.objectContaining({ topic, outcome: 'completed', records: 2000, planned: 2000, complete: true, ledgerFile })]);
    expect((JSON.parse(await readFile(ledgerFile, 'utf8')) as Ledger).checksum).toBe(ledger.checksum);
  });

  it('runs enrich-clickstream in-process: ready and metrics events, output records; detach() stops it cleanly', async () => {
    const app = data.track('hjg-enrich');
    apps.push(app);
    const sink = `${app}-out`;
    const running = await sandbox.jobs.start('enrich-clickstream', { source: topic, sink, 'pg-schema': pgSchema }, { applicationId: app });
    const ready = await running.ready;
    expect(ready).toMatchObject({ kind: 'ready', applicationId: app, sources: [topic], sinks: [sink] });
    expect(ready.tables).toEqual(ledger.dimensions);

    const status = await sandbox.jobs.status(app);
    expect(status).toMatchObject({ applicationId: app, job: 'enrich-clickstream', pid: process.pid, sandbox: sandboxState.name, detached: false, phase: 'running', running: true });

    const out = await data.tailWhenExists(sink);
    await until('the 2,000 enriched clicks', () => out.length >= 2000);
    expect(out[0]!.value).toHaveProperty('device_type');
    const jobEvents = () => ofKind('job').filter((e) => e.applicationId === app);
    await until('a metrics event counting every click', () => jobEvents().some((e) => e.event.kind === 'metrics' && e.event.metrics.input === 2000), 60_000);
    const metrics = jobEvents().find((e) => e.event.kind === 'metrics' && e.event.metrics.input === 2000)!.event;
    expect(metrics).toMatchObject({ kind: 'metrics', metrics: { input: 2000, output: 2000, dlq: 0 }, stateSize: expect.any(Number) });

    await sandbox.detach();
    const totals = await running.done;
    expect(totals).toMatchObject({ input: 2000, output: 2000 });
    expect(jobEvents().at(-1)!.event).toEqual({ kind: 'stopped', metrics: totals });
    expect(ofKind('job-failed')).toEqual([]);
    // Its state file went with it.
    const after = await attachSandbox(sandboxState.name);
    try {
      await expect(after.jobs.status(app)).rejects.toBeInstanceOf(ConfigError);
    } finally {
      await after.detach();
    }
  }, 240_000);

  it('starts a job detached through the handle: in jobs.status() and list(), refused twice, stopped by jobs.stop()', async () => {
    const handle = await attachSandbox(sandboxState.name);
    try {
      const app = data.track('hjg-detached');
      apps.push(app);
      const options = { source: topic, sink: `${app}-out` };
      const detached = await handle.jobs.start('pass-through', options, { detach: true, applicationId: app, guarantee: 'at-least-once' });
      expect(detached).toMatchObject({ applicationId: app, job: 'pass-through' });
      expect(detached.pid).not.toBe(process.pid);
      expect(isJobRunning(detached.state)).toBe(true);

      const status = await handle.jobs.status(app);
      expect(status).toMatchObject({ applicationId: app, sandbox: sandboxState.name, detached: true, phase: 'running', running: true, guarantee: 'at-least-once', logFile: detached.logFile });
      expect((await handle.jobs.status()).map((s) => s.applicationId)).toContain(app);
      const listed = (await handle.jobs.list()).find((j) => j.name === 'pass-through')!;
      expect(listed.running).toContainEqual({ applicationId: app, pid: detached.pid, sandbox: sandboxState.name, detached: true });

      await expect(handle.jobs.start('pass-through', options, { detach: true, applicationId: app })).rejects.toThrow(`application id "${app}" is already running`);
      await expect(handle.jobs.start('pass-through', options, { applicationId: app })).rejects.toBeInstanceOf(ConfigError);

      const out = await data.tailWhenExists(`${app}-out`);
      await until('the 2,000 copied records', () => out.length >= 2000);

      expect(await handle.jobs.stop(app)).toEqual([{ applicationId: app, outcome: 'stopped' }]);
      expect(isJobRunning(detached.state)).toBe(false);
      await expect(handle.jobs.status(app)).rejects.toThrow(`no job with application id "${app}" is recorded`);
      expect(await readFile(detached.logFile, 'utf8')).toMatch(/stopped\s+in 2,000, out 2,000/);
      await rm(detached.logFile, { force: true });
    } finally {
      await handle.detach();
    }
  }, 300_000);
});
