/**
 * Process entry of a detached worker: `node worker-main.js '<ConnectWorkerOptions as JSON>'`.
 * Stops cleanly on SIGTERM/SIGINT (sinks commit what they wrote), and by itself when its
 * `lifeline` is cut (the sandbox is gone); prints `listening <url>` once up.
 */
import { SandboxError } from '../core/errors.js';
import { watchLifeline } from './lifeline.js';
import { startConnectWorker, type ConnectWorkerOptions, type StartedConnectWorker } from './start-connect-worker.js';

const options = JSON.parse(process.argv[2] ?? '{}') as ConnectWorkerOptions;
let worker: StartedConnectWorker;
try {
  worker = await startConnectWorker(options);
} catch (error) {
  // A user mistake (a plugin that does not load, ...) without a stack trace; a bug with one.
  if (!(error instanceof SandboxError)) throw error;
  process.stderr.write(`error: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
  process.exit(error.exitCode);
}
process.stdout.write(`listening ${worker.url}\n`);
const stop = async () => {
  await worker.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
if (options.lifeline) {
  const info = (message: string) => process.stderr.write(`[connect info] ${message}\n`);
  watchLifeline(options.bootstrapServers.split(','), options.lifeline, (reason) => {
    info(`the sandbox is gone (${reason}); stopping`);
    void stop();
  }, info);
}
