import { ConfigError } from '../../runtime/core/errors.js';
import { didYouMean } from '../../runtime/core/did-you-mean.js';
import { parseJobOptions, type JobDefinition, type JobOptionValues } from '../../runtime/streams/job-definition.js';
import { builtinJobs } from '../../runtime/streams/job-registry.js';
import type { Guarantee, RunJobRequest } from '../../runtime/streams/kafka-job-runner.js';

/** A job's own options (`gap`, `threshold`, `source`, ...): text as typed after the job name, or numbers (durations in ms). */
export type JobOptionsInput = Readonly<Record<string, string | number>>;

/** How a job runs, wherever it runs. Everything is optional; the defaults are the job runner's. */
export interface StartJobOptions {
  /** Consumer group, transactional id and internal topic prefix (default: the job name). */
  applicationId?: string;
  /** Default exactly-once. */
  guarantee?: Guarantee;
  /** Where malformed records go (default `<application-id>-dlq`). */
  dlqTopic?: string;
  /** Where records too late for their window go (default `<application-id>-late`). */
  lateTopic?: string;
  /** Most records per transaction (default 5000). */
  maxBatch?: number;
  /** A partition silent this long stops holding the watermark back (default 5 s). */
  idleMs?: number;
  /** How often join tables are reloaded (default 30 s). */
  tableRefreshMs?: number;
}

/** A validated start: the job, its option values (and their text, for a detached process), and how it runs. */
export interface PreparedJobStart extends Required<Pick<StartJobOptions, 'applicationId' | 'guarantee'>>, Omit<StartJobOptions, 'applicationId' | 'guarantee'> {
  job: JobDefinition;
  values: JobOptionValues;
  /** The job's options as text (`--name value` pairs of `jobs start`). */
  rawOptions: Record<string, string>;
  /** True for a job of the built-in registry (only those can run in a detached process). */
  builtin: boolean;
}

const GUARANTEES: readonly Guarantee[] = ['exactly-once', 'at-least-once'];

/**
 * Finds the job (a built-in name, or your own `JobDefinition`) and validates its options and the
 * start options, reporting every problem at once as a ConfigError (exit code 2). Touches nothing.
 */
export function prepareJobStart(job: string | JobDefinition, options: JobOptionsInput = {}, start: StartJobOptions = {}): PreparedJobStart {
  const registry = builtinJobs();
  let definition: JobDefinition;
  if (typeof job === 'string') {
    const found = registry.get(job);
    if (!found) throw new ConfigError(`unknown job "${job}"${didYouMean(job, registry.names())}`, { hint: `Jobs: ${registry.names().join(', ')}.` });
    definition = found;
  } else definition = job;
  const rawOptions = Object.fromEntries(
    Object.entries(options).map(([name, value]) => [name, typeof value === 'number' && definition.options[name]?.type === 'duration' ? `${value}ms` : String(value)]),
  );
  const values = parseJobOptions(definition, rawOptions, didYouMean);

  const problems: string[] = [];
  const guarantee = start.guarantee ?? 'exactly-once';
  if (!GUARANTEES.includes(guarantee)) problems.push(`guarantee must be exactly-once or at-least-once, got "${String(guarantee)}"`);
  if (start.maxBatch !== undefined && (!Number.isSafeInteger(start.maxBatch) || start.maxBatch < 1)) problems.push(`maxBatch must be a whole number >= 1, got ${start.maxBatch}`);
  for (const key of ['idleMs', 'tableRefreshMs'] as const) {
    const ms = start[key];
    if (ms !== undefined && (!Number.isFinite(ms) || ms <= 0)) problems.push(`${key} must be a duration > 0 in milliseconds, got ${ms}`);
  }
  const applicationId = start.applicationId ?? definition.name;
  if (!/^[a-zA-Z0-9._-]{1,200}$/.test(applicationId)) problems.push(`applicationId must be letters, digits, . _ - (it prefixes topic names), got "${applicationId}"`);
  if (problems.length > 0) throw new ConfigError(problems.length === 1 ? problems[0]! : `${problems.length} problems with the start options`, { problems: problems.length === 1 ? [] : problems });

  return {
    job: definition,
    values,
    rawOptions,
    builtin: registry.get(definition.name) === definition,
    applicationId,
    guarantee,
    ...(start.dlqTopic !== undefined ? { dlqTopic: start.dlqTopic } : {}),
    ...(start.lateTopic !== undefined ? { lateTopic: start.lateTopic } : {}),
    ...(start.maxBatch !== undefined ? { maxBatch: start.maxBatch } : {}),
    ...(start.idleMs !== undefined ? { idleMs: start.idleMs } : {}),
    ...(start.tableRefreshMs !== undefined ? { tableRefreshMs: start.tableRefreshMs } : {}),
  };
}

/** The RunJobRequest fields of a prepared start (without where it runs). */
export function runRequestOf(prepared: PreparedJobStart): Pick<RunJobRequest, 'job' | 'options' | 'applicationId' | 'guarantee' | 'dlqTopic' | 'lateTopic' | 'maxBatch' | 'idleMs' | 'tableRefreshMs'> {
  const { job, values, rawOptions: _raw, builtin: _builtin, ...rest } = prepared;
  return { job, options: values, ...rest };
}
