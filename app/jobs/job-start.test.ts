import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../runtime/core/errors.js';
import { passThrough } from '../../runtime/streams/jobs/pass-through.js';
import type { JobDefinition } from '../../runtime/streams/job-definition.js';
import { prepareJobStart } from './job-start.js';

describe('prepareJobStart', () => {
  it('finds a built-in job by name, with a did-you-mean for a typo', () => {
    expect(prepareJobStart('pass-through').builtin).toBe(true);
    expect(() => prepareJobStart('sessionise')).toThrow(/^unknown job "sessionise" \(did you mean "sessionize"\?\)$/);
  });

  it('takes the job options as text or numbers (durations in ms), keeping their text for a detached process', () => {
    const prepared = prepareJobStart('sessionize', { gap: 600_000 }, { applicationId: 'sessions-1', maxBatch: 100 });
    expect(prepared.values.gap).toBe(600_000);
    expect(prepared.rawOptions).toEqual({ gap: '600000ms' });
    expect(prepared).toMatchObject({ applicationId: 'sessions-1', guarantee: 'exactly-once', maxBatch: 100 });
    expect(prepareJobStart('sessionize', { gap: '10m' }).values.gap).toBe(600_000);
  });

  it('reports every problem of the start options at once', () => {
    const error = (() => {
      try {
        prepareJobStart('pass-through', {}, { guarantee: 'maybe' as 'exactly-once', maxBatch: 0, idleMs: -1, applicationId: 'a b' });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.exitCode).toBe(2);
    expect(error.problems).toHaveLength(4);
  });

  it('runs your own JobDefinition, which is not built in', () => {
    const mine: JobDefinition = { ...passThrough, name: 'my-copy' };
    const prepared = prepareJobStart(mine, { source: 'in', sink: 'out' });
    expect(prepared).toMatchObject({ builtin: false, applicationId: 'my-copy' });
  });
});
