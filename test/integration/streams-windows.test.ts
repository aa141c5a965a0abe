import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseJobOptions } from '../../runtime/streams/job-definition.js';
import { builtinJobs } from '../../runtime/streams/job-registry.js';
import { runJob } from '../../runtime/streams/kafka-job-runner.js';
import { hopping, tumbling } from '../../runtime/streams/windows.js';
import { expectedSessions, expectedWindowCounts, type PlannedClick } from '../helpers/expected-results.js';
import { StreamTestData, until, type GeneratedData, type ReadRecord } from '../helpers/stream-data.js';

const endpoints = inject('endpoints');
const data = new StreamTestData(endpoints);

beforeAll(() => data.open());
afterAll(() => data.cleanup());

const clicksOf = (generated: GeneratedData) => generated.planned.filter((r) => r.kind === 'event').map((r) => r.value as unknown as PlannedClick);
const sorted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).sort();

/**
 * Runs `jobName` on `source` into `${app}-out` until `expected` outputs are there, then stops it.
 * The default idle time (5 s): a partition goes idle only once the job has read it to the end, so
 * no record of the seeded input, all of it in Kafka before the job starts, can be made late by a
 * partition the consumer fetches late.
 */
async function runUntil(jobName: string, source: string, raw: Record<string, string>, expected: number): Promise<{ out: ReadRecord[]; metrics: Awaited<ReturnType<typeof runJob>> }> {
  const app = data.track(`st-${jobName}`);
  const sink = `${app}-out`;
  const job = builtinJobs().get(jobName)!;
  const controller = new AbortController();
  const running = runJob({
    job,
    options: parseJobOptions(job, { source, sink, ...raw }),
    bootstrapServers: endpoints.bootstrapServers,
    applicationId: app,
    signal: controller.signal,
  });
  running.catch(() => undefined);
  let out: ReadRecord[];
  try {
    out = await data.tailWhenExists(sink);
    await until(`${expected} outputs of ${jobName}`, () => out.length >= expected, 240_000);
  } catch (error) {
    controller.abort();
    await running.catch(() => undefined);
    throw error;
  }
  controller.abort();
  return { out, metrics: await running };
}

describe('window and session jobs against the real stack', () => {
  it('sessionize: the sessions of a seeded clickstream are exactly those the planned clicks give', async () => {
    // 2,000 clicks by 40 users over 200 s of event time: most users have several sessions.
    const generated = await data.generate('clickstream', { count: '2000', seed: 'streams-sessions', users: '40', rate: '10', fast: true, dimensions: false });
    const expected = expectedSessions(clicksOf(generated), 15_000, 2_000);
    expect(expected.length).toBeGreaterThan(50);
    expect(expected.filter((s) => s.event_count > 1).length).toBeGreaterThan(expected.length / 2);

    const { out, metrics } = await runUntil('sessionize', generated.topic, { gap: '15s', grace: '2s' }, expected.length);
    expect(metrics.late, 'records counted late (a partition was taken for idle?)').toBe(0);
    expect(metrics.dlq).toBe(0);
    expect(metrics.input).toBe(2000);
    expect(sorted(out.map((r) => r.value))).toEqual(sorted(expected));
    expect(out.every((r) => r.key === String(r.value!.user_id))).toBe(true);
    expect(metrics.output).toBe(expected.length);
  }, 360_000);

  it('pageview-windows: one final count per url and closed window, equal to the planned clicks in it', async () => {
    // 2,000 clicks over 100 s of event time: 10 s tumbling windows, 30 s windows every 10 s.
    const generated = await data.generate('clickstream', { count: '2000', seed: 'streams-windows', rate: '20', fast: true, dimensions: false });
    const expected = expectedWindowCounts(clicksOf(generated), [tumbling(10_000), hopping(30_000, 10_000)], 2_000).map((w) => ({ type: 'pageview_count', ...w }));
    expect(expected.filter((w) => w.window === 'tumbling-10s').length).toBeGreaterThan(100);
    expect(expected.filter((w) => w.window === 'hopping-30s-10s' && w.count > 1).length).toBeGreaterThan(100);

    const { out, metrics } = await runUntil('pageview-windows', generated.topic, { tumbling: '10s', 'hop-size': '30s', 'hop-advance': '10s', grace: '2s' }, expected.length);
    expect(metrics.late, 'records counted late (a partition was taken for idle?)').toBe(0);
    expect(metrics.input).toBe(2000);
    expect(sorted(out.map((r) => r.value))).toEqual(sorted(expected));
    expect(metrics.output).toBe(expected.length);
  }, 360_000);
});
