import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { packageRoot } from '../../runtime/core/package-root.js';
import { isJobProcess, type JobState } from '../../app/jobs/job-state.js';
import type { JobStatus } from '../../app/jobs/job-control.js';
import { StreamTestData, until } from '../helpers/stream-data.js';

const endpoints = inject('endpoints');
const data = new StreamTestData(endpoints);
/** Job state files of this test only: other engineers' jobs stay out of `jobs status`. */
let stateDir: string;

/** The CLI from sources, as the crash test runs it, with this test's state folder. */
const cli = (...args: string[]) =>
  execa(process.execPath, ['--import', 'tsx', join(packageRoot(), 'cli', 'bin.ts'), ...args], {
    reject: false,
    all: true,
    cwd: packageRoot(),
    timeout: 200_000,
    env: { KAFKA_SANDBOX_STATE_DIR: stateDir },
  });

beforeAll(async () => {
  await data.open();
  stateDir = await mkdtemp(join(tmpdir(), 'jobs-detached-'));
});

afterAll(async () => {
  await cli('jobs', 'stop', '--all', '--timeout', '10s');
  await data.cleanup();
  await rm(stateDir, { recursive: true, force: true });
});

describe('jobs start --detach, status, stop', () => {
  it('runs a job in the background, reports its figures, refuses a second instance and stops it cleanly', async () => {
    const generated = await data.generate('clickstream', { count: '2000', seed: 'jobs-detached', dimensions: false });
    const app = data.track('st-detached');
    const start = ['jobs', 'start', 'pass-through', '--bootstrap-server', endpoints.bootstrapServers, '--application-id', app, '--source', generated.topic, '--sink', `${app}-out`];

    const started = await cli(...start, '--detach');
    expect(started.exitCode, started.all).toBe(0);
    expect(started.stdout).toContain(`runs in the background, pid`);
    const state = JSON.parse(readFileSync(join(stateDir, 'jobs', `${app}.json`), 'utf8')) as JobState;
    expect(state).toMatchObject({ applicationId: app, job: 'pass-through', detached: true, phase: 'running', bootstrapServers: endpoints.bootstrapServers });
    expect(isJobProcess(state.pid)).toBe(true);

    const second = await cli(...start, '--detach');
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toContain(`application id "${app}" is already running`);
    const foreground = await cli(...start);
    expect(foreground.exitCode).toBe(2);

    const status = async () => {
      const result = await cli('jobs', 'status', app, '--json');
      expect(result.exitCode, result.all).toBe(0);
      return JSON.parse(result.stdout) as JobStatus;
    };
    const first = await pollUntil('jobs status reporting input', async () => ((await status()).figures?.input ?? 0) > 0 || undefined, { timeoutMs: 120_000, intervalMs: 1000 });
    expect(first).toBe(true);
    const done = await pollUntil(
      'every record read and copied',
      async () => {
        const s = await status();
        return s.figures?.input === 2000 && s.figures.output === 2000 ? s : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 1000 },
    );
    expect(done.running).toBe(true);
    expect(Object.keys(done.figures!.lag).length).toBeGreaterThan(0);
    expect(done.figures!.dlq).toBe(0);

    const listed = await cli('jobs', 'list', '--json');
    const passThrough = (JSON.parse(listed.stdout) as Array<{ name: string; running: Array<{ applicationId: string }> }>).find((j) => j.name === 'pass-through')!;
    expect(passThrough.running.map((r) => r.applicationId)).toEqual([app]);

    const stopped = await cli('jobs', 'stop', app);
    expect(stopped.exitCode, stopped.all).toBe(0);
    expect(stopped.stdout).toContain(`${app}: stopped (batch in flight committed)`);
    expect(isJobProcess(state.pid)).toBe(false);
    expect(existsSync(join(stateDir, 'jobs', `${app}.json`))).toBe(false);
    expect(readFileSync(state.logFile!, 'utf8')).toMatch(/stopped\s+in 2,000, out 2,000/);
    expect((await cli('jobs', 'status', app)).exitCode).toBe(2);

    // Everything the job copied is committed: a read_committed reader sees all 2,000 records.
    const out = await data.tail(`${app}-out`);
    await until('the 2,000 copied records', () => out.length >= 2000);
  }, 300_000);
});
