import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { createTopicsAndWait, retryTransient } from '../../runtime/kafka/create-topics.js';
import { parseJobOptions } from '../../runtime/streams/job-definition.js';
import { builtinJobs } from '../../runtime/streams/job-registry.js';
import { runJob, type Guarantee } from '../../runtime/streams/kafka-job-runner.js';
import { javaReadCommitted } from '../helpers/java-read-committed.js';
import { StreamTestData, until, type ReadRecord } from '../helpers/stream-data.js';

const endpoints = inject('endpoints');
const data = new StreamTestData(endpoints);
let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  await data.open();
  kafka = kafkaClient(endpoints.bootstrapServers);
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await data.cleanup();
  await admin.disconnect();
});

/** Writes `{ id }` records from..to-1 to a 6-partition topic, one partition per send: the input itself holds no duplicate. */
async function produce(topic: string, from: number, to: number): Promise<void> {
  await createTopicsAndWait(admin, [{ topic, numPartitions: 6, replicationFactor: 3 }]);
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  for (let partition = 0; partition < 6; partition++) {
    const messages: Array<{ key: string; value: string; partition: number }> = [];
    for (let i = from; i < to; i++) if (i % 6 === partition) messages.push({ key: `k${i}`, value: JSON.stringify({ id: i }), partition });
    await retryTransient(() => producer.send({ topic, messages, acks: -1 }));
  }
  await producer.disconnect();
}

/** Runs pass-through from `source` to `sink` until `done` holds, then stops it cleanly. */
async function passThrough(app: string, source: string, sink: string, guarantee: Guarantee, maxBatch: number, done: () => Promise<unknown>) {
  const job = builtinJobs().get('pass-through')!;
  const controller = new AbortController();
  const running = runJob({ job, options: parseJobOptions(job, { source, sink }), bootstrapServers: endpoints.bootstrapServers, applicationId: app, guarantee, maxBatch, signal: controller.signal });
  running.catch(() => undefined);
  try {
    await done();
  } finally {
    controller.abort();
  }
  return running;
}

/** The values as sent: the checks below compare them undecoded. */
const values = (records: ReadRecord[]) => records.map((r) => r.raw);
const distinct = (seen: ReadRecord[], count: number) => until(`${count} distinct records`, () => new Set(values(seen)).size >= count, 420_000);

describe('stream job writes', () => {
  /**
   * Many small transactions, each writing to partitions led by every broker: the path on which
   * kafkajs' sendBatch appended a batch twice inside one committed transaction (its retry after one
   * broker's CONCURRENT_TRANSACTIONS resent to a broker whose request was still in flight, with
   * fresh sequence numbers). Shows in a minute what the SIGKILL test saw now and then.
   */
  it('exactly-once: pass-through in 300 transactions across all brokers writes every record once, for Java and kafkajs read_committed readers', async () => {
    const source = data.track('eos-src');
    const app = data.track('eos-app');
    const sink = `${app}-out`;
    const count = 3000;
    await produce(source, 0, count);
    let seen: ReadRecord[] = [];
    const metrics = await passThrough(app, source, sink, 'exactly-once', 10, async () => {
      seen = await data.tailWhenExists(sink);
      await distinct(seen, count);
    });
    expect(metrics.input).toBe(count);
    // The Java reader reads until 20 s pass without a record: time enough for a duplicate to reach kafkajs too.
    const reference = await javaReadCommitted(sink);
    expect(reference.length - new Set(reference).size, 'records the Java read_committed consumer saw twice').toBe(0);
    expect(reference).toHaveLength(count);
    expect(seen.length - new Set(values(seen)).size, 'records kafkajs read_committed saw twice').toBe(0);
    expect(seen).toHaveLength(count);
  }, 600_000);

  it('at-least-once: every record arrives, and a restarted job carries on from the positions in its changelog, even without group offsets', async () => {
    const source = data.track('alo-src');
    const app = data.track('alo-app');
    const sink = `${app}-out`;
    await produce(source, 0, 600);
    let seen: ReadRecord[] = [];
    const first = await passThrough(app, source, sink, 'at-least-once', 50, async () => {
      seen = await data.tailWhenExists(sink);
      await distinct(seen, 600);
    });
    expect(first.input).toBe(600);
    await produce(source, 600, 900);
    // Older group offsets than the changelog's (here none at all): the changelog, written with the
    // outputs, is where the job resumes. From the group's offsets it would read all 900 again.
    await admin.deleteGroups([app]);
    const second = await passThrough(app, source, sink, 'at-least-once', 50, () => distinct(seen, 900));
    expect(second.input).toBe(300);
    expect(new Set(values(seen))).toEqual(new Set(Array.from({ length: 900 }, (_, id) => JSON.stringify({ id }))));
  }, 600_000);
});
