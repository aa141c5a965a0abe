import { removeSandboxResources, sandboxNames } from '../../stacks/docker-resources.js';
import { readSandboxState, removeSandboxState } from '../../stacks/sandbox-state.js';
import { stopBundledWorker } from '../../stacks/bundled-worker.js';
import { stopJob } from '../../stacks/job-process.js';
import { jobsOfSandbox, listJobStates } from '../../stacks/job-state.js';

/** `kafka-sandbox down`: stops the sandbox's jobs, removes every container, network and volume of it (or of all). */
export async function down(options: { name: string; all?: boolean }): Promise<void> {
  const names = options.all ? await sandboxNames() : [options.name];
  for (const name of names) {
    const state = await readSandboxState(name);
    for (const job of jobsOfSandbox(await listJobStates(), name, state?.endpoints.bootstrapServers)) {
      console.log(`sandbox ${name}: job ${job.applicationId} ${await stopJob(job)}`);
    }
    await stopBundledWorker(state?.connectWorkerPid);
    const removed = await removeSandboxResources(name);
    await removeSandboxState(name);
    console.log(`sandbox ${name}: removed ${removed.containers} containers, ${removed.networks} networks, ${removed.volumes} volumes`);
  }
  if (names.length === 0) console.log('no sandbox is running');
}
