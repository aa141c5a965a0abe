import { removeSandboxResources, sandboxNames } from '../../stacks/docker-resources.js';
import { readSandboxState, removeSandboxState } from '../../stacks/sandbox-state.js';
import { stopBundledWorker } from '../../stacks/bundled-worker.js';

/** `kafka-sandbox down`: removes every container, network and volume of a sandbox (or of all). */
export async function down(options: { name: string; all?: boolean }): Promise<void> {
  const names = options.all ? await sandboxNames() : [options.name];
  for (const name of names) {
    await stopBundledWorker((await readSandboxState(name))?.connectWorkerPid);
    const removed = await removeSandboxResources(name);
    await removeSandboxState(name);
    console.log(`sandbox ${name}: removed ${removed.containers} containers, ${removed.networks} networks, ${removed.volumes} volumes`);
  }
  if (names.length === 0) console.log('no sandbox is running');
}
