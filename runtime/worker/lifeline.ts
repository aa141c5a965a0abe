import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';

/**
 * When a detached worker's sandbox is gone, so that it does not outlive a hard-killed `up` or
 * containers removed by hand. JSON-safe (it travels to the worker process).
 */
export interface LifelineOptions {
  /**
   * The sandbox's state file: gone (after it was seen once; `down` removes it) or naming another
   * worker (`connectWorkerPid`, a new sandbox of the same name) means this worker is orphaned.
   */
  stateFile?: string;
  /** Consecutive checks in which no bootstrap broker accepts a TCP connection before giving up (default 12). */
  maxUnreachableChecks?: number;
  /** Between checks (default 5000 ms). */
  intervalMs?: number;
}

/** True when `host:port` accepts a TCP connection within `timeoutMs`. */
export function reachable(hostPort: string, timeoutMs = 2_000): Promise<boolean> {
  const at = hostPort.lastIndexOf(':');
  return new Promise((resolve) => {
    const socket = connect({ host: hostPort.slice(0, at), port: Number(hostPort.slice(at + 1)), timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** `missing`; `other`: it names another worker pid; `present`: it names this one, none, or cannot be read whole yet. */
async function stateFileStatus(file: string, pid: number): Promise<'missing' | 'other' | 'present'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'present';
  }
  try {
    const owner = (JSON.parse(text) as { connectWorkerPid?: unknown }).connectWorkerPid;
    return typeof owner === 'number' && owner !== pid ? 'other' : 'present';
  } catch {
    return 'present';
  }
}

/**
 * One check of the lifeline, remembering what earlier checks saw: resolves with why the sandbox is
 * gone, or undefined while it is there.
 */
export function lifelineCheck(bootstrapServers: readonly string[], options: LifelineOptions, log: (message: string) => void = () => {}, pid = process.pid): () => Promise<string | undefined> {
  const maxUnreachable = options.maxUnreachableChecks ?? 12;
  let seenStateFile = false;
  let unreachableChecks = 0;
  return async () => {
    if (options.stateFile) {
      const status = await stateFileStatus(options.stateFile, pid);
      if (status === 'other') return `${options.stateFile} names another Connect worker`;
      if (status === 'missing' && seenStateFile) return `${options.stateFile} was removed`;
      if (status === 'present' && !seenStateFile) {
        seenStateFile = true;
        log(`lifeline: watching ${options.stateFile}`);
      }
    }
    const results = await Promise.all(bootstrapServers.map((hostPort) => reachable(hostPort)));
    unreachableChecks = results.some(Boolean) ? 0 : unreachableChecks + 1;
    if (unreachableChecks >= maxUnreachable) return `no broker of ${bootstrapServers.join(',')} answered ${unreachableChecks} checks in a row`;
    return undefined;
  };
}

/**
 * Checks every `intervalMs` whether the worker's sandbox still exists (see LifelineOptions) and
 * calls `onGone` once, with the reason, when it does not. Returns a function that stops watching.
 */
export function watchLifeline(bootstrapServers: readonly string[], options: LifelineOptions, onGone: (reason: string) => void, log?: (message: string) => void): () => void {
  const check = lifelineCheck(bootstrapServers, options, log);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    timer = setTimeout(async () => {
      const reason = await check();
      if (stopped) return;
      if (reason) {
        stopped = true;
        onGone(reason);
      } else schedule();
    }, options.intervalMs ?? 5_000);
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
