import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ConfigError, StackError } from '../../runtime/core/errors.js';
import { didYouMean } from '../../runtime/core/did-you-mean.js';
import { requireDockerEngine } from '../../stacks/docker-engine.js';
import { sandboxContainers } from '../../stacks/docker-resources.js';
import { labelKeys } from '../../stacks/labels.js';
import { stateDir } from '../../stacks/sandbox-state.js';
import type { SandboxContext } from '../sandbox-context.js';
import { lastLines, LogLineSplitter } from './log-lines.js';

/** The bundled Connect worker: a host process logging to a file, `connect` as in `status`. */
export const BUNDLED_WORKER_SERVICE = 'connect';

type Source = { kind: 'container'; service: string; id: string } | { kind: 'file'; service: string; path: string };

/**
 * The handle's service logs: a container's stdout and stderr (broker-1, schema-registry,
 * connect-worker, postgres, ...) or the bundled Connect worker's log file (`connect`). Needs a
 * sandbox attached by name. An unknown service is a ConfigError naming those that exist.
 */
export class SandboxLogs {
  constructor(private readonly ctx: SandboxContext) {}

  /** The services that have a log, sorted. */
  async services(): Promise<string[]> {
    return (await this.sources()).map((s) => s.service).sort();
  }

  /** The last `lines` lines (default 100) of a service's log. */
  async tail(service: string, lines = 100): Promise<string[]> {
    const source = await this.source(service);
    if (source.kind === 'file') return lastLines(await readFile(source.path, 'utf8').catch(() => ''), lines);
    const docker = (await requireDockerEngine()).container.dockerode;
    const raw = (await docker.getContainer(source.id).logs({ stdout: true, stderr: true, tail: lines, follow: false })) as unknown as Buffer;
    const splitter = new LogLineSplitter();
    return [...splitter.push(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw))), ...splitter.flush()].slice(-lines);
  }

  /**
   * A service's log as it grows, line by line, starting with its last `tail` lines (default 10),
   * until `signal` aborts (or the container is removed).
   */
  async *follow(service: string, signal?: AbortSignal, { tail = 10 }: { tail?: number } = {}): AsyncGenerator<string> {
    const source = await this.source(service);
    if (source.kind === 'file') {
      yield* followFile(source.path, tail, signal);
      return;
    }
    const docker = (await requireDockerEngine()).container.dockerode;
    const stream = (await docker.getContainer(source.id).logs({ stdout: true, stderr: true, tail, follow: true })) as unknown as Readable;
    const splitter = new LogLineSplitter();
    const onAbort = () => stream.destroy();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal?.aborted) return;
      for await (const chunk of stream) yield* splitter.push(chunk as Buffer);
      yield* splitter.flush();
    } catch (error) {
      if (!signal?.aborted) throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stream.destroy();
    }
  }

  private async source(service: string): Promise<Source> {
    const sources = await this.sources();
    const found = sources.find((s) => s.service === service) ?? (service === 'kafka' ? sources.find((s) => s.service === 'broker-1') : undefined);
    if (found) return found;
    const names = sources.map((s) => s.service).sort();
    const close = didYouMean(service, names);
    throw new ConfigError(`sandbox ${this.ctx.name} has no service ${service}${close}`, { hint: `Services with a log: ${names.join(', ') || 'none'}.` });
  }

  private async sources(): Promise<Source[]> {
    const name = this.ctx.requireContainers('logs');
    const containers = await sandboxContainers(name).catch((cause: unknown) => {
      throw new StackError(`cannot list the containers of sandbox ${name}: ${(cause as Error).message}`, { cause, hint: 'Is the Docker engine running (`docker info`)?' });
    });
    const sources: Source[] = containers.map((c) => ({ kind: 'container', service: c.Labels[labelKeys.service] ?? c.Names[0]?.replace(/^\//, '') ?? c.Id, id: c.Id }));
    const workerLog = join(stateDir(), `${name}-connect-worker.log`);
    if (await stat(workerLog).then(() => true, () => false)) sources.push({ kind: 'file', service: BUNDLED_WORKER_SERVICE, path: workerLog });
    return sources;
  }
}

/** `tail -f` of a file: its last `tail` lines, then what is appended, polled every 250 ms. */
async function* followFile(path: string, tail: number, signal?: AbortSignal): AsyncGenerator<string> {
  const text = await readFile(path, 'utf8').catch(() => '');
  yield* lastLines(text, tail);
  let position = Buffer.byteLength(text);
  let partial = '';
  while (!signal?.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 250);
      signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
    if (signal?.aborted) break;
    const size = await stat(path).then((s) => s.size, () => 0);
    if (size < position) position = 0; // truncated or replaced
    if (size === position) continue;
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(size - position);
      await handle.read(buffer, 0, buffer.length, position);
      position = size;
      const lines = (partial + buffer.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      yield* lines;
    } finally {
      await handle.close();
    }
  }
}
