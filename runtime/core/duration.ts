const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * Parses `250ms`, `1.5s`, `30s`, `5m`, `1h` or `1d` into whole milliseconds. The one rule for every
 * CLI flag, job option and YAML duration: **a bare number is seconds** (`--gap 10` is `10s`).
 * Returns undefined when the text is not a non-negative duration.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNITS[(match[2] ?? 's') as keyof typeof UNITS];
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

/** Exact, largest units first: `90000` → `1m30s`, `1500` → `1s500ms`, `0` → `0s`; for option defaults, window names, ages. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}

/** Rounded to a tenth of a second, in minutes and seconds: `90000` → `1m30s`, `12345` → `12.3s`, `250` → `250ms`; for progress and summaries. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const totalSeconds = Math.round(ms / 100) / 10;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Math.round((totalSeconds - minutes * 60) * 10) / 10;
  return minutes > 0 ? `${minutes}m${seconds > 0 ? `${seconds}s` : ''}` : `${seconds}s`;
}
