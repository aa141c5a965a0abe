import type { JobDefinition } from '../../runtime/streams/job-definition.js';
import type { RunJobRequest } from '../../runtime/streams/kafka-job-runner.js';
import type { SandboxContext } from '../sandbox-context.js';
import { startDetached, type DetachedJob } from './detached-job.js';
import { startInProcess, type RunningJob } from './in-process-job.js';
import { jobListings, jobStatus, jobStatuses, stopJobs, type JobListing, type JobScope, type JobStatus, type JobStopResult } from './job-control.js';
import { prepareJobStart, type JobOptionsInput, type StartJobOptions } from './job-start.js';

/** `start` in this process: tracked by the handle, stopped (batch in flight committed) by `stop()`/`detach()`. */
export interface InProcessStartOptions extends StartJobOptions {
  detach?: false;
  /** Processing time for the job (tests); default the system clock. */
  clock?: RunJobRequest['clock'];
  /**
   * Set by the detached job process itself (`jobs start` run by `--detach`): the job is recorded as
   * detached, logging to this file, and a failure keeps its state file with the error.
   */
  logFile?: string;
}

/** `start` in a background process that outlives this one (built-in jobs only). */
export interface DetachedStartOptions extends StartJobOptions {
  detach: true;
  /** How long to wait for the job to be ready (default 180 s). */
  readyTimeoutMs?: number;
}

/**
 * The handle's stream jobs. A job runs in this process (`start(job, options)`: a `RunningJob`
 * with `stop()` and `done`, its events on `sandbox.events` as `job` and `job-failed`) or detached
 * in a background process (`{ detach: true }`: returns once ready). Either way it is recorded in
 * `<state dir>/jobs/<application-id>.json`, which `status`, `stop`, `jobs status` and `down` read;
 * a second start of an application id that runs is refused (ConfigError). `list`, `status` and
 * `stop({ all: true })` see this sandbox's jobs (started with its name, or its bootstrap servers).
 */
export class SandboxJobs {
  constructor(private readonly ctx: SandboxContext) {}

  /** The built-in jobs with their options, and which application ids run each on this sandbox. */
  list(): Promise<JobListing[]> {
    return jobListings(this.scope());
  }

  /**
   * Starts `job` (a built-in name, or your own `JobDefinition` in-process) with its own options
   * (`{ gap: '10m' }`). Invalid options are a ConfigError listing every problem. In-process: resolves
   * once the job is recorded; `ready` and `done` follow. Detached: resolves once the job is ready.
   */
  start(job: string | JobDefinition, options: JobOptionsInput, start: DetachedStartOptions): Promise<DetachedJob>;
  start(job: string | JobDefinition, options?: JobOptionsInput, start?: InProcessStartOptions): Promise<RunningJob>;
  async start(job: string | JobDefinition, options: JobOptionsInput = {}, start: InProcessStartOptions | DetachedStartOptions = {}): Promise<RunningJob | DetachedJob> {
    const { detach: _detach, ...startOptions } = start;
    const prepared = prepareJobStart(job, options, startOptions);
    const { endpoints, name, state } = this.ctx;
    if (start.detach === true) {
      // The background process reads the sandbox's own Postgres URL itself: only another one goes on its command line.
      const ownPostgres = name !== undefined && state !== undefined && endpoints.postgresUrl === state.endpoints.postgresUrl;
      return startDetached(prepared, {
        ...(name !== undefined && state !== undefined && endpoints.bootstrapServers === state.endpoints.bootstrapServers ? { sandbox: name } : {}),
        bootstrapServers: endpoints.bootstrapServers,
        ...(endpoints.postgresUrl && !ownPostgres ? { postgresUrl: endpoints.postgresUrl } : {}),
        ...(start.readyTimeoutMs !== undefined ? { readyTimeoutMs: start.readyTimeoutMs } : {}),
      });
    }
    const running = await startInProcess(prepared, {
      bootstrapServers: endpoints.bootstrapServers,
      ...(endpoints.postgresUrl ? { postgresUrl: endpoints.postgresUrl } : {}),
      ...(name !== undefined ? { sandbox: name } : {}),
      events: this.ctx.events,
      ...(start.logFile !== undefined ? { logFile: start.logFile } : {}),
      ...(start.clock !== undefined ? { clock: start.clock } : {}),
    });
    const untrack = this.ctx.track({ close: () => running.stop() });
    void running.done.then(untrack, untrack);
    return running;
  }

  /** This sandbox's recorded jobs, running or not, with their latest figures. */
  status(): Promise<JobStatus[]>;
  /** One recorded job of this sandbox; a ConfigError when none has that application id. */
  status(applicationId: string): Promise<JobStatus>;
  status(applicationId?: string): Promise<JobStatus[] | JobStatus> {
    return applicationId === undefined ? jobStatuses(this.scope()) : jobStatus(applicationId, this.scope());
  }

  /**
   * Stops one job or all of this sandbox's: in this process through its `RunningJob`, in another
   * with SIGTERM (the batch in flight is committed), SIGKILL after `timeoutMs` (30 s); the state
   * file goes. A job whose process is gone just loses its file.
   */
  stop(target: string | { all: true }, options: { timeoutMs?: number } = {}): Promise<JobStopResult[]> {
    return stopJobs(target, { ...options, scope: this.scope() });
  }

  private scope(): JobScope {
    return { ...(this.ctx.name !== undefined ? { sandbox: this.ctx.name } : {}), bootstrapServers: this.ctx.endpoints.bootstrapServers };
  }
}
