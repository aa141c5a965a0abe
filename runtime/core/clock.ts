/**
 * Processing (wall-clock) time, injectable so that tests advance a `ManualClock` instead of sleeping.
 * Event time never comes from here: generated records take it from their settings, and windows and
 * sessions read it from the records. The generator runner paces with `sleep`; stream jobs ask only
 * `now` (idle partitions, table refresh, commit intervals).
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms` (at once for ms <= 0), or early when `signal` aborts; never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || signal?.aborted) return resolve();
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** A clock that moves only when told to: `advance`, `set`, or `sleep(ms)`, which advances it by `ms` and records the call. */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    if (ms <= 0) return;
    this.sleeps.push(ms);
    this.time += ms;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  set(time: number): void {
    this.time = time;
  }
}
