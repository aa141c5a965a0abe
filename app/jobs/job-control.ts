import { ConfigError } from '../../runtime/core/errors.js';
import type { JobOptionSpec } from '../../runtime/streams/job-definition.js';
import { builtinJobs } from '../../runtime/streams/job-registry.js';
import { runningInProcess } from './in-process-job.js';
import { stopJob, type StopOutcome } from './job-process.js';
import { isJobRunning, jobsOfSandbox, listJobStates, type JobState } from './job-state.js';

/** A recorded job and whether its process is alive: what `jobs status --json` prints. */
export type JobStatus = JobState & { running: boolean };

/** A built-in job, its options, and the application ids that run it. */
export interface JobListing {
  name: string;
  description: string;
  options: Readonly<Record<string, JobOptionSpec>>;
  running: Array<{ applicationId: string; pid: number; sandbox?: string; detached: boolean }>;
}

/** How `stop` went for one job. */
export interface JobStopResult {
  applicationId: string;
  outcome: StopOutcome;
}

/** Which recorded jobs a caller sees: all, or those of one sandbox (by name, else by bootstrap servers). */
export interface JobScope {
  sandbox?: string;
  bootstrapServers?: string;
}

function inScope(states: readonly JobState[], scope: JobScope | undefined): JobState[] {
  if (!scope) return [...states];
  if (scope.sandbox !== undefined) return jobsOfSandbox(states, scope.sandbox, scope.bootstrapServers);
  return states.filter((s) => s.bootstrapServers === scope.bootstrapServers);
}

/** The recorded jobs (of a scope), running or not, by application id. */
export async function jobStatuses(scope?: JobScope): Promise<JobStatus[]> {
  return inScope(await listJobStates(), scope).map((s) => ({ ...s, running: isJobRunning(s) }));
}

/** One recorded job, or a ConfigError (exit 2) naming the recorded ones. */
export async function jobStatus(applicationId: string, scope?: JobScope): Promise<JobStatus> {
  const all = await jobStatuses(scope);
  const found = all.find((s) => s.applicationId === applicationId);
  if (!found) throw unknownApplication(applicationId, all);
  return found;
}

/** The built-in jobs with their options and which application ids (of a scope) run each. */
export async function jobListings(scope?: JobScope): Promise<JobListing[]> {
  const running = (await jobStatuses(scope)).filter((s) => s.running);
  return builtinJobs()
    .all()
    .map((job) => ({
      name: job.name,
      description: job.description,
      options: job.options,
      running: running.filter((s) => s.job === job.name).map((s) => ({ applicationId: s.applicationId, pid: s.pid, ...(s.sandbox !== undefined ? { sandbox: s.sandbox } : {}), detached: s.detached })),
    }));
}

/**
 * Stops recorded jobs: one in this process through its handle (the batch in flight is committed),
 * another process with SIGTERM (it commits the batch in flight and exits), SIGKILL after `timeoutMs`;
 * then its state file goes. A job whose process is gone just loses its file. An application id not
 * recorded is a ConfigError.
 */
export async function stopJobs(target: string | { all: true }, options: { timeoutMs?: number; scope?: JobScope } = {}): Promise<JobStopResult[]> {
  const all = await jobStatuses(options.scope);
  const targets = typeof target === 'string' ? all.filter((s) => s.applicationId === target) : all;
  if (typeof target === 'string' && targets.length === 0) throw unknownApplication(target, all);
  const results: JobStopResult[] = [];
  for (const state of targets) results.push({ applicationId: state.applicationId, outcome: await stopOne(state, options.timeoutMs ?? 30_000) });
  return results;
}

async function stopOne(state: JobState, timeoutMs: number): Promise<StopOutcome> {
  const here = state.pid === process.pid ? runningInProcess(state.applicationId) : undefined;
  if (here) {
    await here.stop();
    return 'stopped';
  }
  return stopJob(state, { timeoutMs });
}

/** Stops every job of a sandbox (started with its name, or with its bootstrap servers): for its teardown. */
export async function stopOfSandbox(name: string, bootstrapServers?: string, options: { timeoutMs?: number } = {}): Promise<JobStopResult[]> {
  return stopJobs({ all: true }, { ...options, scope: { sandbox: name, ...(bootstrapServers !== undefined ? { bootstrapServers } : {}) } });
}

function unknownApplication(app: string, known: readonly JobStatus[]): ConfigError {
  return new ConfigError(`no job with application id "${app}" is recorded`, {
    hint: known.length ? `Recorded: ${known.map((s) => s.applicationId).join(', ')}.` : 'No job is running: start one with `kafka-sandbox jobs start NAME --detach`.',
  });
}
