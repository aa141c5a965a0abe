/**
 * Process entry of a detached worker: `node worker-main.js '<ConnectWorkerOptions as JSON>'`.
 * Stops cleanly on SIGTERM/SIGINT (sinks commit what they wrote); prints `listening <url>` once up.
 */
import { startConnectWorker, type ConnectWorkerOptions } from './start-connect-worker.js';

const options = JSON.parse(process.argv[2] ?? '{}') as ConnectWorkerOptions;
const worker = await startConnectWorker(options);
process.stdout.write(`listening ${worker.url}\n`);
const stop = async () => {
  await worker.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
