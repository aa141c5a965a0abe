import type { StateStore } from './state-store.js';
import type { InputRecord, OutputRecord } from './stream-record.js';
import { windowsFor, type TimeWindow, type TimeWindowSpec } from './windows.js';

/**
 * The job API: a job is a small dataflow built once per task from sources, `map`/`filter`, joins
 * against tables, keyed state, windows and sessions, and sinks (`to`). Records are pushed through
 * it one at a time, synchronously; window and session results come out when the watermark passes
 * their end plus the grace period. Everything stateful lives in `StateStore`s that the runner
 * checkpoints to the job's changelog topic.
 *
 *     job.source('clickstream', clickSource)
 *       .groupBy((click) => click.url)
 *       .windowedBy(tumbling(60_000), { graceMs: 10_000 })
 *       .count('pageviews-1m')
 *       .to('analytics-events', { value: (r) => ({ url: r.key, count: r.value }) });
 */

/** One record flowing through a job: its current key and value, its event time and its origin. */
export interface Element<V> {
  readonly key: string | null;
  readonly value: V;
  /** Event time (ms). */
  readonly time: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly input: InputRecord;
}

/** How a source topic's records are read: parse the JSON value (throw SchemaViolation) and find the event time. */
export interface SourceSpec<V> {
  parse(value: unknown, record: InputRecord): V;
  eventTime(value: V, record: InputRecord): number;
}

/** A dimension table held in memory, loaded (and refreshed) by the runner, e.g. from Postgres. */
export interface TableSpec {
  /** Table name (in Postgres: in the job's schema). */
  readonly table: string;
  /** Primary key column; lookups are by its value as a string. */
  readonly keyColumn: string;
}

export type Row = Readonly<Record<string, unknown>>;

export class TableRef<R extends Row = Row> {
  private data = new Map<string, R>();
  loaded = false;

  constructor(readonly spec: TableSpec) {}

  lookup(key: unknown): R | undefined {
    return key === null || key === undefined ? undefined : this.data.get(String(key));
  }

  /** Replaces the whole table (initial load and every refresh). */
  replace(rows: Map<string, R>): void {
    this.data = rows;
    this.loaded = true;
  }

  get size(): number {
    return this.data.size;
  }
}

/** What stream operators need from the task running them. */
export interface TaskContext {
  store<V>(name: string): StateStore<V>;
  emit(record: OutputRecord): void;
  /** A record too late for any window: counted and sent to the late-records topic. */
  late(element: Element<unknown>, detail: string): void;
  count(metric: string, by?: number): void;
  watermark(): number;
  /** Called whenever the job watermark moves forward. */
  onWatermark(listener: (watermark: number) => void): void;
  /** Called after state has been restored from the changelog (rebuild indexes here). */
  onRestore(listener: () => void): void;
  /** Declares an output topic, so the runner can create it before the first record. */
  declareSink(topic: string): void;
}

export interface WindowResult<A> {
  readonly key: string;
  readonly window: TimeWindow;
  /** `tumbling-1m`, `hopping-5m-1m`. */
  readonly windowName: string;
  readonly value: A;
}

export interface SessionResult<A> {
  readonly key: string;
  readonly start: number;
  /** Event time of the session's last record. */
  readonly end: number;
  readonly count: number;
  readonly value: A;
}

/** A keyed state update: the value before and after this record. */
export interface Change<A, V> {
  readonly key: string;
  readonly previous: A | undefined;
  readonly current: A;
  readonly value: V;
}

export interface SinkOptions<V> {
  /** Record key (default: the element's key). */
  key?: (value: V, element: Element<V>) => string | null;
  /** What to serialize as JSON (default: the value itself). */
  value?: (value: V, element: Element<V>) => unknown;
  /** Copy the input record's headers (default true). */
  headers?: boolean;
}

type Push<V> = (element: Element<V>) => void;

export class Stream<V> {
  private readonly downstream: Push<V>[] = [];

  constructor(protected readonly ctx: TaskContext) {}

  /** Runs `element` through this stream's operators. */
  push(element: Element<V>): void {
    for (const next of this.downstream) next(element);
  }

  /** A new stream fed by `operator` for every element of this one. */
  protected via<W>(operator: (element: Element<V>, out: Stream<W>) => void): Stream<W> {
    const out = new Stream<W>(this.ctx);
    this.downstream.push((element) => operator(element, out));
    return out;
  }

  map<W>(fn: (value: V, element: Element<V>) => W): Stream<W> {
    return this.via<W>((e, out) => out.push({ ...e, value: fn(e.value, e) }));
  }

  filter(predicate: (value: V, element: Element<V>) => boolean): Stream<V> {
    return this.via<V>((e, out) => {
      if (predicate(e.value, e)) out.push(e);
    });
  }

  selectKey(fn: (value: V, element: Element<V>) => string | null): Stream<V> {
    return this.via<V>((e, out) => out.push({ ...e, key: fn(e.value, e) }));
  }

  peek(fn: (value: V, element: Element<V>) => void): Stream<V> {
    return this.via<V>((e, out) => {
      fn(e.value, e);
      out.push(e);
    });
  }

  /**
   * Joins with a table by `key`. Left join by default: a miss calls `combine` with undefined and
   * counts `join_misses.<table>`; `inner: true` drops the record instead (still counted).
   */
  join<R extends Row, W>(table: TableRef<R>, key: (value: V) => unknown, combine: (value: V, row: R | undefined) => W, options: { inner?: boolean } = {}): Stream<W> {
    return this.via<W>((e, out) => {
      const row = table.lookup(key(e.value));
      if (!row) {
        this.ctx.count(`join_misses.${table.spec.table}`);
        if (options.inner) return;
      }
      out.push({ ...e, value: combine(e.value, row) });
    });
  }

  groupBy(key: (value: V, element: Element<V>) => string): Grouped<V> {
    return new Grouped<V>(this.ctx, this.selectKey(key));
  }

  /** Writes every element to `topic` as JSON, keyed by its key. */
  to(topic: string, options: SinkOptions<V> = {}): void {
    this.ctx.declareSink(topic);
    this.downstream.push((e) => {
      const value = options.value ? options.value(e.value, e) : e.value;
      this.ctx.emit({
        topic,
        key: options.key ? options.key(e.value, e) : e.key,
        value: value === null ? null : JSON.stringify(value),
        ...(options.headers === false ? {} : { headers: e.headers }),
        timestamp: e.time,
      });
    });
  }
}

/** A stream with a grouping key, ready for keyed state, windows or sessions. */
export class Grouped<V> {
  constructor(
    private readonly ctx: TaskContext,
    private readonly source: Stream<V>,
  ) {}

  /** Keyed running state: emits a Change for every record. State is kept until `evict` says otherwise. */
  aggregate<A>(storeName: string, init: () => A, add: (acc: A, value: V, element: Element<V>) => A): Stream<Change<A, V>> {
    const store = this.ctx.store<A>(storeName);
    const out = new Stream<Change<A, V>>(this.ctx);
    this.source.peek((value, e) => {
      const key = e.key ?? '';
      const previous = store.get(key);
      const current = add(previous ?? init(), value, e);
      store.put(key, current);
      out.push({ ...e, key, value: { key, previous, current, value } });
    });
    return out;
  }

  windowedBy(spec: TimeWindowSpec, options: { graceMs: number }): Windowed<V> {
    return new Windowed<V>(this.ctx, this.source, spec, options.graceMs);
  }

  sessions(options: { gapMs: number; graceMs: number }): Sessions<V> {
    return new Sessions<V>(this.ctx, this.source, options.gapMs, options.graceMs);
  }
}

interface WindowState<A> {
  k: string;
  s: number;
  e: number;
  a: A;
}

/**
 * Time windows per key. A record goes into every window holding its event time that is still open
 * (watermark < end + grace); if none is, it is late. A window's one final result is emitted, and
 * the window evicted, once the watermark reaches end + grace.
 */
export class Windowed<V> {
  constructor(
    private readonly ctx: TaskContext,
    private readonly source: Stream<V>,
    private readonly spec: TimeWindowSpec,
    private readonly graceMs: number,
  ) {}

  count(storeName: string): Stream<WindowResult<number>> {
    return this.aggregate(storeName, () => 0, (n) => n + 1);
  }

  aggregate<A>(storeName: string, init: () => A, add: (acc: A, value: V, element: Element<V>) => A): Stream<WindowResult<A>> {
    const { ctx, spec, graceMs } = this;
    const store = ctx.store<WindowState<A>>(storeName);
    const byEnd = new Map<number, Set<string>>();
    const index = (storeKey: string, end: number) => {
      let keys = byEnd.get(end);
      if (!keys) byEnd.set(end, (keys = new Set()));
      keys.add(storeKey);
    };
    ctx.onRestore(() => {
      byEnd.clear();
      for (const [storeKey, state] of store.entries()) index(storeKey, state.e);
    });
    const out = new Stream<WindowResult<A>>(ctx);
    this.source.peek((value, e) => {
      const watermark = ctx.watermark();
      const open = windowsFor(e.time, spec).filter((w) => watermark < w.end + graceMs);
      if (open.length === 0) {
        ctx.late(e, `${spec.name} windows of ${new Date(e.time).toISOString()} closed (watermark ${new Date(watermark).toISOString()}, grace ${graceMs} ms)`);
        return;
      }
      const key = e.key ?? '';
      for (const w of open) {
        const storeKey = `${key}\u0001${w.start}`;
        const state = store.get(storeKey);
        store.put(storeKey, { k: key, s: w.start, e: w.end, a: add(state ? state.a : init(), value, e) });
        if (!state) index(storeKey, w.end);
      }
    });
    ctx.onWatermark((watermark) => {
      const due = [...byEnd.keys()].filter((end) => end + graceMs <= watermark).sort((a, b) => a - b);
      for (const end of due) {
        for (const storeKey of byEnd.get(end)!) {
          const state = store.get(storeKey);
          if (!state) continue;
          store.delete(storeKey);
          const window = { start: state.s, end: state.e };
          out.push({
            key: state.k,
            value: { key: state.k, window, windowName: spec.name, value: state.a },
            time: state.e - 1,
            headers: {},
            input: WINDOW_INPUT,
          });
        }
        byEnd.delete(end);
      }
    });
    return out;
  }
}

interface SessionState<A> {
  k: string;
  s: number;
  e: number;
  n: number;
  a: A;
}

/**
 * Sessions per key: records less than `gap` apart belong to one session; a record that bridges two
 * sessions merges them. A record older than watermark − grace is late. A session is emitted and
 * evicted once the watermark reaches its last event + gap + grace.
 */
export class Sessions<V> {
  constructor(
    private readonly ctx: TaskContext,
    private readonly source: Stream<V>,
    private readonly gapMs: number,
    private readonly graceMs: number,
  ) {}

  count(storeName: string): Stream<SessionResult<null>> {
    return this.aggregate<null>(storeName, () => null, () => null, () => null);
  }

  aggregate<A>(storeName: string, init: () => A, add: (acc: A, value: V) => A, merge: (a: A, b: A) => A): Stream<SessionResult<A>> {
    const { ctx, gapMs, graceMs } = this;
    const store = ctx.store<SessionState<A>>(storeName);
    const byKey = new Map<string, Set<string>>();
    let nextClose = Number.POSITIVE_INFINITY;
    const index = (storeKey: string, state: SessionState<A>) => {
      let keys = byKey.get(state.k);
      if (!keys) byKey.set(state.k, (keys = new Set()));
      keys.add(storeKey);
      nextClose = Math.min(nextClose, state.e + gapMs + graceMs);
    };
    const unindex = (storeKey: string, key: string) => {
      const keys = byKey.get(key);
      keys?.delete(storeKey);
      if (keys?.size === 0) byKey.delete(key);
    };
    ctx.onRestore(() => {
      byKey.clear();
      nextClose = Number.POSITIVE_INFINITY;
      for (const [storeKey, state] of store.entries()) index(storeKey, state);
    });
    const out = new Stream<SessionResult<A>>(ctx);
    this.source.peek((value, e) => {
      const watermark = ctx.watermark();
      if (e.time < watermark - graceMs) {
        ctx.late(e, `session record at ${new Date(e.time).toISOString()} is older than watermark ${new Date(watermark).toISOString()} minus grace ${graceMs} ms`);
        return;
      }
      const key = e.key ?? '';
      let merged: SessionState<A> = { k: key, s: e.time, e: e.time, n: 1, a: add(init(), value) };
      for (const storeKey of [...(byKey.get(key) ?? [])]) {
        const other = store.get(storeKey)!;
        if (e.time - other.e < gapMs && other.s - e.time < gapMs) {
          merged = { k: key, s: Math.min(merged.s, other.s), e: Math.max(merged.e, other.e), n: merged.n + other.n, a: merge(other.a, merged.a) };
          store.delete(storeKey);
          unindex(storeKey, key);
        }
      }
      const storeKey = `${key}\u0001${merged.s}`;
      store.put(storeKey, merged);
      index(storeKey, merged);
    });
    ctx.onWatermark((watermark) => {
      if (watermark < nextClose) return;
      nextClose = Number.POSITIVE_INFINITY;
      const closed: SessionState<A>[] = [];
      for (const [storeKey, state] of store.entries()) {
        const closesAt = state.e + gapMs + graceMs;
        if (closesAt <= watermark) closed.push(state);
        else nextClose = Math.min(nextClose, closesAt);
        void storeKey;
      }
      closed.sort((a, b) => a.e - b.e || a.k.localeCompare(b.k));
      for (const state of closed) {
        const storeKey = `${state.k}\u0001${state.s}`;
        store.delete(storeKey);
        unindex(storeKey, state.k);
        out.push({
          key: state.k,
          value: { key: state.k, start: state.s, end: state.e, count: state.n, value: state.a },
          time: state.e,
          headers: {},
          input: WINDOW_INPUT,
        });
      }
    });
    return out;
  }
}

/** The origin of window and session results: no single input record. */
const WINDOW_INPUT: InputRecord = { topic: '', partition: -1, offset: '-1', key: null, value: null, timestamp: 0, headers: {} };

/** What a job definition's `build` receives: where sources and tables come from. */
export interface JobBuilder {
  source<V>(topic: string, spec: SourceSpec<V>): Stream<V>;
  table<R extends Row>(spec: TableSpec): TableRef<R>;
}
