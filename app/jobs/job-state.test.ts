import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../runtime/core/errors.js';
import { pollUntil } from '../../runtime/core/poll.js';
import { claimJobState, figuresOf, isJobProcess, isJobRunning, jobsOfSandbox, listJobStates, processStartOf, readJobState, removeJobState, writeJobState, type JobState } from './job-state.js';

const base = (applicationId: string, pid: number, extra: Partial<JobState> = {}): JobState => ({
  applicationId,
  job: 'sessionize',
  pid,
  bootstrapServers: '127.0.0.1:9092',
  guarantee: 'exactly-once',
  startedAt: '2025-03-01T09:00:00.000Z',
  detached: true,
  phase: 'running',
  ...extra,
});

/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;

let dir: string;
const children: ChildProcess[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'job-state-'));
  process.env.KAFKA_SANDBOX_STATE_DIR = dir;
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  delete process.env.KAFKA_SANDBOX_STATE_DIR;
  await rm(dir, { recursive: true, force: true });
});

/** A live process whose command line looks like `kafka-sandbox jobs start`. */
async function fakeJobProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'jobs', 'start'], { stdio: 'ignore' });
  children.push(child);
  return pollUntil('the fake job process', async () => (isJobProcess(child.pid!) ? child.pid! : undefined), { timeoutMs: 10_000, intervalMs: 20 });
}

describe('figuresOf', () => {
  it('turns a metrics event into the figures of the state file', () => {
    const figures = figuresOf(
      {
        kind: 'metrics',
        metrics: { input: 1000, output: 400, late: 3, dlq: 2, 'join_misses.users': 5 },
        inputRate: 123.456,
        outputRate: 0,
        stateSize: 42,
        watermark: Date.parse('2025-03-01T09:00:00Z'),
        lag: { 'clickstream/0': 7, 'clickstream/1': 0 },
      },
      Date.parse('2025-03-01T10:00:00Z'),
    );
    expect(figures).toEqual({
      updatedAt: '2025-03-01T10:00:00.000Z',
      inputRate: 123.5,
      outputRate: 0,
      input: 1000,
      output: 400,
      late: 3,
      dlq: 2,
      lag: { 'clickstream/0': 7, 'clickstream/1': 0 },
      stateSize: 42,
      watermark: '2025-03-01T09:00:00.000Z',
      counters: { 'join_misses.users': 5 },
    });
  });

  it('has no watermark before the job has seen event time', () => {
    const figures = figuresOf({ kind: 'metrics', metrics: { input: 0, output: 0, late: 0, dlq: 0 }, inputRate: 0, outputRate: 0, stateSize: 0, watermark: Number.NEGATIVE_INFINITY, lag: {} }, 0);
    expect(figures.watermark).toBeNull();
  });
});

describe('job state files', () => {
  it('are written, listed, read back and removed by application id (any characters)', async () => {
    await writeJobState(base('b/app', 1));
    await writeJobState(base('a-app', 2, { sandbox: 'dev' }));
    expect((await listJobStates()).map((s) => s.applicationId)).toEqual(['a-app', 'b/app']);
    expect(await readJobState('b/app')).toEqual(base('b/app', 1));
    await removeJobState('b/app', { pid: 99 });
    expect(await readJobState('b/app')).toBeDefined();
    await removeJobState('b/app', { pid: 1 });
    expect(await readJobState('b/app')).toBeUndefined();
    expect(await readdir(join(dir, 'jobs'))).toEqual(['a-app.json']);
  });

  it('are listed as none when no job ever ran', async () => {
    expect(await listJobStates()).toEqual([]);
  });

  it("refuse a second live process for the same application id, and replace a dead one's file", async () => {
    const live = await fakeJobProcess();
    await writeJobState(base('app', live));
    const claim = claimJobState(base('app', process.pid, { phase: 'starting' }));
    await expect(claim).rejects.toThrow(ConfigError);
    await expect(claim).rejects.toThrow(/application id "app" is already running \(job sessionize, pid \d+/);
    expect((await readJobState('app'))!.pid).toBe(live);

    await writeJobState(base('app', deadPid()));
    await claimJobState(base('app', process.pid, { phase: 'starting' }));
    expect((await readJobState('app'))!.pid).toBe(process.pid);
  });
});

describe('isJobProcess', () => {
  it('is false for a dead pid and for a live process that is not a job', async () => {
    expect(isJobProcess(deadPid())).toBe(false);
    if (process.platform === 'linux') expect(isJobProcess(process.pid)).toBe(false);
    expect(isJobProcess(await fakeJobProcess())).toBe(true);
  });
});

describe('isJobRunning', () => {
  it('knows a job run in-process by any program (a test, a scenario) by its start time, and a reused pid by another', async () => {
    if (process.platform !== 'linux') return;
    const start = processStartOf(process.pid)!;
    expect(start).toMatch(/^\d+$/);
    expect(isJobRunning({ pid: process.pid, processStart: start })).toBe(true);
    expect(isJobRunning({ pid: process.pid, processStart: `${start}1` })).toBe(false);
    expect(isJobRunning({ pid: deadPid(), processStart: start })).toBe(false);
    // Without a start time (an older file), only a live `jobs start` process counts.
    expect(isJobRunning({ pid: process.pid })).toBe(false);
    expect(isJobRunning({ pid: await fakeJobProcess() })).toBe(true);
  });

  it('makes a claim refuse an application id run in-process by another program', async () => {
    if (process.platform !== 'linux') return;
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(child);
    const processStart = await pollUntil('the other program', async () => processStartOf(child.pid!), { timeoutMs: 10_000, intervalMs: 20 });
    await writeJobState(base('app', child.pid!, { processStart, detached: false }));
    await expect(claimJobState(base('app', process.pid, { phase: 'starting' }))).rejects.toThrow(/application id "app" is already running/);
  });
});

describe('jobsOfSandbox', () => {
  it('picks the jobs started with the sandbox name or with its bootstrap servers', () => {
    const states = [base('a', 1, { sandbox: 'dev' }), base('b', 2, { sandbox: 'other' }), base('c', 3), base('d', 4, { bootstrapServers: 'elsewhere:9092' })];
    expect(jobsOfSandbox(states, 'dev', '127.0.0.1:9092').map((s) => s.applicationId)).toEqual(['a', 'c']);
    expect(jobsOfSandbox(states, 'dev').map((s) => s.applicationId)).toEqual(['a']);
  });
});
