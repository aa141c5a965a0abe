import { ConfigError } from '../../runtime/core/errors.js';
import { spawnDetachedJob } from './job-process.js';
import { jobLogFile, readJobState, refuseIfRunning, type JobState } from './job-state.js';
import type { PreparedJobStart } from './job-start.js';

/** A job running in a background process that outlives this one (`jobs start --detach`). */
export interface DetachedJob {
  readonly applicationId: string;
  readonly job: string;
  readonly pid: number;
  /** Where its output goes: `<state dir>/jobs/<application-id>.log`. */
  readonly logFile: string;
  /** Its state file as of ready. */
  readonly state: JobState;
}

/** How the background process finds the sandbox: by name, or by bootstrap servers (and Postgres URL). */
export interface DetachedTarget {
  sandbox?: string;
  bootstrapServers: string;
  /** Passed on the command line (visible to `ps`) only when it is not the sandbox's own. */
  postgresUrl?: string;
  readyTimeoutMs?: number;
}

/**
 * Starts a built-in job in a background process (`kafka-sandbox jobs start ...` without --detach,
 * which runs it through the handle) and returns once it is ready. Refuses an application id that
 * runs; a failure before ready is thrown with the last error line of its log and its exit code.
 */
export async function startDetached(prepared: PreparedJobStart, target: DetachedTarget): Promise<DetachedJob> {
  const { applicationId } = prepared;
  if (!prepared.builtin) {
    throw new ConfigError(`job ${prepared.job.name} is not a built-in job: a detached process can only run jobs it finds by name`, {
      hint: 'Run your own JobDefinition in-process (`sandbox.jobs.start(job, options)` without detach).',
    });
  }
  refuseIfRunning(await readJobState(applicationId));
  const flags: Array<[string, string | number | undefined]> = [
    target.sandbox !== undefined ? ['--name', target.sandbox] : ['--bootstrap-server', target.bootstrapServers],
    ['--postgres-url', target.postgresUrl],
    ['--guarantee', prepared.guarantee],
    ['--application-id', applicationId],
    ['--dlq-topic', prepared.dlqTopic],
    ['--late-topic', prepared.lateTopic],
    ['--max-batch', prepared.maxBatch],
    ['--idle-timeout', prepared.idleMs === undefined ? undefined : `${prepared.idleMs}ms`],
    ['--table-refresh', prepared.tableRefreshMs === undefined ? undefined : `${prepared.tableRefreshMs}ms`],
  ];
  const args = [
    prepared.job.name,
    ...flags.flatMap(([flag, value]) => (value === undefined ? [] : [flag, String(value)])),
    // `--name=value` for a value that looks like a flag itself.
    ...Object.entries(prepared.rawOptions).flatMap(([name, value]) => (value.startsWith('-') ? [`--${name}=${value}`] : [`--${name}`, value])),
  ];
  const logFile = jobLogFile(applicationId);
  const state = await spawnDetachedJob(args, applicationId, logFile, target.readyTimeoutMs === undefined ? {} : { timeoutMs: target.readyTimeoutMs });
  return { applicationId, job: prepared.job.name, pid: state.pid, logFile, state };
}
