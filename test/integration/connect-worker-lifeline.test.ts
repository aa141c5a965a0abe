import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { spawnDetachedConnectWorker } from '../../runtime/worker/start-connect-worker.js';
import { isAlive } from '../../stacks/bundled-worker.js';
import { unique } from '../helpers/unique.js';

const endpoints = inject('endpoints');

describe('a detached worker whose sandbox is gone', () => {
  it('exits by itself once its sandbox state file is removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'connect-lifeline-'));
    const stateFile = join(dir, 'sandbox.json');
    const logFile = join(dir, 'worker.log');
    const { pid } = await spawnDetachedConnectWorker(
      { bootstrapServers: endpoints.bootstrapServers, endpoints, port: 0, topicPrefix: unique('_it-connect'), fileDirectory: dir, lifeline: { stateFile, intervalMs: 200 } },
      logFile,
    );
    try {
      // As `up` does once everything is ready: the state file names the worker.
      writeFileSync(stateFile, JSON.stringify({ name: 'lifeline', connectWorkerPid: pid }));
      await pollUntil('the worker watching the state file', async () => (readFileSync(logFile, 'utf8').includes(`lifeline: watching ${stateFile}`) ? true : undefined), { timeoutMs: 30_000 });
      expect(isAlive(pid)).toBe(true);
      // `up` was SIGKILLed and the sandbox removed without `down`: nobody stops the worker.
      rmSync(stateFile);
      await pollUntil('the worker gone', async () => (isAlive(pid) ? undefined : true), { timeoutMs: 60_000 });
      expect(readFileSync(logFile, 'utf8')).toContain('the sandbox is gone');
    } finally {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
