import type { JobDefinition } from '../job-definition.js';
import { clickSource } from './sources.js';

/** Per-user sessions of clicks, closed after `--gap` of inactivity, into session-events. */
export const sessionize: JobDefinition = {
  name: 'sessionize',
  description: 'per-user sessions (closed after 30 minutes of inactivity) into session-events',
  options: {
    source: { type: 'topic', description: 'clickstream topic', default: 'clickstream' },
    sink: { type: 'topic', description: 'where sessions go', default: 'session-events' },
    gap: { type: 'duration', description: 'inactivity that ends a session', default: '30m' },
    grace: { type: 'duration', description: 'how late a record may be and still count', default: '10s' },
  },
  build(job, options) {
    job
      .source(String(options.source), clickSource)
      .groupBy((click) => String(click.user_id))
      .sessions({ gapMs: Number(options.gap), graceMs: Number(options.grace) })
      .count('sessions')
      .to(String(options.sink), {
        value: (s) => ({
          user_id: Number(s.key),
          session_start: new Date(s.start).toISOString(),
          session_end: new Date(s.end).toISOString(),
          duration_seconds: (s.end - s.start) / 1000,
          event_count: s.count,
        }),
      });
  },
};
