import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pollUntil } from '../core/poll.js';
import { lifelineCheck, watchLifeline } from './lifeline.js';

/** A TCP listener standing in for a broker. */
async function listener(): Promise<{ server: Server; hostPort: string }> {
  const server = createServer((socket) => socket.destroy());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, hostPort: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the worker lifeline', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-'));

  it('is cut when the state file, once seen, is removed, or names another worker', async () => {
    const { server, hostPort } = await listener();
    servers.push(server);
    const stateFile = join(dir, 'a.json');
    const check = lifelineCheck([hostPort], { stateFile }, undefined, 42);
    expect(await check()).toBeUndefined(); // not written yet: `up` writes it after the worker started
    writeFileSync(stateFile, JSON.stringify({ connectWorkerPid: 42 }));
    expect(await check()).toBeUndefined();
    rmSync(stateFile);
    expect(await check()).toMatch(/a\.json was removed/);

    writeFileSync(stateFile, JSON.stringify({ connectWorkerPid: 7 }));
    expect(await lifelineCheck([hostPort], { stateFile }, undefined, 42)()).toMatch(/names another Connect worker/);
  });

  it('is cut after consecutive checks in which no broker accepts a connection', async () => {
    const { server, hostPort } = await listener();
    const check = lifelineCheck([hostPort], { maxUnreachableChecks: 2 });
    expect(await check()).toBeUndefined();
    server.close();
    await once(server, 'close');
    expect(await check()).toBeUndefined();
    expect(await check()).toMatch(/no broker of 127\.0\.0\.1:\d+ answered 2 checks in a row/);
  });

  it('calls onGone once when watching', async () => {
    const { server, hostPort } = await listener();
    servers.push(server);
    const stateFile = join(dir, 'b.json');
    writeFileSync(stateFile, JSON.stringify({ connectWorkerPid: process.pid }));
    const reasons: string[] = [];
    const stop = watchLifeline([hostPort], { stateFile, intervalMs: 10 }, (reason) => reasons.push(reason));
    try {
      // A new sandbox of the same name took the state file.
      writeFileSync(stateFile, JSON.stringify({ connectWorkerPid: process.pid + 1 }));
      await pollUntil('onGone', async () => (reasons.length > 0 ? true : undefined), { timeoutMs: 10_000, intervalMs: 10 });
      expect(reasons).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
