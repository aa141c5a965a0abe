import { generatorConnectorModule } from '../../generators/connect/plugin-module.js';
import { StackError } from '../../runtime/core/errors.js';
import { startConnectWorker, type StartedConnectWorker } from '../../runtime/worker/start-connect-worker.js';
import { attachSandbox } from '../attach-sandbox.js';

export interface WorkerRequest {
  /** The sandbox whose cluster the worker joins (default `default`), unless `bootstrapServers` is given. */
  name?: string;
  bootstrapServers?: string;
  /** REST port on 127.0.0.1 (default 8083; 0 for any free port). */
  port?: number;
  /** The Connect worker that runs classes this one does not (default: the sandbox's real worker). */
  forwardUrl?: string;
  fileDirectory?: string;
  pluginPaths?: string[];
}

/**
 * Runs the bundled Kafka-Connect-compatible worker in this process, with the generators' datagen
 * source, against a sandbox (tutorial host names mapped to its ports) or any cluster.
 */
export async function startWorker(request: WorkerRequest): Promise<StartedConnectWorker> {
  let bootstrapServers = request.bootstrapServers;
  let forwardUrl = request.forwardUrl;
  let endpoints;
  if (!bootstrapServers) {
    const sandbox = await attachSandbox(request.name ?? 'default');
    endpoints = sandbox.endpoints;
    bootstrapServers = endpoints.bootstrapServers;
    forwardUrl ??= endpoints.connectWorkerUrl ?? endpoints.connectUrl;
  }
  const port = request.port ?? 8083;
  // Never forward to ourselves.
  if (forwardUrl && new URL(forwardUrl).port === String(port)) forwardUrl = undefined;
  try {
    return await startConnectWorker({
      bootstrapServers,
      port,
      forwardUrl,
      pluginModules: [generatorConnectorModule()],
      ...(endpoints ? { endpoints } : {}),
      ...(request.fileDirectory ? { fileDirectory: request.fileDirectory } : {}),
      ...(request.pluginPaths ? { pluginPaths: request.pluginPaths } : {}),
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') throw new StackError(`port ${port} is in use`, { hint: 'Pass --port with a free port (or 0 for any).' });
    throw error;
  }
}
