import { randomUUID } from 'node:crypto';
import { createRun } from '../core/generate-records.js';
import type { PlannedRecord } from '../core/planned-record.js';
import { builtinGenerators } from '../generator-registry.js';
import type { ConnectValue, SourceRecord } from '../../runtime/core/record.js';
import { Config, type FieldSpec } from '../../runtime/core/config-spec.js';
import type { SourcePlugin, SourceTask, TaskContext } from '../../runtime/connectors/connector.js';

/** Confluent datagen quickstart names -> the sandbox's generators. */
const QUICKSTARTS: Record<string, string> = { clickstream: 'clickstream', pageviews: 'clickstream', users: 'user-events', 'user-events': 'user-events', orders: 'order-events', 'order-events': 'order-events' };

export const datagenSourceSpec: readonly FieldSpec[] = [
  { name: 'quickstart', type: 'STRING', default: 'clickstream', aliases: ['generator'], oneOf: Object.keys(QUICKSTARTS), doc: 'Generator: clickstream, user-events, order-events (Confluent names pageviews, users, orders accepted)', importance: 'HIGH', group: 'Datagen' },
  { name: 'kafka.topic', type: 'STRING', aliases: ['topic'], doc: 'Topic the records go to', importance: 'HIGH', group: 'Datagen' },
  { name: 'max.interval', type: 'LONG', default: '500', min: 1, doc: 'Milliseconds between records', importance: 'MEDIUM', group: 'Datagen' },
  { name: 'iterations', type: 'LONG', default: '-1', min: -1, doc: 'Records to produce (-1: no end)', importance: 'MEDIUM', group: 'Datagen' },
  { name: 'random.seed', type: 'STRING', default: null, aliases: ['seed'], doc: 'Seed: equal seeds give equal records (default: random, kept in the offsets)', importance: 'LOW', group: 'Datagen' },
];

function toConnect(value: unknown): ConnectValue {
  return JSON.parse(JSON.stringify(value)) as ConnectValue;
}

/**
 * The sandbox's generators as a Connect source, paced at `max.interval`. Source offset
 * `{seed, start, sequence}`: a restarted task rebuilds the same run and continues after the last
 * record Kafka acknowledged.
 */
class DatagenSourceTask implements SourceTask {
  private records!: Iterator<PlannedRecord>;
  private generator = '';
  private topic = '';
  private seed = '';
  private startTime = 0;
  private intervalMs = 500;
  private nextSequence = 0;
  private pending: PlannedRecord | undefined;
  private stopped = new AbortController();

  async start(raw: Readonly<Record<string, string>>, context: TaskContext): Promise<void> {
    const config = new Config(datagenSourceSpec, raw);
    this.generator = QUICKSTARTS[config.choice('quickstart')]!;
    const spec = builtinGenerators().get(this.generator)!;
    this.topic = config.requiredString('kafka.topic');
    this.intervalMs = config.int('max.interval');
    const iterations = config.int('iterations');
    const stored = context.offset({ generator: this.generator, topic: this.topic }) as { seed?: string; start?: number; sequence?: number } | undefined;
    this.seed = stored?.seed ?? config.string('random.seed') ?? randomUUID();
    this.startTime = stored?.start ?? Date.now();
    const run = createRun(spec, {
      seed: this.seed,
      startTime: this.startTime,
      count: iterations < 0 ? Number.MAX_SAFE_INTEGER : iterations,
      rate: 1000 / this.intervalMs,
      maxLatenessMs: 0,
      disorder: { lateRate: 0, duplicateRate: 0, malformedRate: 0, orphanRate: 0 },
      topic: this.topic,
      model: { users: 1000, products: 200 },
    });
    this.records = run.records[Symbol.iterator]();
    const resumeAfter = stored?.sequence ?? -1;
    while (this.nextSequence <= resumeAfter) {
      if (this.records.next().done) break;
      this.nextSequence++;
    }
  }

  async poll(): Promise<SourceRecord[]> {
    const out: SourceRecord[] = [];
    const elapsed = Date.now() - this.startTime;
    while (out.length < 1000) {
      const next: PlannedRecord | undefined = this.pending ?? (this.records.next().value as PlannedRecord | undefined);
      this.pending = undefined;
      if (!next) break;
      if (next.dueOffsetMs > elapsed) {
        this.pending = next;
        break;
      }
      this.nextSequence = next.sequence + 1;
      out.push(
        Object.freeze({
          topic: this.topic,
          partition: null,
          key: next.key,
          value: toConnect(next.value),
          timestamp: next.timestamp,
          headers: Object.entries(next.headers).map(([key, value]) => ({ key, value: value as ConnectValue })),
          sourcePartition: { generator: this.generator, topic: this.topic },
          sourceOffset: { seed: this.seed, start: this.startTime, sequence: next.sequence },
        }),
      );
    }
    if (out.length === 0) {
      const wait = this.pending ? Math.min(1000, Math.max(10, this.pending.dueOffsetMs - elapsed)) : 1000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.stopped.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
    return out;
  }

  async stop(): Promise<void> {
    this.stopped.abort();
  }
}

export const datagenSourcePlugin: SourcePlugin = {
  type: 'source',
  className: 'io.kafkasandbox.connect.datagen.DatagenSourceConnector',
  aliases: ['io.confluent.kafka.connect.datagen.DatagenConnector', 'DatagenConnector', 'DatagenSourceConnector'],
  version: '1.0.0',
  spec: datagenSourceSpec,
  taskConfigs: (config) => [{ ...config }],
  createTask: () => new DatagenSourceTask(),
};

/** The connector plugins this module adds to a worker (see the worker's `pluginModules`). */
export const connectorPlugins = [datagenSourcePlugin];
