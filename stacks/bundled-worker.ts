import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnDetachedConnectWorker } from '../runtime/worker/index.js';
import { sandboxStateFile, stateDir, type Endpoints } from './sandbox-state.js';
import { stopProcess } from './stop-process.js';

/**
 * Starts kafka-sandbox's own Connect worker (runtime/worker) as a detached process, so it keeps
 * running with `up --detach`. It answers Connect's REST API on `port` (the stack's Connect URL),
 * reaches tutorial hostnames (postgres:5432, broker-1:9092, ...) through the published ports, and
 * forwards connector classes it does not implement (Debezium, ...) to the real worker. It exits by
 * itself once the sandbox is gone (its state file removed, or no broker answering for a minute),
 * so a SIGKILLed `up` or containers removed by hand leave no orphan worker.
 */
export async function startBundledWorker(
  sandboxName: string,
  endpoints: Endpoints,
  port: number,
  replicationFactor: number,
  pluginPaths: string[] = [],
  /** Built-in plugin modules the caller hands over (app/ passes the generators' datagen source). */
  pluginModules: string[] = [],
): Promise<{ pid: number; url: string; logFile: string }> {
  const logFile = join(stateDir(), `${sandboxName}-connect-worker.log`);
  await mkdir(stateDir(), { recursive: true });
  const started = await spawnDetachedConnectWorker(
    {
      bootstrapServers: endpoints.bootstrapServers,
      endpoints,
      port,
      ...(endpoints.connectWorkerUrl ? { forwardUrl: endpoints.connectWorkerUrl } : {}),
      replicationFactor,
      pluginModules,
      // Exit with the sandbox when `up` was killed before `down` could stop us, or the containers were removed.
      lifeline: { stateFile: sandboxStateFile(sandboxName) },
      fileDirectory: connectFileDirectory(sandboxName),
      ...(pluginPaths.length > 0 ? { pluginPaths } : {}),
    },
    logFile,
  );
  return { ...started, logFile };
}

/** The folder the bundled worker's file connectors are confined to: a `file` of `/tmp/input.txt` means `<this>/tmp/input.txt`. */
export function connectFileDirectory(sandboxName: string): string {
  return join(stateDir(), `${sandboxName}-connect-files`);
}

/** Stops the bundled worker (SIGTERM lets sinks commit); a process already gone is fine. */
export async function stopBundledWorker(pid: number | undefined, timeoutMs = 15_000): Promise<void> {
  if (pid) await stopProcess(pid, timeoutMs, isAlive);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
