import { ConfigError, InterruptedError, StackError } from '../../runtime/core/errors.js';
import { registerCodecs } from '../../runtime/kafka/codecs.js';
import { parseDuration } from '../../runtime/core/duration.js';
import { describeOptions, parseJobOptions, type JobDefinition, type JobOptionValues } from '../../runtime/streams/job-definition.js';
import { builtinJobs } from '../../runtime/streams/job-registry.js';
import { runJob, type Guarantee, type JobEvent, type RunJobRequest } from '../../runtime/streams/kafka-job-runner.js';
import { DETACHED_LOG_ENV, spawnDetachedJob } from '../../stacks/job-process.js';
import { claimJobState, figuresOf, isJobProcess, jobLogFile, listJobStates, readJobState, refuseIfRunning, removeJobState, writeJobState, type JobState } from '../../stacks/job-state.js';
import { readSandboxState } from '../../stacks/sandbox-state.js';
import { didYouMean } from '../../runtime/core/did-you-mean.js';

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

const n = (value: number) => value.toLocaleString('en-US');
const rate = (perSecond: number) => `${perSecond.toLocaleString('en-US', { maximumFractionDigits: 1 })}/s`;

/**
 * A validated `jobs start`: everything needed to run it here or in a detached process. Besides the
 * job, its option values and the sandbox, the RunJobRequest fields, each present only when given.
 */
interface PreparedStart extends Pick<RunJobRequest, 'bootstrapServers' | 'postgresUrl' | 'dlqTopic' | 'lateTopic' | 'maxBatch' | 'idleMs' | 'tableRefreshMs'> {
  job: JobDefinition;
  values: JobOptionValues;
  applicationId: string;
  sandbox?: string;
}

/**
 * `kafka-sandbox jobs start NAME [options]`: runs a job in the foreground until Ctrl-C or SIGTERM,
 * which commit the batch in flight (exit 130), or with `--detach` in a background process. Invalid
 * options are a ConfigError (exit code 2); an application id already running is refused.
 */
export async function jobsStart(jobName: string, options: JobsStartCliOptions, rest: readonly string[]): Promise<void> {
  const prepared = await prepareStart(jobName, options, rest);
  if (options.detach) await startDetached(prepared, jobName, options, rest);
  else await runHere(prepared, options.guarantee as Guarantee);
}

async function prepareStart(jobName: string, options: JobsStartCliOptions, rest: readonly string[]): Promise<PreparedStart> {
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
  let sandbox: string | undefined;
  if (!bootstrapServers) {
    const state = await readSandboxState(options.name);
    if (!state) throw new StackError(`no sandbox named "${options.name}" is running`, { hint: 'Start one with `kafka-sandbox up --detach`, or pass --bootstrap-server (and --postgres-url).' });
    bootstrapServers = state.endpoints.bootstrapServers;
    postgresUrl ??= state.endpoints.postgresUrl;
    sandbox = options.name;
  }
  return {
    job,
    values,
    applicationId: options.applicationId ?? job.name,
    bootstrapServers,
    ...(postgresUrl ? { postgresUrl } : {}),
    ...(sandbox ? { sandbox } : {}),
    ...(options.dlqTopic ? { dlqTopic: options.dlqTopic } : {}),
    ...(options.lateTopic ? { lateTopic: options.lateTopic } : {}),
    ...(maxBatch ? { maxBatch } : {}),
    ...(idleMs ? { idleMs } : {}),
    ...(tableRefreshMs ? { tableRefreshMs } : {}),
  };
}

/** Starts the same command without --detach in a background process; returns once the job is ready. */
async function startDetached(prepared: PreparedStart, jobName: string, options: JobsStartCliOptions, rest: readonly string[]): Promise<void> {
  const { applicationId } = prepared;
  refuseIfRunning(await readJobState(applicationId));
  const flags: Array<[string, string | undefined]> = [
    ['--name', options.name],
    ['--bootstrap-server', options.bootstrapServer],
    // Only when given: a URL on the command line shows its password to `ps`; the job reads the sandbox's itself.
    ['--postgres-url', options.postgresUrl],
    ['--guarantee', options.guarantee],
    ['--application-id', applicationId],
    ['--dlq-topic', options.dlqTopic],
    ['--late-topic', options.lateTopic],
    ['--max-batch', options.maxBatch],
    ['--idle-timeout', options.idleTimeout],
    ['--table-refresh', options.tableRefresh],
  ];
  const args = [jobName, ...flags.flatMap(([flag, value]) => (value === undefined ? [] : [flag, value])), ...rest];
  const logFile = jobLogFile(applicationId);
  const state = await spawnDetachedJob(args, applicationId, logFile);
  console.log(
    [
      `job         ${prepared.job.name} (${state.guarantee}) runs in the background, pid ${state.pid}`,
      `app id      ${applicationId}${state.sandbox ? `, sandbox ${state.sandbox}` : `, kafka ${state.bootstrapServers}`}`,
      `log         ${logFile}`,
      `next        kafka-sandbox jobs status ${applicationId}; kafka-sandbox jobs stop ${applicationId}`,
    ].join('\n'),
  );
}

/** Runs the job in this process, keeping its state file up to date with every event. */
async function runHere(prepared: PreparedStart, guarantee: Guarantee): Promise<void> {
  const { job, values, sandbox, ...connection } = prepared;
  const { applicationId } = connection;
  const logFile = process.env[DETACHED_LOG_ENV];
  let current: JobState = {
    applicationId,
    job: job.name,
    pid: process.pid,
    ...(sandbox ? { sandbox } : {}),
    bootstrapServers: connection.bootstrapServers,
    guarantee,
    startedAt: new Date().toISOString(),
    detached: logFile !== undefined,
    ...(logFile ? { logFile } : {}),
    phase: 'starting',
  };
  await claimJobState(current);
  let writes: Promise<void> = Promise.resolve();
  const record = (next: JobState) => {
    current = next;
    writes = writes.then(() => writeJobState(next)).catch(() => undefined);
  };
  const print = (line: string) => console.log(logFile ? line.split('\n').map((l) => `${new Date().toISOString()} ${l}`).join('\n') : line);

  registerCodecs();
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping: committing the batch in flight (Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  let failure: unknown;
  try {
    await runJob({
      job,
      options: values,
      ...connection,
      guarantee,
      signal: controller.signal,
      onEvent: (event) => {
        print(formatEvent(job.name, event));
        if (event.kind === 'ready') record({ ...current, phase: 'running' });
        if (event.kind === 'metrics') record({ ...current, figures: figuresOf(event, Date.now()) });
      },
    });
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await writes;
    // A detached job that failed keeps its file: `jobs status` shows the error and the log.
    if (failure !== undefined && logFile) await writeJobState({ ...current, phase: 'failed', error: (failure as Error).message ?? String(failure) });
    else await removeJobState(applicationId, { pid: process.pid });
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
      return `progress    in ${n(input)} (${rate(event.inputRate)}), out ${n(output)} (${rate(event.outputRate)}), late ${n(late)}, dlq ${n(dlq)}, lag ${n(lag)}, state ${n(event.stateSize)}, watermark ${watermark}${extra ? `, ${extra}` : ''}`;
    }
    case 'stopped':
      return `stopped     in ${n(event.metrics.input)}, out ${n(event.metrics.output)}, late ${n(event.metrics.late)}, dlq ${n(event.metrics.dlq)}`;
  }
}

/** `kafka-sandbox jobs list`: the jobs and their options, and which application ids run each. */
export async function jobsList(options: { json?: boolean }): Promise<void> {
  const jobs = builtinJobs().all();
  const running = (await listJobStates()).filter((s) => isJobProcess(s.pid));
  const instances = (name: string) => running.filter((s) => s.job === name);
  if (options.json) {
    console.log(
      JSON.stringify(
        jobs.map((j) => ({ name: j.name, description: j.description, options: j.options, running: instances(j.name).map((s) => ({ applicationId: s.applicationId, pid: s.pid, ...(s.sandbox ? { sandbox: s.sandbox } : {}) })) })),
        null,
        2,
      ),
    );
    return;
  }
  for (const job of jobs) {
    console.log(`${job.name}\n  ${job.description}`);
    for (const line of describeOptions(job)) console.log(`    ${line}`);
    for (const s of instances(job.name)) console.log(`  running: ${s.applicationId} (pid ${s.pid}${s.detached ? ', detached' : ''})`);
  }
  if (running.length === 0) console.log('\nno job is running; `kafka-sandbox jobs start NAME --detach` starts one in the background');
  else console.log(`\n${running.length} running; \`kafka-sandbox jobs status\` shows their figures`);
}
