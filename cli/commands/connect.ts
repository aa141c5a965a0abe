import { generatorConnectorModule } from '../../generators/connect/plugin-module.js';
import { ConnectorError, InterruptedError, StackError } from '../../runtime/core/errors.js';
import { loadDeployment } from '../../runtime/worker/deploy-file.js';
import { startConnectWorker } from '../../runtime/worker/start-connect-worker.js';
import { readSandboxState } from '../../stacks/sandbox-state.js';

interface UrlOptions {
  name: string;
  url?: string;
}

/** The Connect URL commands talk to: --url, else the sandbox's Connect URL, else localhost:8083. */
async function connectUrl(options: UrlOptions): Promise<string> {
  if (options.url) return options.url.replace(/\/$/, '');
  const state = await readSandboxState(options.name);
  return (state?.endpoints.connectUrl ?? 'http://127.0.0.1:8083').replace(/\/$/, '');
}

async function rest<T = unknown>(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  } catch (error) {
    throw new StackError(`no Connect worker answers at ${base}`, { hint: 'Start the sandbox (`kafka-sandbox up`) or a worker (`kafka-sandbox connect worker`), or pass --url.', cause: error });
  }
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as T) : (undefined as T);
  if (!response.ok) {
    const message = (parsed as { message?: string } | undefined)?.message ?? text;
    throw new ConnectorError(`${method} ${path} answered ${response.status}: ${message}`);
  }
  return { status: response.status, body: parsed };
}

/** `connect worker`: the bundled worker in the foreground until Ctrl-C. */
export async function connectWorker(options: { name: string; bootstrapServer?: string; port?: string; forwardUrl?: string; fileDir?: string; plugin?: string[] }): Promise<void> {
  let bootstrapServers = options.bootstrapServer;
  let endpoints;
  let forwardUrl = options.forwardUrl;
  if (!bootstrapServers) {
    const state = await readSandboxState(options.name);
    if (!state) throw new StackError(`no sandbox named "${options.name}" is running`, { hint: 'Start one with `kafka-sandbox up --detach`, or pass --bootstrap-server.' });
    endpoints = state.endpoints;
    bootstrapServers = endpoints.bootstrapServers;
    forwardUrl ??= (endpoints as { connectWorkerUrl?: string }).connectWorkerUrl ?? endpoints.connectUrl;
  }
  const port = options.port === undefined ? 8083 : Number(options.port);
  if (forwardUrl && new URL(forwardUrl).port === String(port)) forwardUrl = undefined;
  let worker;
  try {
    worker = await startConnectWorker({
      bootstrapServers,
      port,
      forwardUrl,
      pluginModules: [generatorConnectorModule()],
      ...(endpoints ? { endpoints } : {}),
      ...(options.fileDir ? { fileDirectory: options.fileDir } : {}),
      ...(options.plugin ? { pluginPaths: options.plugin } : {}),
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') throw new StackError(`port ${port} is in use`, { hint: 'Pass --port with a free port (or 0 for any).' });
    throw error;
  }
  console.log(`Kafka Connect worker on ${worker.url} (Ctrl-C stops it)`);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await worker.stop();
  if (signal === 'SIGINT') throw new InterruptedError('Connect worker stopped');
}

export async function connectDeploy(file: string, options: UrlOptions): Promise<void> {
  const deployment = await loadDeployment(file);
  const base = await connectUrl(options);
  const { status } = await rest(base, 'PUT', `/connectors/${encodeURIComponent(deployment.name)}/config`, deployment.config);
  if (deployment.paused) await rest(base, 'PUT', `/connectors/${encodeURIComponent(deployment.name)}/pause`);
  console.log(`${status === 201 ? 'created' : 'updated'} ${deployment.name}${deployment.paused ? ' (paused)' : ''}`);
}

interface Status {
  name: string;
  type: string;
  connector: { state: string; worker_id: string; trace?: string };
  tasks: { id: number; state: string; worker_id: string; trace?: string }[];
}

export async function connectList(options: UrlOptions & { json?: boolean }): Promise<void> {
  const base = await connectUrl(options);
  const { body } = await rest<Record<string, { status: Status }>>(base, 'GET', '/connectors?expand=status');
  if (options.json) {
    console.log(JSON.stringify(body, null, 2));
    return;
  }
  const names = Object.keys(body).sort();
  if (names.length === 0) {
    console.log('no connectors');
    return;
  }
  console.log(`${'NAME'.padEnd(32)} ${'TYPE'.padEnd(7)} ${'STATE'.padEnd(10)} TASKS`);
  for (const name of names) {
    const s = body[name]!.status;
    console.log(`${name.padEnd(32)} ${(s?.type ?? '?').padEnd(7)} ${(s?.connector.state ?? '?').padEnd(10)} ${(s?.tasks ?? []).map((t) => `${t.id}:${t.state}`).join(' ')}`);
  }
}

export async function connectStatus(name: string, options: UrlOptions & { json?: boolean }): Promise<void> {
  const base = await connectUrl(options);
  const { body } = await rest<Status>(base, 'GET', `/connectors/${encodeURIComponent(name)}/status`);
  if (options.json) {
    console.log(JSON.stringify(body, null, 2));
    return;
  }
  console.log(`${body.name} (${body.type}) ${body.connector.state} on ${body.connector.worker_id}`);
  if (body.connector.trace) console.log(body.connector.trace);
  for (const task of body.tasks) {
    console.log(`  task ${task.id}: ${task.state}`);
    if (task.trace) console.log(task.trace.split('\n').map((line) => `    ${line}`).join('\n'));
  }
}

export async function connectAction(action: 'pause' | 'resume' | 'restart' | 'delete', name: string, options: UrlOptions & { includeTasks?: boolean; onlyFailed?: boolean }): Promise<void> {
  const base = await connectUrl(options);
  const path = `/connectors/${encodeURIComponent(name)}`;
  if (action === 'delete') await rest(base, 'DELETE', path);
  else if (action === 'restart') {
    const query = new URLSearchParams({ includeTasks: String(options.includeTasks ?? true), onlyFailed: String(options.onlyFailed ?? false) });
    await rest(base, 'POST', `${path}/restart?${query}`);
  } else await rest(base, 'PUT', `${path}/${action}`);
  console.log(`${action === 'delete' ? 'deleted' : action === 'restart' ? 'restarting' : `${action}d`} ${name}`);
}
