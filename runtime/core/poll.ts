/**
 * Polls `probe` until it returns a value other than undefined or the deadline passes. Never sleeps
 * longer than `intervalMs` between tries; the last error is the cause of the timeout error.
 */
export async function pollUntil<T>(description: string, probe: () => Promise<T | undefined>, { timeoutMs, intervalMs = 250 }: { timeoutMs: number; intervalMs?: number }): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${reason}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
