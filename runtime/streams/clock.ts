/**
 * Processing time for stream jobs, injectable: window and session logic reads event time from the
 * records and only asks the clock for processing time (idle partitions, table refresh, commit
 * intervals). Unit tests use `ManualClock` and advance it instead of sleeping.
 */
export interface StreamClock {
  now(): number;
}

export const systemClock: StreamClock = { now: () => Date.now() };

/** A clock that moves only when told to. */
export class ManualClock implements StreamClock {
  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  set(time: number): void {
    this.time = time;
  }
}
