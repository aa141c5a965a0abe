import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** Shared flag handling of the benchmarks: `--help` prints the usage, a bad number exits 2. */
export function benchFlags(usage: string, help: boolean | undefined): { positive: (flag: string, text: string) => number } {
  if (help) {
    console.log(usage);
    process.exit(0);
  }
  return {
    /** `text` as a positive integer (underscores allowed), or the usage and exit code 2. */
    positive(flag, text) {
      const value = Number(text.replaceAll('_', ''));
      if (!Number.isSafeInteger(value) || value < 1) {
        console.error(`--${flag} must be a positive integer, got "${text}"\n${usage}`);
        process.exit(2);
      }
      return value;
    },
  };
}

/** Median of the values (NaN-free input assumed; the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The 1 / 5 / 15 minute load averages, for results printed from a possibly shared machine. */
export const loadAverage = () => loadavg().map((value) => value.toFixed(2)).join(' / ');

/** `2 cores (CPU model), 23.5 GiB, Node v24.x`: the machine line every benchmark prints. */
export const machineSummary = () =>
  `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}`;
