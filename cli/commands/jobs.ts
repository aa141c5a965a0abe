import { ConfigError, InterruptedError, StackError } from '../../runtime/core/errors.js';
import { registerCodecs } from '../../generators/runner/codecs.js';
import { parseDuration } from '../../runtime/streams/duration.js';
import { describeOptions, parseJobOptions } from '../../runtime/streams/job-definition.js';
import { builtinJobs } from '../../runtime/streams/job-registry.js';
import { runJob, type Guarantee, type JobEvent } from '../../runtime/streams/kafka-job-runner.js';
import { readSandboxState } from '../../stacks/sandbox-state.js';
import { didYouMean } from '../../stacks/stack-file.js';

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

const n = (value: number) => value.toLocaleString('en-US');

/**
 * `kafka-sandbox jobs start NAME [options]`: runs a job in the foreground until Ctrl-C, which
 * commits the batch in flight and exits 130. Invalid options are a ConfigError (exit code 2).
 */
export async function jobsStart(jobName: string, options: JobsStartCliOptions, rest: readonly string[]): Promise<void> {
  const registry = builtinJobs();
  const job = registry.get(jobName);
  if (!job) throw new ConfigError(`unknown job "${jobName}"${didYouMean(jobName, registry.names())}`, { hint: `Jobs: ${registry.names().join(', ')}.` });
  const values = parseJobOptions(job, parseJobArgs(rest), didYouMean);
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

  let bootstrapServers = options.bootstrapServer;
  let postgresUrl = options.postgresUrl;
  if (!bootstrapServers) {
    const state = await readSandboxState(options.name);
    if (!state) throw new StackError(`no sandbox named "${options.name}" is running`, { hint: 'Start one with `kafka-sandbox up --detach`, or pass --bootstrap-server (and --postgres-url).' });
    bootstrapServers = state.endpoints.bootstrapServers;
    postgresUrl ??= state.endpoints.postgresUrl;
  }

  registerCodecs();
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping: committing the batch in flight (Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    await runJob({
      job,
      options: values,
      bootstrapServers,
      ...(postgresUrl ? { postgresUrl } : {}),
      guarantee: options.guarantee as Guarantee,
      ...(options.applicationId ? { applicationId: options.applicationId } : {}),
      ...(options.dlqTopic ? { dlqTopic: options.dlqTopic } : {}),
      ...(options.lateTopic ? { lateTopic: options.lateTopic } : {}),
      ...(maxBatch ? { maxBatch } : {}),
      ...(idleMs ? { idleMs } : {}),
      ...(tableRefreshMs ? { tableRefreshMs } : {}),
      signal: controller.signal,
      onEvent: (event) => console.log(formatEvent(job.name, event)),
    });
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  if (controller.signal.aborted) throw new InterruptedError(`job ${job.name} stopped; state and offsets are committed`);
}

function formatEvent(name: string, event: JobEvent): string {
  switch (event.kind) {
    case 'ready': {
      const tables = Object.entries(event.tables).map(([t, rows]) => `${t} ${n(rows)} rows`).join(', ');
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
      const extra = Object.entries(rest).map(([k, v]) => `${k} ${n(v)}`).join(', ');
      const watermark = Number.isFinite(event.watermark) ? new Date(event.watermark).toISOString() : '-';
      return `progress    in ${n(input)}, out ${n(output)}, late ${n(late)}, dlq ${n(dlq)}, lag ${n(lag)}, state ${n(event.stateSize)}, watermark ${watermark}${extra ? `, ${extra}` : ''}`;
    }
    case 'stopped':
      return `stopped     in ${n(event.metrics.input)}, out ${n(event.metrics.output)}, late ${n(event.metrics.late)}, dlq ${n(event.metrics.dlq)}`;
  }
}

/** `kafka-sandbox jobs list`: the jobs and their options. */
export async function jobsList(options: { json?: boolean }): Promise<void> {
  const jobs = builtinJobs().all();
  if (options.json) {
    console.log(JSON.stringify(jobs.map((j) => ({ name: j.name, description: j.description, options: j.options })), null, 2));
    return;
  }
  for (const job of jobs) {
    console.log(`${job.name}\n  ${job.description}`);
    for (const line of describeOptions(job)) console.log(`    ${line}`);
  }
}
