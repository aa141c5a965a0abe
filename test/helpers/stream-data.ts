import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Consumer } from 'kafkajs';
import pg from 'pg';
import { createRun } from '../../generators/core/generate-records.js';
import type { PlannedRecord } from '../../generators/core/planned-record.js';
import { parseGenerateOptions, type RawGenerateOptions } from '../../generators/generate-options.js';
import { builtinGenerators } from '../../generators/generator-registry.js';
import type { Ledger } from '../../generators/ledger/ledger.js';
import { registerCodecs } from '../../runtime/kafka/codecs.js';
import { quoteIdent } from '../../generators/runner/postgres-dimensions.js';
import { runGeneration } from '../../generators/run-generation.js';
import { pollUntil } from '../../runtime/core/poll.js';
import { retryTransient } from '../../runtime/kafka/create-topics.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import type { Endpoints } from '../../stacks/sandbox-state.js';
import { unique } from './unique.js';

/** One record read back from a topic; a value that is not JSON comes as `{ raw }`. */
export interface ReadRecord {
  key: string | null;
  value: Record<string, unknown> | null;
  /** The value as sent, undecoded text. */
  raw: string | null;
  headers: Record<string, string>;
}

export interface GeneratedData {
  topic: string;
  pgSchema: string;
  ledger: Ledger;
  /** Every record the generator planned, in send order (the same seed gives the same records). */
  planned: PlannedRecord[];
}

/** Polls `predicate` until it holds (default deadline 120 s). */
export const until = (what: string, predicate: () => boolean, timeoutMs = 120_000) => pollUntil(what, async () => (predicate() ? true : undefined), { timeoutMs });

/**
 * Test data for stream jobs on a running stack: seeded generator runs into unique topics, readers
 * that tail topics, and `cleanup` that deletes every topic with a prefix handed out or `track`ed,
 * the Postgres schemas and the readers. Call `open` in beforeAll and `cleanup` in afterAll.
 */
export class StreamTestData {
  private dir = '';
  private readonly prefixes: string[] = [];
  private readonly schemas: string[] = [];
  private readonly consumers: Consumer[] = [];

  constructor(private readonly endpoints: Endpoints) {}

  async open(): Promise<void> {
    registerCodecs();
    this.dir = await mkdtemp(join(tmpdir(), 'stream-data-'));
  }

  /** A unique name whose topics (`name`, `name-*`) `cleanup` deletes. */
  track(prefix: string): string {
    const name = unique(prefix);
    this.prefixes.push(name);
    return name;
  }

  /**
   * Runs generator `name` into a new topic, with dimension tables in a new Postgres schema. Without
   * a start time the event times end now: a fixed date in the past puts the records beyond the
   * brokers' 7-day retention, and the retention check deletes them in the middle of a test.
   */
  async generate(name: string, raw: RawGenerateOptions): Promise<GeneratedData> {
    const topic = this.track(`st-${name}`);
    const pgSchema = unique('st').replace('-', '_');
    this.schemas.push(pgSchema);
    const spec = builtinGenerators().get(name)!;
    const options = parseGenerateOptions({ topic, pgSchema, ledger: join(this.dir, `${topic}.json`), ...raw }, { topic, now: Date.now() });
    const result = await runGeneration({ spec, options, targets: { bootstrapServers: this.endpoints.bootstrapServers, postgresUrl: this.endpoints.postgresUrl! } });
    if (result.outcome.stopped !== 'completed') throw new Error(`generating ${name} stopped: ${result.outcome.stopped}`);
    return { topic, pgSchema, ledger: result.ledger, planned: [...createRun(spec, options.settings).records] };
  }

  /** Reads `topic` from the beginning, read_committed, into a growing array. */
  async tail(topic: string): Promise<ReadRecord[]> {
    const consumer = kafkaClient(this.endpoints.bootstrapServers).consumer({ groupId: unique('st-read') });
    this.consumers.push(consumer);
    await consumer.connect();
    await retryTransient(() => consumer.subscribe({ topic, fromBeginning: true }));
    const seen: ReadRecord[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        const raw = message.value?.toString() ?? null;
        let value: Record<string, unknown> | null = null;
        try {
          value = raw === null ? null : (JSON.parse(raw) as Record<string, unknown>);
        } catch {
          value = { raw };
        }
        seen.push({ key: message.key?.toString() ?? null, value, raw, headers });
      },
    });
    return seen;
  }

  /** Waits for a job to create `topic` (with a leader for every partition), then tails it. */
  async tailWhenExists(topic: string): Promise<ReadRecord[]> {
    const admin = kafkaClient(this.endpoints.bootstrapServers).admin();
    await admin.connect();
    try {
      // A consumer subscribing earlier fails on the transient UNKNOWN_TOPIC_OR_PARTITION a broker
      // answers for a topic created a moment ago.
      await pollUntil(
        `topic ${topic} with a leader for every partition`,
        async () => {
          if (!(await admin.listTopics()).includes(topic)) return undefined;
          const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
          return metadata && metadata.partitions.length > 0 && metadata.partitions.every((p) => p.leader >= 0) ? true : undefined;
        },
        { timeoutMs: 60_000 },
      );
    } finally {
      await admin.disconnect();
    }
    return this.tail(topic);
  }

  async cleanup(): Promise<void> {
    for (const consumer of this.consumers) await consumer.disconnect().catch(() => undefined);
    const admin = kafkaClient(this.endpoints.bootstrapServers).admin();
    await admin.connect();
    const existing = await admin.listTopics();
    const ours = existing.filter((t) => this.prefixes.some((prefix) => t === prefix || t.startsWith(`${prefix}-`)));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours }).catch(() => undefined);
    await admin.disconnect();
    if (this.schemas.length > 0) {
      const client = new pg.Client({ connectionString: this.endpoints.postgresUrl });
      await client.connect();
      for (const schema of this.schemas) await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await client.end();
    }
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
