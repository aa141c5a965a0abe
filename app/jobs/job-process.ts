import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SandboxError, StackError } from '../../runtime/core/errors.js';
import { packageRoot } from '../../runtime/core/package-root.js';
import { stopProcess, type StopOutcome } from '../../stacks/stop-process.js';
import { isJobRunning, jobsDir, readJobState, removeJobState, type JobState } from './job-state.js';

export type { StopOutcome };

/** Tells a `jobs start` process that it runs detached and where its output goes. */
export const DETACHED_LOG_ENV = 'KAFKA_SANDBOX_JOB_LOG_FILE';

/**
 * Runs `kafka-sandbox jobs start <args>` (without --detach) as a process that outlives the caller,
 * its output appended to `logFile`; that process runs the job in-process through the handle.
 * Resolves with its state once the job is ready (state restored, consuming); if it exits first,
 * throws its last error line with its exit code (2 for bad input).
 */
export async function spawnDetachedJob(args: readonly string[], applicationId: string, logFile: string, { timeoutMs = 180_000 } = {}): Promise<JobState> {
  const here = fileURLToPath(import.meta.url);
  const fromSources = here.endsWith('.ts');
  const entry = join(dirname(here), '..', '..', 'cli', fromSources ? 'bin.ts' : 'bin.js');
  await mkdir(jobsDir(), { recursive: true });
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...(fromSources ? ['--import', 'tsx'] : []), entry, 'jobs', 'start', ...args], {
    detached: true,
    stdio: ['ignore', out, out],
    cwd: packageRoot(),
    env: { ...process.env, [DETACHED_LOG_ENV]: logFile },
  });
  child.unref();
  closeSync(out);
  let exitCode: number | null = null;
  child.once('exit', (code, signal) => (exitCode = code ?? (signal ? 1 : 0)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await readJobState(applicationId);
    if (state && state.pid === child.pid && state.phase === 'running') return state;
    if (exitCode !== null) {
      const lines = readFileSync(logFile, 'utf8').trim().split('\n');
      const error = lines.findLast((line) => line.startsWith('error: ')) ?? lines.at(-1) ?? '';
      throw new SandboxError(`job ${applicationId} exited before it was ready: ${error.replace(/^error: /, '')}`, {
        exitCode: exitCode === 0 ? 1 : exitCode,
        hint: `Its output is in ${logFile}.`,
      });
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new StackError(`job ${applicationId} was not ready within ${timeoutMs / 1000} s`, { hint: `Its output is in ${logFile}.` });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Stops a job: SIGTERM (it commits the batch in flight and exits), SIGKILL if it is still running
 * after `timeoutMs`; then removes its state file. A job whose process is gone just loses its file.
 */
export async function stopJob(state: JobState, { timeoutMs = 30_000 } = {}): Promise<StopOutcome> {
  // A job of this very process is stopped through its handle, never by signalling ourselves.
  const outcome = state.pid === process.pid ? 'not-running' : await stopProcess(state.pid, timeoutMs, () => isJobRunning(state));
  await removeJobState(state.applicationId, { pid: state.pid });
  return outcome;
}
