import { attachSandbox } from '../../app/attach-sandbox.js';
import { readSandboxState } from '../../stacks/sandbox-state.js';
import { ConnectClient, type ConnectorStatus } from '../../app/connect/connect-client.js';
import { startWorker } from '../../app/connect/start-worker.js';
import { parseDuration } from '../../runtime/core/duration.js';
import { ConfigError, InterruptedError } from '../../runtime/core/errors.js';

interface UrlOptions {
  name: string;
  url?: string;
  json?: boolean;
}

/** The Connect REST client commands talk to: --url, else the sandbox's Connect URL (a lone `connect worker` on 8083 when no sandbox runs). */
async function client(options: UrlOptions): Promise<ConnectClient> {
  if (options.url) return new ConnectClient(options.url);
  const state = await readSandboxState(options.name);
  if (!state && options.name === 'default') return new ConnectClient('http://127.0.0.1:8083');
  return (await attachSandbox(options.name)).connect;
}

/** `connect worker`: the bundled worker in the foreground until Ctrl-C. */
export async function connectWorker(options: { name: string; bootstrapServer?: string; port?: string; forwardUrl?: string; fileDir?: string; plugin?: string[] }): Promise<void> {
  const worker = await startWorker({
    name: options.name,
    ...(options.bootstrapServer ? { bootstrapServers: options.bootstrapServer } : {}),
    ...(options.port === undefined ? {} : { port: Number(options.port) }),
    ...(options.forwardUrl ? { forwardUrl: options.forwardUrl } : {}),
    ...(options.fileDir ? { fileDirectory: options.fileDir } : {}),
    ...(options.plugin ? { pluginPaths: options.plugin } : {}),
  });
  console.log(`Kafka Connect worker on ${worker.url} (Ctrl-C stops it)`);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await worker.stop();
  if (signal === 'SIGINT') throw new InterruptedError('Connect worker stopped');
}

/** `connect deploy FILE`: create or update, then wait until RUNNING (or PAUSED) unless --no-wait. */
export async function connectDeploy(file: string, options: UrlOptions & { wait?: boolean; timeout?: string }): Promise<void> {
  const timeoutMs = parseDuration(options.timeout ?? '30s');
  if (!timeoutMs) throw new ConfigError(`--timeout must be a duration like 30s or 2m, got "${options.timeout}"`);
  const connect = await client(options);
  const result = await connect.deploy(file, { waitMs: options.wait === false ? 0 : timeoutMs });
  if (options.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const state = result.status ? `, ${result.status.connector.state} with ${result.status.tasks.length} task${result.status.tasks.length === 1 ? '' : 's'}` : '';
  console.log(`${result.created ? 'created' : 'updated'} ${result.name}${result.paused ? ' (paused)' : ''}${state}`);
}

export async function connectList(options: UrlOptions): Promise<void> {
  const statuses = await (await client(options)).list();
  if (options.json) {
    console.log(JSON.stringify(statuses, null, 2));
    return;
  }
  const names = Object.keys(statuses).sort();
  if (names.length === 0) {
    console.log('no connectors');
    return;
  }
  console.log(`${'NAME'.padEnd(32)} ${'TYPE'.padEnd(7)} ${'STATE'.padEnd(10)} TASKS`);
  for (const name of names) {
    const s = statuses[name];
    console.log(`${name.padEnd(32)} ${(s?.type ?? '?').padEnd(7)} ${(s?.connector.state ?? '?').padEnd(10)} ${(s?.tasks ?? []).map((t) => `${t.id}:${t.state}`).join(' ')}`);
  }
}

export async function connectStatus(name: string, options: UrlOptions): Promise<void> {
  const status: ConnectorStatus = await (await client(options)).status(name);
  if (options.json) {
    console.log(JSON.stringify(status, null, 2));
    return;
  }
  console.log(`${status.name} (${status.type}) ${status.connector.state} on ${status.connector.worker_id}`);
  if (status.connector.trace) console.log(status.connector.trace);
  for (const task of status.tasks) {
    console.log(`  task ${task.id}: ${task.state}`);
    if (task.trace) console.log(task.trace.split('\n').map((line) => `    ${line}`).join('\n'));
  }
}

export async function connectAction(action: 'pause' | 'resume' | 'restart' | 'delete', name: string, options: UrlOptions & { includeTasks?: boolean; onlyFailed?: boolean }): Promise<void> {
  const connect = await client(options);
  if (action === 'delete') await connect.delete(name);
  else if (action === 'restart') await connect.restart(name, { includeTasks: options.includeTasks ?? true, onlyFailed: options.onlyFailed ?? false });
  else if (action === 'pause') await connect.pause(name);
  else await connect.resume(name);
  if (options.json) console.log(JSON.stringify({ connector: name, action }));
  else console.log(`${action === 'delete' ? 'deleted' : action === 'restart' ? 'restarting' : `${action}d`} ${name}`);
}
