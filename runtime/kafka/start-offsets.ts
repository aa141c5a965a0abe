import { ConfigError } from '../core/errors.js';

/** Where reading a partition starts (consume) or where a group's offset goes (groups reset). */
export type StartPosition =
  | { readonly kind: 'earliest' }
  | { readonly kind: 'latest' }
  /** An absolute offset, clamped into the partition's [low, high]. */
  | { readonly kind: 'offset'; readonly offset: number }
  /** `count` records before the end (kcat's `-o -N`). */
  | { readonly kind: 'from-end'; readonly count: number }
  /** The first record at or after `timestamp` (epoch ms); the end when none is. */
  | { readonly kind: 'time'; readonly timestamp: number }
  /** The group's committed offset moved by `by` (negative: back); from the log start when none is committed. */
  | { readonly kind: 'shift'; readonly by: number }
  /** The group's committed offset; `fallback` where it has committed nothing. */
  | { readonly kind: 'committed'; readonly fallback: 'earliest' | 'latest' };

/** What is known about one partition when a start position is resolved. */
export interface PartitionPosition {
  readonly partition: number;
  /** Log start offset. */
  readonly low: number;
  /** High watermark: the offset the next record gets. */
  readonly high: number;
  /** The group's committed offset, null or absent when there is none. */
  readonly committed?: number | null;
  /** The first offset at or after the `time` position's timestamp; null or -1 when there is none. */
  readonly atTime?: number | null;
}

const clamp = (offset: number, p: PartitionPosition) => Math.min(p.high, Math.max(p.low, offset));

/** The offset to start at on partition `p`. */
export function resolveStartOffset(position: StartPosition, p: PartitionPosition): number {
  switch (position.kind) {
    case 'earliest':
      return p.low;
    case 'latest':
      return p.high;
    case 'offset':
      return clamp(position.offset, p);
    case 'from-end':
      return clamp(p.high - position.count, p);
    case 'time':
      return p.atTime === undefined || p.atTime === null || p.atTime < 0 ? p.high : clamp(p.atTime, p);
    case 'shift':
      return clamp((hasCommitted(p) ? p.committed! : p.low) + position.by, p);
    case 'committed':
      return hasCommitted(p) ? clamp(p.committed!, p) : position.fallback === 'earliest' ? p.low : p.high;
  }
}

function hasCommitted(p: PartitionPosition): boolean {
  return p.committed !== undefined && p.committed !== null && p.committed >= 0;
}

/**
 * `--offset` as kcat reads `-o`: `beginning` (or `earliest`), `end` (or `latest`), an absolute
 * offset `N`, or `-N` for N records before the end of each partition.
 */
export function parseOffsetFlag(text: string): StartPosition {
  const value = text.trim().toLowerCase();
  if (value === 'beginning' || value === 'earliest' || value === 'start') return { kind: 'earliest' };
  if (value === 'end' || value === 'latest') return { kind: 'latest' };
  if (/^\d+$/.test(value)) return { kind: 'offset', offset: safeNumber(value, text) };
  if (/^-\d+$/.test(value)) return { kind: 'from-end', count: safeNumber(value.slice(1), text) };
  throw new ConfigError(`--offset ${JSON.stringify(text)} is not an offset`, { hint: 'Use beginning, end, an offset N, or -N for the last N records of each partition.' });
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90s`, `15m`, `1h30m`, `2d` as milliseconds; undefined when `text` is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const value = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(value)) return undefined;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) total += Number(amount) * UNITS[unit!]!;
  return Math.round(total);
}

/**
 * `--from-time` / `--to-time`: an ISO-8601 time (`2025-01-31T12:00:00Z`, a date alone is midnight
 * UTC), epoch milliseconds, or a duration ago (`15m`, `-15m`, `2h`, `1d`). Returns epoch ms.
 */
export function parseTimeFlag(text: string, now: number = Date.now()): number {
  const value = text.trim();
  if (/^\d{10,}$/.test(value)) return safeNumber(value, text);
  const ago = parseDurationMs(value.replace(/^-/, '').replace(/\s*ago$/, ''));
  if (ago !== undefined) return now - ago;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const parsed = Date.parse(value);
    if (Number.isFinite(parsed)) return parsed;
  }
  throw new ConfigError(`${JSON.stringify(text)} is not a time`, { hint: 'Use an ISO-8601 time (2025-01-31T12:00:00Z), epoch milliseconds, or a duration ago such as 15m, 2h or 1d.' });
}

function safeNumber(digits: string, text: string): number {
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) throw new ConfigError(`${JSON.stringify(text)} is too large`);
  return n;
}
