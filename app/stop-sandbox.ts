import { removeSandboxResources, type RemovalReport } from '../stacks/docker-resources.js';
import { stopBundledWorker } from '../stacks/bundled-worker.js';
import { readSandboxState, removeSandboxState } from '../stacks/sandbox-state.js';
import { stopOfSandbox } from './jobs/job-control.js';
import type { SandboxEventStream } from './sandbox-events.js';

export interface StopReport extends RemovalReport {
  sandbox: string;
  /** Detached jobs of the sandbox that were stopped, with how each ended. */
  jobs: { applicationId: string; outcome: string }[];
}

/**
 * The one teardown of a sandbox, used by `up` (q, Ctrl-C, a failed start), `down` and the handle's
 * `stop()`: its detached stream jobs (SIGTERM, then SIGKILL), the bundled Connect worker, every
 * container, network and volume (twice: a container created while the first pass ran is caught by
 * the second), then its state file. Idempotent; a part already gone is fine.
 */
export async function stopSandboxByName(name: string, events?: SandboxEventStream): Promise<StopReport> {
  events?.emit({ kind: 'stopping', sandbox: name });
  const state = await readSandboxState(name);
  const jobs: StopReport['jobs'] = await stopOfSandbox(name, state?.endpoints.bootstrapServers);
  await stopBundledWorker(state?.connectWorkerPid);
  const first = await removeSandboxResources(name);
  const second = await removeSandboxResources(name);
  await removeSandboxState(name);
  const report: StopReport = {
    sandbox: name,
    containers: first.containers + second.containers,
    networks: first.networks + second.networks,
    volumes: first.volumes + second.volumes,
    jobs,
  };
  events?.emit({ kind: 'stopped', sandbox: name, containers: report.containers, networks: report.networks, volumes: report.volumes, jobs: jobs.length });
  return report;
}
