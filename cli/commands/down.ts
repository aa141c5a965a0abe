import { stopSandboxByName, type StopReport } from '../../app/stop-sandbox.js';
import { sandboxNames } from '../../stacks/docker-resources.js';

/** `kafka-sandbox down`: the sandbox's one teardown (jobs, bundled worker, containers, network, volumes), for one sandbox or all. */
export async function down(options: { name: string; all?: boolean; json?: boolean }): Promise<void> {
  const names = options.all ? await sandboxNames() : [options.name];
  const reports: StopReport[] = [];
  for (const name of names) {
    const report = await stopSandboxByName(name);
    reports.push(report);
    if (options.json) continue;
    for (const job of report.jobs) console.log(`sandbox ${name}: job ${job.applicationId} ${job.outcome}`);
    console.log(`sandbox ${name}: removed ${report.containers} containers, ${report.networks} networks, ${report.volumes} volumes`);
  }
  if (options.json) console.log(JSON.stringify(reports, null, 2));
  else if (names.length === 0) console.log('no sandbox is running');
}
