import type { Clock } from '../core/clock.js';
import { Stream, TableRef, type Element, type JobBuilder, type Row, type SourceSpec, type TableSpec, type TaskContext } from './job-api.js';
import type { JobDefinition, JobOptionValues } from './job-definition.js';
import { changelogKey, parseChangelogKey, StateStore } from './state-store.js';
import { ERROR_HEADER, SchemaViolation, type InputRecord, type OutputRecord } from './stream-record.js';
import { WatermarkTracker } from './watermarks.js';

export interface JobTaskSettings {
  readonly clock: Clock;
  readonly dlqTopic: string;
  readonly lateTopic: string;
  /** Processing time after which a silent partition stops holding the watermark back. */
  readonly idleMs: number;
}

/** Counters of one task; `jobs status` and the TUI events show them. */
export interface JobMetrics {
  input: number;
  output: number;
  late: number;
  dlq: number;
  [counter: string]: number;
}

const WATERMARKS = '__watermarks';

/**
 * One job instance's processing, free of Kafka: records in, output records and changelog entries
 * out. The runner feeds it records and processing-time ticks, takes what it produced after each
 * batch and writes all of it (with the input offsets) in one transaction. Unit tests drive it with
 * a ManualClock. `process` never throws for a bad record: it goes to the DLQ.
 */
export class JobTask {
  readonly metrics: JobMetrics = { input: 0, output: 0, late: 0, dlq: 0 };
  readonly tables: TableRef[] = [];
  /** Topics the job writes to (besides the DLQ, late-records and changelog topics). */
  readonly sinkTopics = new Set<string>();
  private readonly sources = new Map<string, { spec: SourceSpec<unknown>; stream: Stream<unknown> }>();
  private readonly stores = new Map<string, StateStore<unknown>>();
  private readonly watermarkListeners: Array<(watermark: number) => void> = [];
  private readonly restoreListeners: Array<() => void> = [];
  private readonly watermarks: WatermarkTracker;
  private readonly watermarkStore: StateStore<number>;
  private outputs: OutputRecord[] = [];
  private lastWatermark = Number.NEGATIVE_INFINITY;

  constructor(
    readonly job: JobDefinition,
    options: JobOptionValues,
    private readonly settings: JobTaskSettings,
  ) {
    this.watermarks = new WatermarkTracker(settings.idleMs);
    this.watermarkStore = this.store<number>(WATERMARKS);
    const ctx: TaskContext = {
      store: <V>(name: string) => this.store<V>(name),
      emit: (record) => {
        this.metrics.output++;
        this.outputs.push(record);
      },
      late: (element, detail) => this.late(element, detail),
      count: (metric, by = 1) => {
        this.metrics[metric] = (this.metrics[metric] ?? 0) + by;
      },
      watermark: () => this.watermarks.watermark,
      onWatermark: (listener) => this.watermarkListeners.push(listener),
      onRestore: (listener) => this.restoreListeners.push(listener),
      declareSink: (topic) => this.sinkTopics.add(topic),
    };
    const builder: JobBuilder = {
      source: <V>(topic: string, spec: SourceSpec<V>) => {
        const stream = new Stream<V>(ctx);
        this.sources.set(topic, { spec: spec as SourceSpec<unknown>, stream: stream as Stream<unknown> });
        return stream;
      },
      table: <R extends Row>(spec: TableSpec) => {
        const table = new TableRef<R>(spec);
        this.tables.push(table as unknown as TableRef);
        return table;
      },
    };
    job.build(builder, options);
  }

  get sourceTopics(): string[] {
    return [...this.sources.keys()];
  }

  store<V>(name: string): StateStore<V> {
    let store = this.stores.get(name);
    if (!store) this.stores.set(name, (store = new StateStore<unknown>(name)));
    return store as StateStore<V>;
  }

  /** Entries held in all stores (window, session and keyed state, watermarks). */
  get stateSize(): number {
    let size = 0;
    for (const store of this.stores.values()) size += store.size;
    return size;
  }

  get watermark(): number {
    return this.watermarks.watermark;
  }

  /** The partitions (`topic/partition`) this task reads now. */
  assign(partitions: readonly string[]): void {
    this.watermarks.assign(partitions, this.settings.clock.now());
  }

  /** Reports whether a partition is read up to its end: only then may it count as idle. */
  caughtUp(partition: string, caughtUp: boolean): void {
    this.watermarks.caughtUp(partition, caughtUp);
  }

  /** Parses one record and pushes it through the job; bad records go to the DLQ. */
  process(record: InputRecord): void {
    this.metrics.input++;
    const source = this.sources.get(record.topic);
    if (!source) return;
    let element: Element<unknown>;
    try {
      let json: unknown;
      try {
        json = JSON.parse(record.value?.toString('utf8') ?? 'null');
      } catch (error) {
        throw new SchemaViolation('malformed', `value is not JSON: ${(error as Error).message}`);
      }
      const value = source.spec.parse(json, record);
      const time = source.spec.eventTime(value, record);
      if (!Number.isFinite(time)) throw new SchemaViolation('missing-event-time', 'no valid event time');
      element = { key: record.key, value, time, headers: record.headers, input: record };
    } catch (error) {
      this.deadLetter(record, error instanceof SchemaViolation ? error.reason : 'schema-violation', (error as Error).message);
      return;
    }
    const emitted = this.outputs.length;
    try {
      source.stream.push(element);
    } catch (error) {
      this.outputs.length = emitted;
      this.deadLetter(record, 'processing-error', (error as Error).message);
      return;
    }
    const partition = `${record.topic}/${record.partition}`;
    const before = this.watermarks.partitionWatermark(partition);
    this.watermarks.observe(partition, element.time, this.settings.clock.now());
    const after = this.watermarks.partitionWatermark(partition)!;
    if (after !== before) this.watermarkStore.put(partition, after);
    this.advanceWatermark();
  }

  /** A processing-time tick: idle partitions may let the watermark move on. */
  punctuate(): void {
    this.advanceWatermark();
  }

  private advanceWatermark(): void {
    const watermark = this.watermarks.advance(this.settings.clock.now());
    if (watermark > this.lastWatermark) {
      this.lastWatermark = watermark;
      for (const listener of this.watermarkListeners) listener(watermark);
    }
  }

  /** Output records produced since the last call. */
  takeOutputs(): OutputRecord[] {
    const outputs = this.outputs;
    this.outputs = [];
    return outputs;
  }

  /** Changelog entries (key, JSON value or null) for every state change since the last call. */
  takeChangelog(): Array<{ key: string; value: string | null }> {
    const entries: Array<{ key: string; value: string | null }> = [];
    for (const store of this.stores.values()) {
      for (const { key, value } of store.takeChanges()) entries.push({ key: changelogKey(store.name, key), value: value === undefined ? null : JSON.stringify(value) });
    }
    return entries;
  }

  /** Applies changelog records read back from the beginning, then rebuilds operator indexes. */
  restore(entries: Iterable<{ key: string; value: string | null }>): number {
    let applied = 0;
    for (const entry of entries) {
      const parsed = parseChangelogKey(entry.key);
      if (!parsed) continue;
      this.store(parsed.store).restore(parsed.key, entry.value === null ? undefined : JSON.parse(entry.value));
      applied++;
    }
    for (const [partition, watermark] of this.watermarkStore.entries()) this.watermarks.restore(partition, watermark);
    this.lastWatermark = this.watermarks.watermark;
    for (const listener of this.restoreListeners) listener();
    return applied;
  }

  private late(element: Element<unknown>, detail: string): void {
    this.metrics.late++;
    const record = element.input;
    this.outputs.push({
      topic: this.settings.lateTopic,
      key: record.key,
      value: record.value,
      headers: {
        ...record.headers,
        ...this.origin(record),
        [`${ERROR_HEADER}reason`]: 'late',
        [`${ERROR_HEADER}exception.message`]: detail,
        [`${ERROR_HEADER}event.time`]: new Date(element.time).toISOString(),
        [`${ERROR_HEADER}watermark`]: new Date(this.watermarks.watermark).toISOString(),
      },
      timestamp: record.timestamp,
    });
  }

  private deadLetter(record: InputRecord, reason: string, message: string): void {
    this.metrics.dlq++;
    this.outputs.push({
      topic: this.settings.dlqTopic,
      key: record.key,
      value: record.value,
      headers: { ...record.headers, ...this.origin(record), [`${ERROR_HEADER}reason`]: reason, [`${ERROR_HEADER}exception.message`]: message.slice(0, 1000) },
      timestamp: record.timestamp,
    });
  }

  private origin(record: InputRecord): Record<string, string> {
    return {
      [`${ERROR_HEADER}job`]: this.job.name,
      [`${ERROR_HEADER}topic`]: record.topic,
      [`${ERROR_HEADER}partition`]: String(record.partition),
      [`${ERROR_HEADER}offset`]: record.offset,
    };
  }
}
