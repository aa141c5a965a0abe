import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { stopJob } from './job-process.js';
import { isJobProcess, readJobState, writeJobState, type JobState } from './job-state.js';

let dir: string;
const children: ChildProcess[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'job-process-'));
  process.env.KAFKA_SANDBOX_STATE_DIR = dir;
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  delete process.env.KAFKA_SANDBOX_STATE_DIR;
  await rm(dir, { recursive: true, force: true });
});

/** A live process that looks like `kafka-sandbox jobs start` and runs `code`; recorded as `app`. */
async function fakeJob(app: string, code: string): Promise<JobState> {
  const child = spawn(process.execPath, ['-e', code, 'jobs', 'start'], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  // Ready once it printed: its SIGTERM handler (if any) is installed.
  await new Promise((resolve) => child.stdout!.once('data', resolve));
  const pid = await pollUntil('the fake job', async () => (isJobProcess(child.pid!) ? child.pid! : undefined), { timeoutMs: 10_000, intervalMs: 20 });
  const state: JobState = {
    applicationId: app,
    job: 'pass-through',
    pid,
    bootstrapServers: '127.0.0.1:9092',
    guarantee: 'exactly-once',
    startedAt: new Date().toISOString(),
    detached: true,
    phase: 'running',
  };
  await writeJobState(state);
  return state;
}

describe('stopJob', () => {
  it('stops a job with SIGTERM and removes its state file', async () => {
    const state = await fakeJob('app-1', 'setInterval(() => {}, 1000); console.log("up")');
    expect(await stopJob(state, { timeoutMs: 10_000 })).toBe('stopped');
    expect(isJobProcess(state.pid)).toBe(false);
    expect(await readJobState('app-1')).toBeUndefined();
  });

  it('kills a job that is still running at the deadline', async () => {
    const state = await fakeJob('app-2', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000); console.log("up")');
    expect(await stopJob(state, { timeoutMs: 300 })).toBe('killed');
    await pollUntil('the killed job gone', async () => (isJobProcess(state.pid) ? undefined : true), { timeoutMs: 10_000, intervalMs: 20 });
    expect(await readJobState('app-2')).toBeUndefined();
  });

  it('only removes the file of a job whose process is gone', async () => {
    const state = await fakeJob('app-3', 'console.log("up")');
    await pollUntil('the job gone', async () => (isJobProcess(state.pid) ? undefined : true), { timeoutMs: 10_000, intervalMs: 20 });
    expect(await stopJob(state)).toBe('not-running');
    expect(await readJobState('app-3')).toBeUndefined();
  });
});
