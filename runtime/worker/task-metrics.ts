/** Counts of one task since the worker created it (kept across restarts of the task). */
export interface TaskCounts {
  /** Sinks: records consumed from Kafka. */
  recordsRead: number;
  /** Sinks: records `put` and flushed. */
  recordsWritten: number;
  /** Sources: records returned by `poll`. */
  recordsPolled: number;
  /** Sources: records Kafka acknowledged. */
  recordsSent: number;
  /** Records that failed a stage (converter, transform, put) and were skipped or failed the task. */
  recordsFailed: number;
  /** Records written to the dead letter queue. */
  dlqRecords: number;
  offsetCommitSuccesses: number;
  offsetCommitFailures: number;
}

/** One task's numbers as the REST API (`GET /connectors/{name}/metrics`) and events show them. */
export interface TaskMetricsSnapshot extends TaskCounts {
  /** Records per second over the last 30 s (or since the task was created, when more recent). */
  recordsReadPerSecond: number;
  recordsWrittenPerSecond: number;
  recordsPolledPerSecond: number;
  recordsSentPerSecond: number;
  /** Sinks: records behind the last one this task fetched, over its partitions; null for sources and before the first fetch. */
  consumerLag: number | null;
}

const RATED = ['recordsRead', 'recordsWritten', 'recordsPolled', 'recordsSent'] as const;
type Rated = (typeof RATED)[number];

/** Connect's rates are windowed (30 s samples); so are these. */
export const RATE_WINDOW_MS = 30_000;

/**
 * The counters of one task, with windowed rates and, for sinks, the lag of the partitions it
 * holds. Callers may pass `now` (ms) for deterministic tests.
 */
export class TaskMetrics {
  private readonly counts: TaskCounts = { recordsRead: 0, recordsWritten: 0, recordsPolled: 0, recordsSent: 0, recordsFailed: 0, dlqRecords: 0, offsetCommitSuccesses: 0, offsetCommitFailures: 0 };
  /** Per rated counter: count per second (epoch second -> records). */
  private readonly perSecond = new Map<Rated, Map<number, number>>(RATED.map((name) => [name, new Map()]));
  /** `topic/partition` -> records after the last fetched one. */
  private readonly lag = new Map<string, number>();

  constructor(
    private readonly createdAt = Date.now(),
    private readonly windowMs = RATE_WINDOW_MS,
  ) {}

  add(counter: keyof TaskCounts, n = 1, now = Date.now()): void {
    this.counts[counter] += n;
    const buckets = this.perSecond.get(counter as Rated);
    if (!buckets) return;
    const second = Math.floor(now / 1000);
    buckets.set(second, (buckets.get(second) ?? 0) + n);
    for (const key of buckets.keys()) if ((key + 1) * 1000 <= now - this.windowMs) buckets.delete(key);
  }

  /** Records behind the last fetched one on `topic`/`partition` (high watermark minus next offset). */
  setLag(topic: string, partition: number, lag: number): void {
    this.lag.set(`${topic}/${partition}`, Math.max(0, lag));
  }

  /** After a rebalance: forgets the lag of partitions this task no longer holds. */
  keepLagOf(assignment: Readonly<Record<string, readonly number[]>>): void {
    const held = new Set(Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((p) => `${topic}/${p}`)));
    for (const key of [...this.lag.keys()]) if (!held.has(key)) this.lag.delete(key);
  }

  private rate(counter: Rated, now: number): number {
    const since = now - this.windowMs;
    let sum = 0;
    for (const [second, count] of this.perSecond.get(counter)!) if ((second + 1) * 1000 > since) sum += count;
    const seconds = Math.max(1, Math.min(this.windowMs, now - this.createdAt) / 1000);
    return Math.round((sum / seconds) * 100) / 100;
  }

  snapshot(now = Date.now()): TaskMetricsSnapshot {
    return {
      ...this.counts,
      recordsReadPerSecond: this.rate('recordsRead', now),
      recordsWrittenPerSecond: this.rate('recordsWritten', now),
      recordsPolledPerSecond: this.rate('recordsPolled', now),
      recordsSentPerSecond: this.rate('recordsSent', now),
      consumerLag: this.lag.size === 0 ? null : [...this.lag.values()].reduce((a, b) => a + b, 0),
    };
  }
}
