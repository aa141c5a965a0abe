/** How a stop went: `stopped` after SIGTERM, `killed` after the deadline, `not-running` when already gone. */
export type StopOutcome = 'stopped' | 'killed' | 'not-running';

/**
 * Stops a process we started detached: SIGTERM (so it can finish cleanly), SIGKILL if `alive` still
 * says so after `timeoutMs`. `alive` decides what counts as still running (a pid check, or one that
 * also makes sure the pid was not reused).
 */
export async function stopProcess(pid: number, timeoutMs: number, alive: (pid: number) => boolean): Promise<StopOutcome> {
  if (!alive(pid)) return 'not-running';
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!alive(pid)) return 'stopped';
  process.kill(pid, 'SIGKILL');
  return 'killed';
}
