import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../core/errors.js';
import { DataException } from '../converters/data-exception.js';
import { ErrorReporter, ToleranceExceededError } from './error-reporter.js';
import { TaskMetrics } from './task-metrics.js';

function reporter(config: Record<string, string>, signal = new AbortController().signal) {
  const metrics = new TaskMetrics();
  const errors = new ErrorReporter({ connectorName: 'c', taskId: 0, config: { 'errors.retry.delay.max.ms': '1', ...config }, log: () => undefined, metrics, signal });
  return { errors, metrics };
}

/** An operation failing with `error` the first `failures` times. */
function flaky(failures: number, error: () => Error) {
  const calls = { count: 0 };
  const operation = async () => {
    calls.count++;
    if (calls.count <= failures) throw error();
    return 'ok';
  };
  return { calls, operation };
}

const unreachable = () => new ConnectorError('Schema Registry is unreachable', { retriable: true });

describe('errors.retry.timeout and errors.tolerance of a stage', () => {
  it('retries a retriable error while errors.retry.timeout allows (-1: forever)', async () => {
    const { errors, metrics } = reporter({ 'errors.retry.timeout': '-1' });
    const { calls, operation } = flaky(3, unreachable);
    expect(await errors.execute('VALUE_CONVERTER', 'AvroConverter', operation)).toEqual({ value: 'ok' });
    expect(calls.count).toBe(4);
    expect(metrics.snapshot().recordsFailed).toBe(0);
  });

  it('does not retry by default (errors.retry.timeout=0): tolerance none fails on the first error', async () => {
    const { errors } = reporter({});
    const { calls, operation } = flaky(1, unreachable);
    await expect(errors.execute('VALUE_CONVERTER', 'AvroConverter', operation)).rejects.toBeInstanceOf(ToleranceExceededError);
    expect(calls.count).toBe(1);
  });

  it('never retries a non-retriable error (bad data); tolerance all skips the record', async () => {
    const { errors, metrics } = reporter({ 'errors.retry.timeout': '-1', 'errors.tolerance': 'all' });
    const { calls, operation } = flaky(1, () => new DataException('not JSON'));
    expect(await errors.execute('TRANSFORMATION', () => 'Cast$Value', operation)).toBeUndefined();
    expect(calls.count).toBe(1);
    expect(metrics.snapshot().recordsFailed).toBe(1);
  });

  it('gives up at the deadline, then applies the tolerance', async () => {
    const { errors, metrics } = reporter({ 'errors.retry.timeout': '20', 'errors.tolerance': 'all' });
    const { calls, operation } = flaky(Infinity, unreachable);
    expect(await errors.execute('KEY_CONVERTER', 'AvroConverter', operation)).toBeUndefined();
    expect(calls.count).toBeGreaterThan(1);
    expect(metrics.snapshot().recordsFailed).toBe(1);
  });

  it('stops retrying when the task stops', async () => {
    const stopping = new AbortController();
    const { errors } = reporter({ 'errors.retry.timeout': '-1', 'errors.tolerance': 'all' }, stopping.signal);
    const { calls, operation } = flaky(Infinity, () => {
      stopping.abort();
      return unreachable();
    });
    expect(await errors.execute('KEY_CONVERTER', 'AvroConverter', operation)).toBeUndefined();
    expect(calls.count).toBe(1);
  });
});
