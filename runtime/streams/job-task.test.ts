import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import { parseJobOptions } from './job-definition.js';
import { builtinJobs } from './job-registry.js';
import { JobTask } from './job-task.js';
import type { InputRecord, OutputRecord } from './stream-record.js';
import { hopping, tumbling, windowsFor } from './windows.js';

const T0 = Date.parse('2025-03-01T09:00:00Z');
const MIN = 60_000;

function task(name: string, raw: Record<string, string> = {}, clock = new ManualClock(0)) {
  const job = builtinJobs().get(name)!;
  return new JobTask(job, parseJobOptions(job, raw), { clock, dlqTopic: 'dlq', lateTopic: 'late', idleMs: 5000 });
}

let offset = 0;
function record(topic: string, value: unknown, partition = 0, headers: Record<string, string> = {}): InputRecord {
  return { topic, partition, offset: String(offset++), key: null, value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)), timestamp: 0, headers };
}

const click = (t: number, url = '/', user_id = 1, device_id = 'd-1') => ({
  timestamp: new Date(t).toISOString(), user_id, url, device_id, session_id: 's', referrer: null, event_type: 'page_view',
});
const values = (outputs: OutputRecord[], topic: string) => outputs.filter((o) => o.topic === topic).map((o) => JSON.parse(String(o.value)));

describe('windows', () => {
  it('tumbling windows are [start, end) aligned to the size', () => {
    expect(windowsFor(T0, tumbling(MIN))).toEqual([{ start: T0, end: T0 + MIN }]);
    expect(windowsFor(T0 + MIN - 1, tumbling(MIN))).toEqual([{ start: T0, end: T0 + MIN }]);
    expect(windowsFor(T0 + MIN, tumbling(MIN))).toEqual([{ start: T0 + MIN, end: T0 + 2 * MIN }]);
  });

  it('hopping 5m/1m windows: every record is in exactly five overlapping windows', () => {
    const ws = windowsFor(T0 + 30_000, hopping(5 * MIN, MIN));
    expect(ws).toHaveLength(5);
    expect(ws.map((w) => (w.start - T0) / MIN)).toEqual([-4, -3, -2, -1, 0]);
    for (const w of ws) expect(w.end - w.start).toBe(5 * MIN);
  });
});

describe('pageview-windows', () => {
  it('emits one final count per url and window when the watermark passes end + grace', () => {
    const t = task('pageview-windows', { grace: '10s', 'hop-size': '2m', 'hop-advance': '1m' });
    t.process(record('clickstream', click(T0, '/a')));
    t.process(record('clickstream', click(T0 + 59_999, '/a')));
    t.process(record('clickstream', click(T0 + 60_000, '/b')));
    expect(values(t.takeOutputs(), 'analytics-events')).toEqual([]);
    // end of [T0, T0+1m) + 10 s grace = T0 + 70 s: not yet at T0 + 69.999 s
    t.process(record('clickstream', click(T0 + 69_999, '/b')));
    expect(values(t.takeOutputs(), 'analytics-events')).toEqual([]);
    t.process(record('clickstream', click(T0 + 70_000, '/b')));
    const out = values(t.takeOutputs(), 'analytics-events');
    expect(out).toEqual([
      { type: 'pageview_count', url: '/a', window: 'tumbling-1m', window_start: new Date(T0).toISOString(), window_end: new Date(T0 + MIN).toISOString(), count: 2 },
      { type: 'pageview_count', url: '/a', window: 'hopping-2m-1m', window_start: new Date(T0 - MIN).toISOString(), window_end: new Date(T0 + MIN).toISOString(), count: 2 },
    ]);
    // The evicted windows are gone from state; the open ones remain.
    expect(t.store('pageviews-tumbling').size).toBe(1);
  });

  it('hopping windows overlap: one click counts in each window holding it', () => {
    const t = task('pageview-windows', { grace: '0s' });
    t.process(record('clickstream', click(T0 + 1000, '/x')));
    t.process(record('clickstream', click(T0 + 10 * MIN, '/y')));
    const hops = values(t.takeOutputs(), 'analytics-events').filter((o) => o.url === '/x' && o.window === 'hopping-5m-1m');
    expect(hops.map((o) => (Date.parse(o.window_start) - T0) / MIN)).toEqual([-4, -3, -2, -1, 0]);
    expect(hops.every((o) => o.count === 1)).toBe(true);
  });

  it('a record within grace still counts; beyond grace it is late: counted and sent to the late topic, never dropped silently', () => {
    const t = task('pageview-windows', { grace: '10s' });
    t.process(record('clickstream', click(T0 + 65_000, '/a')));
    t.process(record('clickstream', click(T0 + 1000, '/a'))); // out of order, but [T0, T0+1m) closes only at T0+70s: counts
    t.process(record('clickstream', click(T0 + 80_000, '/a'))); // closes it
    t.process(record('clickstream', click(T0 + 2000, '/a'), 0, { event_id: 'late-1' })); // too late for the tumbling window
    const out = t.takeOutputs();
    const tumblingCounts = values(out, 'analytics-events').filter((o) => o.window === 'tumbling-1m');
    expect(tumblingCounts).toEqual([expect.objectContaining({ url: '/a', window_start: new Date(T0).toISOString(), count: 1 })]);
    const late = out.filter((o) => o.topic === 'late');
    expect(late).toHaveLength(1);
    expect(late[0]!.headers).toMatchObject({ event_id: 'late-1', '__streams.errors.reason': 'late', '__streams.errors.topic': 'clickstream' });
    expect(t.metrics.late).toBe(1);
  });

  it('the watermark is the slowest partition; an idle partition stops holding it back', () => {
    const clock = new ManualClock(0);
    const t = task('pageview-windows', { grace: '0s' }, clock);
    t.assign(['clickstream/0', 'clickstream/1']);
    t.process(record('clickstream', click(T0, '/a'), 0));
    t.process(record('clickstream', click(T0 + 5 * MIN, '/a'), 0));
    expect(t.watermark).toBe(Number.NEGATIVE_INFINITY); // partition 1 not seen yet
    t.process(record('clickstream', click(T0 + 30_000, '/a'), 1));
    expect(t.watermark).toBe(T0 + 30_000);
    expect(values(t.takeOutputs(), 'analytics-events')).toEqual([]);
    clock.advance(5000); // partition 1 idle for 5 s of processing time
    t.punctuate();
    expect(t.watermark).toBe(T0 + 5 * MIN);
    expect(values(t.takeOutputs(), 'analytics-events').filter((o) => o.window === 'tumbling-1m')).toEqual([expect.objectContaining({ count: 2 })]);
  });

  it('a partition with records not yet fetched holds the watermark however long it takes', () => {
    const clock = new ManualClock(0);
    const t = task('pageview-windows', { grace: '0s' }, clock);
    t.assign(['clickstream/0', 'clickstream/1']);
    t.caughtUp('clickstream/1', false); // the consumer knows partition 1 has a backlog
    t.process(record('clickstream', click(T0, '/a'), 0));
    t.process(record('clickstream', click(T0 + 5 * MIN, '/a'), 0));
    clock.advance(60_000);
    t.punctuate();
    expect(t.watermark).toBe(Number.NEGATIVE_INFINITY);
    t.process(record('clickstream', click(T0 + 10_000, '/a'), 1)); // its first records, 60 s later
    expect(t.metrics.late).toBe(0);
    expect(t.watermark).toBe(T0 + 10_000);
  });

  it('an assigned partition known to be empty stops holding the watermark after the idle time', () => {
    const clock = new ManualClock(0);
    const t = task('pageview-windows', { grace: '0s' }, clock);
    t.assign(['clickstream/0', 'clickstream/1']);
    t.caughtUp('clickstream/1', true);
    t.process(record('clickstream', click(T0 + 5 * MIN, '/a'), 0));
    expect(t.watermark).toBe(Number.NEGATIVE_INFINITY);
    clock.advance(5000);
    t.punctuate();
    expect(t.watermark).toBe(T0 + 5 * MIN);
  });
});

describe('sessionize', () => {
  it('closes a session after the gap, merges sessions a record bridges, and emits the agreed shape', () => {
    const t = task('sessionize', { gap: '30m', grace: '25m' });
    t.process(record('clickstream', click(T0, '/', 7)));
    t.process(record('clickstream', click(T0 + 40 * MIN, '/', 7))); // > 30 min: a second session
    t.process(record('clickstream', click(T0 + 20 * MIN, '/', 7))); // bridges both: one session
    expect(t.store('sessions').size).toBe(1);
    t.process(record('clickstream', click(T0 + 95 * MIN - 1, '/', 8))); // not yet: last + gap + grace = 95 min
    expect(values(t.takeOutputs(), 'session-events')).toEqual([]);
    t.process(record('clickstream', click(T0 + 95 * MIN, '/', 8)));
    expect(values(t.takeOutputs(), 'session-events')).toEqual([
      { user_id: 7, session_start: new Date(T0).toISOString(), session_end: new Date(T0 + 40 * MIN).toISOString(), duration_seconds: 2400, event_count: 3 },
    ]);
    expect(t.store('sessions').size).toBe(1); // user 8's open session only: closed ones are evicted
  });

  it('a gap of exactly 30 minutes starts a new session', () => {
    const t = task('sessionize', { grace: '0s' });
    t.process(record('clickstream', click(T0, '/', 1)));
    t.process(record('clickstream', click(T0 + 30 * MIN, '/', 1)));
    t.process(record('clickstream', click(T0 + 90 * MIN, '/', 2)));
    expect(values(t.takeOutputs(), 'session-events').map((s) => s.event_count)).toEqual([1, 1]);
  });
});

describe('enrich-clickstream', () => {
  function withTables(t: JobTask) {
    const [users, devices, urls] = t.tables;
    users!.replace(new Map([['1', { user_id: 1, user_name: 'ann' }]]));
    devices!.replace(new Map([['d-1', { device_id: 'd-1', device_type: 'iPhone' }]]));
    urls!.replace(new Map([['/', { url: '/', url_category: 'home' }]]));
  }

  it('left join: fields filled on a hit, nulls and a miss counter on a miss', () => {
    const t = task('enrich-clickstream');
    withTables(t);
    t.process(record('clickstream', click(T0, '/', 1, 'd-1')));
    t.process(record('clickstream', click(T0, '/gone', 2, 'd-1')));
    const out = values(t.takeOutputs(), 'enriched-clickstream');
    expect(out[0]).toMatchObject({ timestamp: new Date(T0).toISOString(), user_id: 1, device_id: 'd-1', url: '/', user_name: 'ann', device_type: 'iPhone', url_category: 'home' });
    expect(out[1]).toMatchObject({ user_id: 2, user_name: null, device_type: 'iPhone', url_category: null });
    expect(t.metrics['join_misses.users']).toBe(1);
    expect(t.metrics['join_misses.urls']).toBe(1);
  });

  it('inner join drops clicks with a miss', () => {
    const t = task('enrich-clickstream', { join: 'inner' });
    withTables(t);
    t.process(record('clickstream', click(T0, '/', 1, 'd-1')));
    t.process(record('clickstream', click(T0, '/', 1, 'd-404')));
    expect(values(t.takeOutputs(), 'enriched-clickstream')).toHaveLength(1);
    expect(t.metrics['join_misses.devices']).toBe(1);
  });

  it('malformed records go to the DLQ with headers saying why, and the job carries on', () => {
    const t = task('enrich-clickstream');
    withTables(t);
    t.process(record('clickstream', '{"timestamp": "2025-', 0, { event_id: 'e1' }));
    const { user_id: _dropped, ...missing } = click(T0);
    t.process(record('clickstream', missing, 0, { event_id: 'e2' }));
    t.process(record('clickstream', { ...click(T0), session_id: 12345 }, 0, { event_id: 'e3' }));
    t.process(record('clickstream', click(T0)));
    const out = t.takeOutputs();
    const dlq = out.filter((o) => o.topic === 'dlq');
    expect(dlq.map((o) => [o.headers!.event_id, o.headers!['__streams.errors.reason']])).toEqual([['e1', 'malformed'], ['e2', 'schema-violation'], ['e3', 'schema-violation']]);
    expect(dlq[1]!.headers!['__streams.errors.exception.message']).toContain('user_id');
    expect(dlq[0]!.value!.toString()).toBe('{"timestamp": "2025-');
    expect(values(out, 'enriched-clickstream')).toHaveLength(1);
    expect(t.metrics.dlq).toBe(3);
  });
});

describe('purchase-alerts', () => {
  const purchase = (user_id: number, amount: number, n: number) => ({
    event_id: `e${n}`, timestamp: new Date(T0 + n * 1000).toISOString(), user_id, event_type: 'purchase', data: { product_id: 'p-1', amount },
  });

  it('running totals per user, and one alert when the total first exceeds the threshold', () => {
    const t = task('purchase-alerts', { threshold: '1000' });
    t.process(record('user-events', purchase(1, 600, 1)));
    t.process(record('user-events', { ...purchase(1, 0, 2), event_type: 'login', data: {} }));
    t.process(record('user-events', purchase(1, 400, 3))); // exactly 1000: not over
    t.process(record('user-events', purchase(2, 50, 4)));
    t.process(record('user-events', purchase(1, 0.01, 5))); // crosses
    t.process(record('user-events', purchase(1, 500, 6))); // still over: no second alert
    const out = t.takeOutputs();
    expect(values(out, 'analytics-events').map((o) => [o.user_id, o.total, o.purchase_count])).toEqual([[1, 600, 1], [1, 1000, 2], [2, 50, 1], [1, 1000.01, 3], [1, 1500.01, 4]]);
    expect(values(out, 'alerts')).toEqual([{ type: 'high_value_customer', user_id: 1, total: 1000.01, threshold: 1000, event_id: 'e5', timestamp: new Date(T0 + 5000).toISOString() }]);
  });

  it('state survives a restart from the changelog: no second alert, totals continue', () => {
    const first = task('purchase-alerts', { threshold: '100' });
    first.process(record('user-events', purchase(1, 150, 1)));
    const changelog = first.takeChangelog();
    const second = task('purchase-alerts', { threshold: '100' });
    second.restore(changelog);
    second.process(record('user-events', purchase(1, 10, 2)));
    const out = second.takeOutputs();
    expect(values(out, 'analytics-events')[0]).toMatchObject({ total: 160, purchase_count: 2 });
    expect(values(out, 'alerts')).toEqual([]);
  });

  it('a purchase without an amount goes to the DLQ', () => {
    const t = task('purchase-alerts');
    t.process(record('user-events', { ...purchase(1, 1, 1), data: { product_id: 'p-1' } }));
    expect(t.takeOutputs().map((o) => o.topic)).toEqual(['dlq']);
  });
});

describe('job options', () => {
  it('rejects unknown and invalid options, all at once', () => {
    const job = builtinJobs().get('sessionize')!;
    expect(() => parseJobOptions(job, { gap: 'soon', grase: '1s' })).toThrowError(/2 problems/);
    try {
      parseJobOptions(job, { gap: 'soon', grase: '1s' }, () => ' (did you mean "grace"?)');
    } catch (error) {
      expect((error as { problems: string[] }).problems).toEqual(['unknown option --grase for job sessionize (did you mean "grace"?)', '--gap must be a duration like 30s, 5m or 250ms, got "soon"']);
      expect((error as { exitCode: number }).exitCode).toBe(2);
    }
  });

  it('window state restored from the changelog keeps counting and closes on time', () => {
    const first = task('pageview-windows', { grace: '0s' });
    first.process(record('clickstream', click(T0, '/a')));
    const second = task('pageview-windows', { grace: '0s' });
    second.restore(first.takeChangelog());
    second.process(record('clickstream', click(T0 + 1000, '/a')));
    second.process(record('clickstream', click(T0 + MIN, '/b')));
    expect(values(second.takeOutputs(), 'analytics-events').filter((o) => o.window === 'tumbling-1m')).toEqual([expect.objectContaining({ url: '/a', count: 2 })]);
  });
});
