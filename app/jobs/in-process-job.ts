import { ConfigError } from '../../runtime/core/errors.js';
import type { JobMetrics } from '../../runtime/streams/job-task.js';
import { runJob, type Guarantee, type JobEvent, type RunJobRequest } from '../../runtime/streams/kafka-job-runner.js';
import type { SandboxEventStream } from '../sandbox-events.js';
import { claimJobState, figuresOf, processStartOf, removeJobState, writeJobState, type JobState } from './job-state.js';
import { runRequestOf, type PreparedJobStart } from './job-start.js';

export type JobReadyEvent = Extract<JobEvent, { kind: 'ready' }>;

/** A job running in this process, started by `sandbox.jobs.start(...)` without `detach`. */
export interface RunningJob {
  readonly applicationId: string;
  /** The job's name (`enrich-clickstream`, ...). */
  readonly job: string;
  readonly guarantee: Guarantee;
  /** Resolves once the job is ready (state restored, consuming, recorded as running); rejects when it fails before. */
  readonly ready: Promise<JobReadyEvent>;
  /** Resolves with the final totals once the job stopped; rejects with its error (also a `job-failed` event). */
  readonly done: Promise<JobMetrics>;
  /** True once `stop()` was called. */
  readonly stopping: boolean;
  /** Stops the job cleanly (the batch in flight is committed) and waits for it; never throws. Idempotent. */
  stop(): Promise<void>;
}

/** Where an in-process job runs and reports. */
export interface InProcessTarget {
  bootstrapServers: string;
  postgresUrl?: string;
  /** Recorded in the state file; `down --name` and `sandbox.stop()` stop the sandbox's jobs. */
  sandbox?: string;
  events: SandboxEventStream;
  /** Set by the detached job process: the job is recorded as detached, logging there; a failure keeps its state file. */
  logFile?: string;
  clock?: RunJobRequest['clock'];
}

/** Application ids running in this process: a second start of one is refused (it would fence the first). */
const runningHere = new Map<string, RunningJob>();
const claiming = new Set<string>();

/** The in-process job of this process that runs `applicationId`, if any. */
export function runningInProcess(applicationId: string): RunningJob | undefined {
  return runningHere.get(applicationId);
}

/**
 * Runs a prepared job in this process, keeping `<state dir>/jobs/<application id>.json` up to date
 * (so `jobs status` and `down` see it) and emitting its events as `job` / `job-failed` events.
 * Resolves once the state file is claimed: refuses (ConfigError) an application id that runs,
 * here or in another process.
 */
export async function startInProcess(prepared: PreparedJobStart, target: InProcessTarget): Promise<RunningJob> {
  const { applicationId, guarantee } = prepared;
  const name = prepared.job.name;
  if (runningHere.has(applicationId) || claiming.has(applicationId)) {
    throw new ConfigError(`application id "${applicationId}" is already running in this process (job ${runningHere.get(applicationId)?.job ?? name})`, {
      hint: 'Stop it first (`running.stop()`), or pass another applicationId.',
    });
  }
  const processStart = processStartOf(process.pid);
  let current: JobState = {
    applicationId,
    job: name,
    pid: process.pid,
    ...(processStart !== undefined ? { processStart } : {}),
    ...(target.sandbox !== undefined ? { sandbox: target.sandbox } : {}),
    bootstrapServers: target.bootstrapServers,
    guarantee,
    startedAt: new Date().toISOString(),
    detached: target.logFile !== undefined,
    ...(target.logFile !== undefined ? { logFile: target.logFile } : {}),
    phase: 'starting',
  };
  claiming.add(applicationId);
  try {
    await claimJobState(current);
  } finally {
    claiming.delete(applicationId);
  }

  let writes: Promise<void> = Promise.resolve();
  const record = (next: JobState) => {
    current = next;
    writes = writes.then(() => writeJobState(next)).catch(() => undefined);
  };
  const controller = new AbortController();
  let resolveReady!: (event: JobReadyEvent) => void;
  let rejectReady!: (error: unknown) => void;
  const ready = new Promise<JobReadyEvent>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => undefined);

  const done = (async () => {
    let failure: unknown;
    try {
      return await runJob({
        ...runRequestOf(prepared),
        bootstrapServers: target.bootstrapServers,
        ...(target.postgresUrl ? { postgresUrl: target.postgresUrl } : {}),
        ...(target.clock ? { clock: target.clock } : {}),
        signal: controller.signal,
        onEvent: (event) => {
          if (event.kind === 'ready') {
            record({ ...current, phase: 'running' });
            // Ready once the state file says so: `status()` right after agrees.
            void writes.then(() => resolveReady(event));
          }
          if (event.kind === 'metrics') record({ ...current, figures: figuresOf(event, Date.now()) });
          target.events.emit({ kind: 'job', applicationId, job: name, event });
        },
      });
    } catch (error) {
      failure = error;
      rejectReady(error);
      target.events.emit({ kind: 'job-failed', applicationId, job: name, message: (error as Error).message ?? String(error) });
      throw error;
    } finally {
      runningHere.delete(applicationId);
      await writes;
      // A detached job that failed keeps its file: `jobs status` shows the error and the log.
      if (failure !== undefined && target.logFile !== undefined) await writeJobState({ ...current, phase: 'failed', error: (failure as Error).message ?? String(failure) });
      else await removeJobState(applicationId, { pid: process.pid });
      rejectReady(new Error(`job ${name} stopped before it was ready`));
    }
  })();
  done.catch(() => undefined);

  const running: RunningJob = {
    applicationId,
    job: name,
    guarantee,
    ready,
    done,
    get stopping() {
      return controller.signal.aborted;
    },
    stop: async () => {
      controller.abort();
      await done.then(
        () => undefined,
        () => undefined,
      );
    },
  };
  runningHere.set(applicationId, running);
  return running;
}
