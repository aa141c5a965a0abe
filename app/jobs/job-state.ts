import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../runtime/core/errors.js';
import type { Guarantee, JobEvent } from '../../runtime/streams/kafka-job-runner.js';
import { stateDir } from '../../stacks/sandbox-state.js';

/** A job's latest figures, as of its last `metrics` event. */
export interface JobFigures {
  updatedAt: string;
  /** Records per second over the last interval. */
  inputRate: number;
  outputRate: number;
  input: number;
  output: number;
  late: number;
  dlq: number;
  /** Records behind the end of each input partition (`topic/partition`), as of its last batch. */
  lag: Record<string, number>;
  stateSize: number;
  /** ISO time, null until the job has seen event time. */
  watermark: string | null;
  /** The job's own counters (join misses, ...). */
  counters: Record<string, number>;
}

/** What a running job records in `<state dir>/jobs/<application id>.json` for `jobs status|stop` and `down`. */
export interface JobState {
  applicationId: string;
  job: string;
  pid: number;
  /**
   * When the process started (clock ticks since boot, from /proc/<pid>/stat), so a pid reused by
   * another process is not taken for the job. Absent where /proc is not (and in older files).
   */
  processStart?: string;
  /** The sandbox whose Kafka it reads, absent with --bootstrap-server. */
  sandbox?: string;
  bootstrapServers: string;
  guarantee: Guarantee;
  startedAt: string;
  detached: boolean;
  /** Where a detached job's output goes. */
  logFile?: string;
  /** `starting` until ready (state restored, consuming); `failed` when a detached job ended with an error. */
  phase: 'starting' | 'running' | 'failed';
  error?: string;
  figures?: JobFigures;
}

export const jobsDir = () => join(stateDir(), 'jobs');
const fileName = (applicationId: string) => encodeURIComponent(applicationId);
export const jobStateFile = (applicationId: string) => join(jobsDir(), `${fileName(applicationId)}.json`);
export const jobLogFile = (applicationId: string) => join(jobsDir(), `${fileName(applicationId)}.log`);

/** The figures of a `metrics` event, ready for the state file. */
export function figuresOf(event: Extract<JobEvent, { kind: 'metrics' }>, now: number): JobFigures {
  const { input, output, late, dlq, ...counters } = event.metrics;
  return {
    updatedAt: new Date(now).toISOString(),
    inputRate: Math.round(event.inputRate * 10) / 10,
    outputRate: Math.round(event.outputRate * 10) / 10,
    input,
    output,
    late,
    dlq,
    lag: { ...event.lag },
    stateSize: event.stateSize,
    watermark: Number.isFinite(event.watermark) ? new Date(event.watermark).toISOString() : null,
    counters,
  };
}

/**
 * True when `pid` is alive and, where /proc tells, still a kafka-sandbox `jobs start` process (not
 * an unrelated process that got the pid of one that died).
 */
export function isJobProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.includes('jobs') && args.includes('start');
  } catch {
    return true;
  }
}

/** The start time of process `pid` (clock ticks since boot), where /proc tells; undefined elsewhere. */
export function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state is field 3, starttime field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * True when the recorded job still runs: its process is alive and is the one that wrote the file
 * (same start time), or, for a file without a start time, still looks like a `jobs start` process.
 * A job run in-process by a library user (a test, a scenario) counts too.
 */
export function isJobRunning(state: Pick<JobState, 'pid' | 'processStart'>): boolean {
  if (state.processStart === undefined) return isJobProcess(state.pid);
  if (!isAlive(state.pid)) return false;
  const start = processStartOf(state.pid);
  return start === undefined || start === state.processStart;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function readJobState(applicationId: string): Promise<JobState | undefined> {
  try {
    return JSON.parse(await readFile(jobStateFile(applicationId), 'utf8')) as JobState;
  } catch {
    return undefined;
  }
}

/** Every recorded job, running or not, by application id. */
export async function listJobStates(): Promise<JobState[]> {
  let names: string[];
  try {
    names = await readdir(jobsDir());
  } catch {
    return [];
  }
  const states = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => readJobState(decodeURIComponent(n.slice(0, -5)))));
  return states.filter((s): s is JobState => s !== undefined).sort((a, b) => a.applicationId.localeCompare(b.applicationId));
}

/** Replaces the state file atomically (readers never see half a file). */
export async function writeJobState(state: JobState): Promise<void> {
  await mkdir(jobsDir(), { recursive: true });
  const file = jobStateFile(state.applicationId);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temporary, file);
}

/**
 * Records `state` for a starting job, refusing (ConfigError) when a live process already runs that
 * application id: a second instance would fence the first. A file left by a dead process is replaced.
 */
export async function claimJobState(state: JobState): Promise<void> {
  await mkdir(jobsDir(), { recursive: true });
  try {
    await writeFile(jobStateFile(state.applicationId), `${JSON.stringify(state, null, 2)}\n`, { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  refuseIfRunning(await readJobState(state.applicationId), state.pid);
  await writeJobState(state);
}

/** Throws the "already running" ConfigError when `existing` is a live job of another process. */
export function refuseIfRunning(existing: JobState | undefined, self: number = process.pid): void {
  if (!existing || existing.pid === self || !isJobRunning(existing)) return;
  throw new ConfigError(`application id "${existing.applicationId}" is already running (job ${existing.job}, pid ${existing.pid}, since ${existing.startedAt})`, {
    hint: `Stop it with \`kafka-sandbox jobs stop ${existing.applicationId}\`, or pass another --application-id.`,
  });
}

/** Removes a job's state file; with `pid`, only while it is still that process's. */
export async function removeJobState(applicationId: string, options: { pid?: number; logFile?: boolean } = {}): Promise<void> {
  if (options.pid !== undefined && (await readJobState(applicationId))?.pid !== options.pid) return;
  await rm(jobStateFile(applicationId), { force: true });
  if (options.logFile) await rm(jobLogFile(applicationId), { force: true });
}

/** The jobs that belong to a sandbox: started with its --name, or with its bootstrap servers. */
export function jobsOfSandbox(states: readonly JobState[], sandbox: string, bootstrapServers?: string): JobState[] {
  return states.filter((s) => s.sandbox === sandbox || (s.sandbox === undefined && bootstrapServers !== undefined && s.bootstrapServers === bootstrapServers));
}
