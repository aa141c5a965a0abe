import { parseDuration } from '../../runtime/core/duration.js';

/** Every `everyMs`, the last `lengthMs` run at `factor` times the base rate. */
export interface Burst {
  readonly factor: number;
  readonly lengthMs: number;
  readonly everyMs: number;
}

/**
 * When each event happens, as an offset from the run's start: a steady `rate` (events per second)
 * with optional bursts. Pure and exact: event `i` always lands at the same offset, so event time is
 * a function of (start time, rate, burst, i). The runner paces sends against these offsets only in
 * paced mode; in fast mode they are still the events' event times.
 */
export class RateSchedule {
  private readonly steadyMs: number;
  private readonly steadyEvents: number;
  private readonly periodEvents: number;

  constructor(
    readonly rate: number,
    readonly burst?: Burst,
  ) {
    if (!(rate > 0)) throw new RangeError('rate must be positive');
    this.steadyMs = burst ? burst.everyMs - burst.lengthMs : Infinity;
    this.steadyEvents = burst ? (rate * this.steadyMs) / 1000 : Infinity;
    this.periodEvents = burst ? this.steadyEvents + (rate * burst.factor * burst.lengthMs) / 1000 : Infinity;
  }

  /** Offset of event `i` in milliseconds (fractional; callers floor it to a timestamp). */
  offsetMs(i: number): number {
    const burst = this.burst;
    if (!burst) return (i * 1000) / this.rate;
    const period = Math.floor(i / this.periodEvents);
    const rem = i - period * this.periodEvents;
    const base = period * burst.everyMs;
    if (rem < this.steadyEvents) return base + (rem * 1000) / this.rate;
    return base + this.steadyMs + ((rem - this.steadyEvents) * 1000) / (this.rate * burst.factor);
  }

  /** How many events fall in `[0, durationMs)`. */
  countWithin(durationMs: number): number {
    const burst = this.burst;
    let events: number;
    if (!burst) events = (durationMs * this.rate) / 1000;
    else {
      const period = Math.floor(durationMs / burst.everyMs);
      const rem = durationMs - period * burst.everyMs;
      const partial =
        rem < this.steadyMs ? (rem * this.rate) / 1000 : this.steadyEvents + ((rem - this.steadyMs) * this.rate * burst.factor) / 1000;
      events = period * this.periodEvents + partial;
    }
    return Math.max(0, Math.ceil(events - 1e-9));
  }
}

/**
 * Parses a burst spec `FACTORxLENGTH/EVERY`, e.g. `5x10s/60s`: five times the rate for the last
 * ten seconds of every minute. Returns a problem text instead when it is not one.
 */
export function parseBurst(text: string): Burst | string {
  const match = /^\s*(\d+(?:\.\d+)?)x([^/]+)\/(.+)$/.exec(text);
  const example = 'expected FACTORxLENGTH/EVERY, e.g. 5x10s/60s (5 times the rate for 10s of every 60s)';
  if (!match) return example;
  const factor = Number(match[1]);
  const lengthMs = parseDuration(match[2] as string);
  const everyMs = parseDuration(match[3] as string);
  if (lengthMs === undefined || everyMs === undefined) return example;
  if (!(factor > 0)) return 'the burst factor must be positive';
  if (lengthMs <= 0 || lengthMs >= everyMs) return 'the burst length must be positive and shorter than its period';
  return { factor, lengthMs, everyMs };
}
