import { describe, expect, it } from 'vitest';
import { renderJobStatus, type JobStatus } from './jobs-status.js';

const NOW = Date.parse('2025-03-01T10:00:00Z');
const running: JobStatus = {
  applicationId: 'sessions-1',
  job: 'sessionize',
  pid: 4242,
  sandbox: 'dev',
  bootstrapServers: '127.0.0.1:9092',
  guarantee: 'exactly-once',
  startedAt: '2025-03-01T09:55:00.000Z',
  detached: true,
  logFile: '/state/jobs/sessions-1.log',
  phase: 'running',
  running: true,
  figures: {
    updatedAt: '2025-03-01T09:59:57.000Z',
    inputRate: 1234.5,
    outputRate: 56,
    input: 100_000,
    output: 4_000,
    late: 3,
    dlq: 1,
    lag: { 'clickstream/10': 2, 'clickstream/2': 5 },
    stateSize: 812,
    watermark: '2025-03-01T09:59:00.000Z',
    counters: { 'join_misses.users': 7 },
  },
};

describe('renderJobStatus', () => {
  it('shows rates, totals, lag per partition, state size, late and DLQ counts of a running job', () => {
    expect(renderJobStatus(running, NOW)).toEqual([
      '● sessions-1  job sessionize  pid 4242  running for 5m',
      '    where     sandbox dev, exactly-once, detached',
      '    rate      in 1,234.5/s, out 56/s',
      '    totals    in 100,000, out 4,000, late 3, dlq 1',
      '    lag       7  (clickstream/2 5, clickstream/10 2)',
      '    state     812 entries, watermark 2025-03-01T09:59:00.000Z',
      '    counters  join_misses.users 7',
      '    updated   3s ago',
      '    log       /state/jobs/sessions-1.log',
    ]);
  });

  it('marks a job whose process is gone, and a detached job that failed with its error', () => {
    const { figures: _figures, logFile: _logFile, ...bare } = running;
    expect(renderJobStatus({ ...bare, detached: false, running: false }, NOW)).toEqual([
      '○ sessions-1  job sessionize  pid 4242  not running (its process is gone)',
      '    where     sandbox dev, exactly-once',
    ]);
    expect(renderJobStatus({ ...bare, running: false, phase: 'failed', error: 'source topic clickstream does not exist' }, NOW)[0]).toBe(
      '○ sessions-1  job sessionize  pid 4242  FAILED: source topic clickstream does not exist',
    );
  });
});
