/**
 * Event-time progress. Each input partition has its own watermark: the highest event time seen on
 * it. The job's watermark is the lowest of those over the assigned partitions, so a slow partition
 * holds windows open instead of making its records late; a partition that has sent nothing for
 * `idleMs` of processing time stops holding it back, but only once it is known to be caught up
 * (as Kafka Streams' max.task.idle.ms): a partition whose records the consumer has not fetched yet
 * (a slow start on a loaded machine) keeps holding it. A partition counts as caught up once seen,
 * unless reported otherwise with `caughtUp`. The job watermark never goes backwards.
 */
export class WatermarkTracker {
  private readonly partitions = new Map<string, { watermark: number; lastSeen: number }>();
  private readonly caughtUpState = new Map<string, boolean>();
  private assigned = new Set<string>();
  private assignedAt = 0;
  private current = Number.NEGATIVE_INFINITY;

  constructor(private readonly idleMs: number) {}

  /** The partitions this instance reads (keys `topic/partition`); others no longer count. */
  assign(partitions: readonly string[], now: number): void {
    this.assigned = new Set(partitions);
    this.assignedAt = now;
  }

  /** Records event time `t` on a partition at processing time `now`. */
  observe(partition: string, t: number, now: number): void {
    const state = this.partitions.get(partition);
    if (!state) this.partitions.set(partition, { watermark: t, lastSeen: now });
    else {
      state.watermark = Math.max(state.watermark, t);
      state.lastSeen = now;
    }
  }

  /** Whether the consumer has read a partition up to its end (no backlog left to fetch). */
  caughtUp(partition: string, caughtUp: boolean): void {
    this.caughtUpState.set(partition, caughtUp);
  }

  private mayIdle(partition: string, seen: boolean): boolean {
    return this.caughtUpState.get(partition) ?? seen;
  }

  /** Restores a partition's watermark from the changelog. */
  restore(partition: string, watermark: number): void {
    this.partitions.set(partition, { watermark, lastSeen: Number.NEGATIVE_INFINITY });
    this.current = Math.max(this.current, watermark);
  }

  partitionWatermark(partition: string): number | undefined {
    return this.partitions.get(partition)?.watermark;
  }

  /** Recomputes and returns the job watermark (−Infinity until known). */
  advance(now: number): number {
    const candidates = this.assigned.size > 0 ? [...this.assigned] : [...this.partitions.keys()];
    let min = Number.POSITIVE_INFINITY;
    let active = 0;
    for (const partition of candidates) {
      const state = this.partitions.get(partition);
      const lastSeen = state && state.lastSeen !== Number.NEGATIVE_INFINITY ? state.lastSeen : this.assignedAt;
      if (now - lastSeen >= this.idleMs && this.mayIdle(partition, state !== undefined && state.lastSeen !== Number.NEGATIVE_INFINITY)) continue;
      // Assigned but nothing seen yet, and not idle for long: wait for it.
      if (!state) return this.current;
      active++;
      min = Math.min(min, state.watermark);
    }
    // Every partition idle: the highest one seen is as far as event time has got.
    if (active === 0) min = Math.max(Number.NEGATIVE_INFINITY, ...[...this.partitions.values()].map((s) => s.watermark));
    if (min !== Number.POSITIVE_INFINITY && min > this.current) this.current = min;
    return this.current;
  }

  get watermark(): number {
    return this.current;
  }

  entries(): Array<[string, number]> {
    return [...this.partitions.entries()].map(([p, s]) => [p, s.watermark]);
  }
}
