import { attachFromFlags } from '../../app/attach-sandbox.js';
import { jobStatus, jobStatuses, stopJobs, type JobStatus, type JobStopResult } from '../../app/jobs/job-control.js';
import { formatDuration, parseDuration } from '../../runtime/core/duration.js';
import { ConfigError } from '../../runtime/core/errors.js';
import type { Sandbox } from '../../app/sandbox.js';

export type { JobStatus };

const n = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** The lines `jobs status` prints for one job; `now` for the ages. */
export function renderJobStatus(status: JobStatus, now: number): string[] {
  const age = (iso: string) => formatDuration(Math.max(0, Math.floor((now - Date.parse(iso)) / 1000) * 1000));
  const where = status.sandbox ? `sandbox ${status.sandbox}` : `kafka ${status.bootstrapServers}`;
  const state = status.running
    ? `${status.phase === 'starting' ? 'starting' : 'running'} for ${age(status.startedAt)}`
    : status.phase === 'failed'
      ? `FAILED: ${status.error ?? 'see the log'}`
      : 'not running (its process is gone)';
  const lines = [
    `${status.running ? '●' : '○'} ${status.applicationId}  job ${status.job}  pid ${status.pid}  ${state}`,
    `    where     ${where}, ${status.guarantee}${status.detached ? ', detached' : ''}`,
  ];
  const f = status.figures;
  if (f) {
    const lag = Object.values(f.lag).reduce((a, b) => a + b, 0);
    const partitions = Object.entries(f.lag)
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([p, l]) => `${p} ${n(l)}`);
    lines.push(
      `    rate      in ${n(f.inputRate)}/s, out ${n(f.outputRate)}/s`,
      `    totals    in ${n(f.input)}, out ${n(f.output)}, late ${n(f.late)}, dlq ${n(f.dlq)}`,
      `    lag       ${n(lag)}${partitions.length ? `  (${partitions.join(', ')})` : ''}`,
      `    state     ${n(f.stateSize)} entries, watermark ${f.watermark ?? '-'}`,
    );
    const counters = Object.entries(f.counters).map(([k, v]) => `${k} ${n(v)}`);
    if (counters.length) lines.push(`    counters  ${counters.join(', ')}`);
    lines.push(`    updated   ${age(f.updatedAt)} ago`);
  } else if (status.running) lines.push('    figures   none yet (the first come 5 s after the job is ready)');
  if (status.logFile) lines.push(`    log       ${status.logFile}`);
  return lines;
}

/** `kafka-sandbox jobs status [APP]`: the recorded jobs (or one), of any sandbox or of `--name`'s, running or not, with their latest figures. */
export async function jobsStatus(app: string | undefined, options: { json?: boolean; name?: string }): Promise<void> {
  const shown = await withScope(options.name, async (sandbox) => {
    if (sandbox) return app === undefined ? sandbox.jobs.status() : [await sandbox.jobs.status(app)];
    return app === undefined ? jobStatuses() : [await jobStatus(app)];
  });
  if (options.json) {
    console.log(JSON.stringify(app === undefined ? shown : shown[0], null, 2));
    return;
  }
  if (shown.length === 0) {
    console.log('no job is running; `kafka-sandbox jobs start NAME --detach` starts one in the background');
    return;
  }
  const now = Date.now();
  console.log(shown.map((s) => renderJobStatus(s, now).join('\n')).join('\n\n'));
}

/**
 * `kafka-sandbox jobs stop APP|--all`: SIGTERM (the job commits the batch in flight), SIGKILL after
 * `--timeout`, then the state file goes. A job whose process is gone just loses its file.
 */
export async function jobsStop(app: string | undefined, options: { all?: boolean; timeout?: string; name?: string }): Promise<void> {
  if ((app === undefined) === !options.all) {
    throw new ConfigError(app === undefined ? 'which job? give an application id or --all' : 'give an application id or --all, not both', {
      hint: '`kafka-sandbox jobs status` lists the application ids.',
    });
  }
  const timeoutMs = options.timeout === undefined ? 30_000 : parseDuration(options.timeout);
  if (timeoutMs === undefined || timeoutMs <= 0) throw new ConfigError(`--timeout must be a duration like 30s, got "${options.timeout}"`);
  const target = app ?? { all: true as const };
  const results = await withScope<JobStopResult[]>(options.name, (sandbox) => (sandbox ? sandbox.jobs.stop(target, { timeoutMs }) : stopJobs(target, { timeoutMs })));
  if (results.length === 0) console.log('no job is recorded');
  for (const { applicationId, outcome } of results) {
    const said = {
      stopped: 'stopped (batch in flight committed)',
      killed: `killed: still running ${formatDuration(timeoutMs)} after SIGTERM; it resumes from its last commit`,
      'not-running': 'was not running; its state file is removed',
    }[outcome];
    console.log(`${applicationId}: ${said}`);
  }
}

/** With `--name`, runs `action` on that sandbox's handle (its jobs only); without, on every recorded job. */
async function withScope<T>(name: string | undefined, action: (sandbox: Sandbox | undefined) => Promise<T>): Promise<T> {
  if (name === undefined) return action(undefined);
  const sandbox = await attachFromFlags({ name });
  try {
    return await action(sandbox);
  } finally {
    await sandbox.detach();
  }
}
