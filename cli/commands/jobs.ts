import { attachFromFlags } from '../../app/attach-sandbox.js';
import { DETACHED_LOG_ENV } from '../../app/jobs/job-process.js';
import { jobListings } from '../../app/jobs/job-control.js';
import { prepareJobStart, type StartJobOptions } from '../../app/jobs/job-start.js';
import { parseDuration } from '../../runtime/core/duration.js';
import { ConfigError, InterruptedError } from '../../runtime/core/errors.js';
import { describeOptions } from '../../runtime/streams/job-definition.js';
import { builtinJobs } from '../../runtime/streams/job-registry.js';
import type { Guarantee, JobEvent } from '../../runtime/streams/kafka-job-runner.js';

export interface JobsStartCliOptions {
  name: string;
  bootstrapServer?: string;
  postgresUrl?: string;
  guarantee: string;
  applicationId?: string;
  dlqTopic?: string;
  lateTopic?: string;
  maxBatch?: string;
  idleTimeout?: string;
  tableRefresh?: string;
  /** Run in a background process that outlives the CLI. */
  detach?: boolean;
}

/** `--key value` and `--key=value` pairs after the job name: the job's own options. */
export function parseJobArgs(args: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  const problems: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      problems.push(`unexpected argument "${arg}"`);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) raw[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1]!.startsWith('--')) raw[arg.slice(2)] = args[++i]!;
    else problems.push(`option ${arg} needs a value`);
  }
  if (problems.length > 0) throw new ConfigError(problems.join('; '), { hint: '`kafka-sandbox jobs list` shows every job and its options.' });
  return raw;
}

/** The start flags as typed, checked with the flags' names (exit code 2 listing every problem). */
export function parseStartFlags(options: JobsStartCliOptions): StartJobOptions {
  const problems: string[] = [];
  if (options.guarantee !== 'exactly-once' && options.guarantee !== 'at-least-once') problems.push(`--guarantee must be exactly-once or at-least-once, got "${options.guarantee}"`);
  const maxBatch = options.maxBatch === undefined ? undefined : Number(options.maxBatch);
  if (maxBatch !== undefined && (!Number.isSafeInteger(maxBatch) || maxBatch < 1)) problems.push(`--max-batch must be a whole number >= 1, got "${options.maxBatch}"`);
  const duration = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) problems.push(`${flag} must be a duration like 5s, got "${text}"`);
    return ms;
  };
  const idleMs = duration('--idle-timeout', options.idleTimeout);
  const tableRefreshMs = duration('--table-refresh', options.tableRefresh);
  if (problems.length > 0) throw new ConfigError(problems.length === 1 ? problems[0]! : `${problems.length} problems with the options`, { problems: problems.length === 1 ? [] : problems });
  return {
    guarantee: options.guarantee as Guarantee,
    ...(options.applicationId ? { applicationId: options.applicationId } : {}),
    ...(options.dlqTopic ? { dlqTopic: options.dlqTopic } : {}),
    ...(options.lateTopic ? { lateTopic: options.lateTopic } : {}),
    ...(maxBatch ? { maxBatch } : {}),
    ...(idleMs ? { idleMs } : {}),
    ...(tableRefreshMs ? { tableRefreshMs } : {}),
  };
}

const n = (value: number) => value.toLocaleString('en-US');
const rate = (perSecond: number) => `${perSecond.toLocaleString('en-US', { maximumFractionDigits: 1 })}/s`;

/**
 * `kafka-sandbox jobs start NAME [options]`: runs a job through the sandbox handle in the
 * foreground until Ctrl-C or SIGTERM, which commit the batch in flight (exit 130), or with
 * `--detach` in a background process (which runs this same command without --detach). Invalid
 * options are a ConfigError (exit code 2), checked before any sandbox is looked up; an
 * application id already running is refused.
 */
export async function jobsStart(jobName: string, options: JobsStartCliOptions, rest: readonly string[]): Promise<void> {
  const jobOptions = parseJobArgs(rest);
  const start = parseStartFlags(options);
  const prepared = prepareJobStart(jobName, jobOptions, start);
  const sandbox = await attachFromFlags({ name: options.name, bootstrapServer: options.bootstrapServer, postgresUrl: options.postgresUrl });
  try {
    if (options.detach) {
      const detached = await sandbox.jobs.start(jobName, jobOptions, { ...start, detach: true });
      const { state } = detached;
      console.log(
        [
          `job         ${prepared.job.name} (${state.guarantee}) runs in the background, pid ${state.pid}`,
          `app id      ${detached.applicationId}${state.sandbox ? `, sandbox ${state.sandbox}` : `, kafka ${state.bootstrapServers}`}`,
          `log         ${detached.logFile}`,
          `next        kafka-sandbox jobs status ${detached.applicationId}; kafka-sandbox jobs stop ${detached.applicationId}`,
        ].join('\n'),
      );
      return;
    }

    const logFile = process.env[DETACHED_LOG_ENV];
    const print = (line: string) =>
      console.log(
        logFile
          ? line
              .split('\n')
              .map((l) => `${new Date().toISOString()} ${l}`)
              .join('\n')
          : line,
      );
    const applicationId = prepared.applicationId;
    const unsubscribe = sandbox.events.on((event) => {
      if (event.kind === 'job' && event.applicationId === applicationId) print(formatJobEvent(event.job, event.event));
    });
    const running = await sandbox.jobs.start(jobName, jobOptions, { ...start, ...(logFile ? { logFile } : {}) });
    const onSignal = () => {
      if (running.stopping) process.exit(130);
      process.stderr.write('\nstopping: committing the batch in flight (Ctrl-C again to quit now)\n');
      void running.stop();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      await running.done;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      unsubscribe();
    }
    if (running.stopping) throw new InterruptedError(`job ${prepared.job.name} stopped; state and offsets are committed`);
  } finally {
    await sandbox.detach();
  }
}

/** The lines `jobs start` prints for one of the job's events. */
export function formatJobEvent(name: string, event: JobEvent): string {
  switch (event.kind) {
    case 'ready': {
      const tables = Object.entries(event.tables)
        .map(([t, rows]) => `${t} ${n(rows)} rows`)
        .join(', ');
      return [
        `job         ${name} (${event.guarantee}), group ${event.applicationId}`,
        `reads       ${event.sources.join(', ')}${tables ? `; tables ${tables}` : ''}`,
        `writes      ${event.sinks.join(', ')}`,
        `state       ${n(event.restoredEntries)} changelog entries restored`,
      ].join('\n');
    }
    case 'metrics': {
      const { input, output, late, dlq, ...rest } = event.metrics;
      const lag = Object.values(event.lag).reduce((a, b) => a + b, 0);
      const extra = Object.entries(rest)
        .map(([k, v]) => `${k} ${n(v)}`)
        .join(', ');
      const watermark = Number.isFinite(event.watermark) ? new Date(event.watermark).toISOString() : '-';
      return `progress    in ${n(input)} (${rate(event.inputRate)}), out ${n(output)} (${rate(event.outputRate)}), late ${n(late)}, dlq ${n(dlq)}, lag ${n(lag)}, state ${n(event.stateSize)}, watermark ${watermark}${extra ? `, ${extra}` : ''}`;
    }
    case 'stopped':
      return `stopped     in ${n(event.metrics.input)}, out ${n(event.metrics.output)}, late ${n(event.metrics.late)}, dlq ${n(event.metrics.dlq)}`;
  }
}

/** `kafka-sandbox jobs list`: the jobs and their options, and which application ids run each (of any sandbox, or of `--name`'s). */
export async function jobsList(options: { json?: boolean; name?: string }): Promise<void> {
  const jobs = options.name === undefined ? await jobListings() : await listOfSandbox(options.name);
  if (options.json) {
    console.log(JSON.stringify(jobs, null, 2));
    return;
  }
  const registry = builtinJobs();
  for (const job of jobs) {
    console.log(`${job.name}\n  ${job.description}`);
    for (const line of describeOptions(registry.get(job.name)!)) console.log(`    ${line}`);
    for (const s of job.running) console.log(`  running: ${s.applicationId} (pid ${s.pid}${s.detached ? ', detached' : ''})`);
  }
  const running = jobs.reduce((sum, job) => sum + job.running.length, 0);
  if (running === 0) console.log('\nno job is running; `kafka-sandbox jobs start NAME --detach` starts one in the background');
  else console.log(`\n${running} running; \`kafka-sandbox jobs status\` shows their figures`);
}

async function listOfSandbox(name: string) {
  const sandbox = await attachFromFlags({ name });
  try {
    return await sandbox.jobs.list();
  } finally {
    await sandbox.detach();
  }
}
