import { describe, expect, it } from 'vitest';
import { TaskMetrics } from './task-metrics.js';

describe('task metrics', () => {
  it('counts, and rates records over the last window only', () => {
    const metrics = new TaskMetrics(0, 10_000);
    metrics.add('recordsRead', 20, 1_000);
    metrics.add('recordsRead', 30, 9_500);
    metrics.add('offsetCommitSuccesses', 1, 9_500);
    expect(metrics.snapshot(10_000)).toMatchObject({ recordsRead: 50, recordsReadPerSecond: 5, offsetCommitSuccesses: 1, recordsWrittenPerSecond: 0 });
    // 15 s in, the first 20 records have left the 10 s window.
    expect(metrics.snapshot(15_000)).toMatchObject({ recordsRead: 50, recordsReadPerSecond: 3 });
    expect(metrics.snapshot(30_000).recordsReadPerSecond).toBe(0);
  });

  it('rates a young task over its age, at least one second', () => {
    const metrics = new TaskMetrics(0, 30_000);
    metrics.add('recordsSent', 10, 100);
    expect(metrics.snapshot(500).recordsSentPerSecond).toBe(10);
    expect(metrics.snapshot(2_000).recordsSentPerSecond).toBe(5);
  });

  it('sums the lag of the partitions the task holds', () => {
    const metrics = new TaskMetrics(0);
    expect(metrics.snapshot(0).consumerLag).toBeNull();
    metrics.setLag('a', 0, 5);
    metrics.setLag('a', 1, 2);
    metrics.setLag('b', 0, 0);
    expect(metrics.snapshot(0).consumerLag).toBe(7);
    metrics.keepLagOf({ a: [1], b: [0] });
    expect(metrics.snapshot(0).consumerLag).toBe(2);
  });
});
