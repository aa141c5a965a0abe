import pg from 'pg';
import { ConnectorError } from '../core/errors.js';
import type { ConnectValue, SourceRecord } from '../core/record.js';
import { Config, splitList, type FieldSpec } from '../core/config-spec.js';
import type { SourcePlugin, SourceTask, TaskContext } from './connector.js';
import { parseJdbcUrl } from './jdbc-url.js';
import { classifyPgError } from './pg-errors.js';
import { quoteIdent, quoteTable, type TableId } from './sql-builder.js';

const MODES = ['bulk', 'incrementing', 'timestamp', 'timestamp+incrementing'] as const;
type Mode = (typeof MODES)[number];

export const postgresSourceSpec: readonly FieldSpec[] = [
  { name: 'connection.url', type: 'STRING', doc: 'jdbc:postgresql://host:port/database', importance: 'HIGH', group: 'Database', check: (v) => (v && /^(jdbc:)?postgres(ql)?:\/\//.test(v) ? undefined : 'must start with jdbc:postgresql://') },
  { name: 'connection.user', type: 'STRING', default: null, doc: 'Database user', importance: 'HIGH', group: 'Database' },
  { name: 'connection.password', type: 'PASSWORD', default: null, doc: 'Database password', importance: 'HIGH', group: 'Database' },
  { name: 'table.whitelist', type: 'LIST', default: '', aliases: ['table.include.list'], doc: 'Tables to copy (schema.table or table); empty: every table of the current schema', importance: 'MEDIUM', group: 'Database' },
  { name: 'table.blacklist', type: 'LIST', default: '', aliases: ['table.exclude.list'], doc: 'Tables not to copy', importance: 'MEDIUM', group: 'Database' },
  { name: 'mode', type: 'STRING', oneOf: MODES, doc: 'bulk, incrementing, timestamp or timestamp+incrementing', importance: 'HIGH', group: 'Mode' },
  { name: 'incrementing.column.name', type: 'STRING', default: '', doc: 'Strictly increasing column (incrementing modes)', importance: 'MEDIUM', group: 'Mode' },
  { name: 'timestamp.column.name', type: 'LIST', default: '', doc: 'Timestamp column(s), first non-null wins (timestamp modes)', importance: 'MEDIUM', group: 'Mode' },
  { name: 'timestamp.delay.interval.ms', type: 'LONG', default: '0', min: 0, doc: 'Wait this long after a timestamp before copying its rows', importance: 'LOW', group: 'Mode' },
  { name: 'query', type: 'STRING', default: '', doc: 'A query instead of tables; its rows go to topic.prefix', importance: 'MEDIUM', group: 'Mode' },
  { name: 'topic.prefix', type: 'STRING', default: '', doc: 'Topic = prefix + table name (or the prefix alone with query)', importance: 'HIGH', group: 'Connector' },
  { name: 'poll.interval.ms', type: 'INT', default: '5000', min: 1, doc: 'How often each table is polled', importance: 'HIGH', group: 'Connector' },
  { name: 'batch.max.rows', type: 'INT', default: '100', min: 1, doc: 'Rows per poll per table', importance: 'LOW', group: 'Connector' },
];

interface Source {
  partition: Record<string, ConnectValue>;
  from: string;
  topic: string;
  offset: { incrementing?: number; timestamp?: number; timestamp_micros?: string };
  nextPollAt: number;
}

/** The query of one poll; pure. Offsets compared as Connect's JDBC source does. */
export function pollQuery(mode: Mode, from: string, opts: { inc: string; ts: string[]; limit: number; offset: { incrementing?: number; timestamp?: number; timestamp_micros?: string }; delayMs: number }): { text: string; values: unknown[] } {
  const inc = opts.inc ? quoteIdent(opts.inc) : '';
  const tsColumn = opts.ts.length > 1 ? `COALESCE(${opts.ts.map(quoteIdent).join(', ')})` : opts.ts[0] ? quoteIdent(opts.ts[0]) : '';
  // Microseconds since the epoch: Postgres timestamps are finer than a JS Date.
  const ts = `(extract(epoch from ${tsColumn}) * 1000000)::bigint`;
  const endTs = `(extract(epoch from now() - ($1 || ' milliseconds')::interval) * 1000000)::bigint`;
  const since = String(opts.offset.timestamp_micros ?? (opts.offset.timestamp ?? 0) * 1000);
  const select = `SELECT *, ${ts} AS "__connect_ts_us" FROM ${from}`;
  switch (mode) {
    case 'bulk':
      return { text: `SELECT * FROM ${from}`, values: [] };
    case 'incrementing':
      return { text: `SELECT * FROM ${from} WHERE ${inc} > $1 ORDER BY ${inc} ASC LIMIT ${opts.limit}`, values: [opts.offset.incrementing ?? -1] };
    case 'timestamp':
      return { text: `${select} WHERE ${ts} > $2 AND ${ts} < ${endTs} ORDER BY ${ts} ASC LIMIT ${opts.limit}`, values: [String(opts.delayMs), since] };
    case 'timestamp+incrementing':
      return {
        text: `${select} WHERE ${ts} < ${endTs} AND ((${ts} = $2 AND ${inc} > $3) OR ${ts} > $2) ORDER BY ${ts} ASC, ${inc} ASC LIMIT ${opts.limit}`,
        values: [String(opts.delayMs), since, opts.offset.incrementing ?? -1],
      };
  }
}

function toConnect(value: unknown): ConnectValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  if (Buffer.isBuffer(value)) return new Uint8Array(value);
  if (value instanceof Date) return value;
  if (typeof value === 'object') return JSON.parse(JSON.stringify(value)) as ConnectValue;
  return value as ConnectValue;
}

class PostgresSourceTask implements SourceTask {
  private pool!: pg.Pool;
  private config!: Config;
  private sources: Source[] = [];
  private next = 0;
  private stopped = new AbortController();
  private context!: TaskContext;

  async start(raw: Readonly<Record<string, string>>, context: TaskContext): Promise<void> {
    this.context = context;
    this.config = new Config(postgresSourceSpec, raw);
    const connection = parseJdbcUrl(this.config.requiredString('connection.url'), (a) => context.mapAddress(a));
    const user = this.config.string('connection.user');
    const password = this.config.string('connection.password');
    this.pool = new pg.Pool({ ...connection, ...(user ? { user } : {}), ...(password ? { password } : {}), max: 1, connectionTimeoutMillis: 10_000 });
    this.pool.on('error', () => undefined);
    const prefix = this.config.string('topic.prefix') ?? '';
    const query = this.config.string('query');
    if (query) {
      this.sources = [{ partition: { query: 'query' }, from: `(${query}) AS "q"`, topic: prefix, offset: {}, nextPollAt: 0 }];
    } else {
      let tables = this.config.list('table.whitelist');
      if (tables.length === 0) {
        const result = await this.pool.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`).catch((error) => {
          throw classifyPgError(error, 'listing tables');
        });
        tables = result.rows.map((row) => row.table_name);
      }
      const excluded = new Set(this.config.list('table.blacklist'));
      this.sources = tables.filter((t) => !excluded.has(t)).map((table) => {
        const dot = table.indexOf('.');
        const id: TableId = dot > 0 ? { schema: table.slice(0, dot), table: table.slice(dot + 1) } : { table };
        return { partition: { protocol: '1', table }, from: quoteTable(id), topic: `${prefix}${id.table}`, offset: {}, nextPollAt: 0 };
      });
    }
    for (const source of this.sources) {
      const stored = context.offset(source.partition) as Source['offset'] | undefined;
      if (stored) source.offset = { ...stored };
    }
  }

  async poll(): Promise<SourceRecord[]> {
    if (this.sources.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return [];
    }
    const now = Date.now();
    const due = this.sources.map((_, i) => this.sources[(this.next + i) % this.sources.length]!).find((s) => s.nextPollAt <= now);
    if (!due) {
      const wait = Math.min(...this.sources.map((s) => s.nextPollAt)) - now;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(wait, 1000));
        this.stopped.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
      return [];
    }
    this.next = (this.sources.indexOf(due) + 1) % this.sources.length;
    const mode = this.config.choice('mode') as Mode;
    const inc = this.config.string('incrementing.column.name') ?? '';
    const ts = this.config.list('timestamp.column.name');
    const limit = this.config.int('batch.max.rows');
    const { text, values } = pollQuery(mode, due.from, { inc, ts, limit, offset: due.offset, delayMs: this.config.int('timestamp.delay.interval.ms') });
    let rows: Record<string, unknown>[];
    try {
      rows = (await this.pool.query(text, values)).rows;
    } catch (error) {
      throw classifyPgError(error, `polling ${due.from}`);
    }
    if (mode === 'bulk' || rows.length < limit) due.nextPollAt = Date.now() + this.config.int('poll.interval.ms');
    return rows.map((row) => {
      const { __connect_ts_us: micros, ...columns } = row;
      const value = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, toConnect(v)]));
      const offset: Record<string, ConnectValue> = {};
      if (mode === 'incrementing' || mode === 'timestamp+incrementing') {
        const n = Number(row[inc]);
        if (!Number.isFinite(n)) throw new ConnectorError(`incrementing column ${inc} is null or not a number in ${due.from}`, { retriable: false });
        offset.incrementing = n;
      }
      if (mode === 'timestamp' || mode === 'timestamp+incrementing') {
        offset.timestamp = Math.floor(Number(micros) / 1000);
        offset.timestamp_micros = String(micros);
      }
      if (mode !== 'bulk') due.offset = offset as Source['offset'];
      return Object.freeze({ topic: due.topic, partition: null, key: null, value, timestamp: null, headers: [], sourcePartition: due.partition, sourceOffset: offset });
    });
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.pool?.end().catch(() => undefined);
    void this.context;
  }
}

export const postgresSourcePlugin: SourcePlugin = {
  type: 'source',
  className: 'io.kafkasandbox.connect.postgres.PostgresSourceConnector',
  aliases: ['io.confluent.connect.jdbc.JdbcSourceConnector', 'JdbcSourceConnector', 'PostgresSourceConnector'],
  version: '1.0.0',
  spec: postgresSourceSpec,
  validate(config) {
    const problems: { field: string; message: string }[] = [];
    const mode = config.choice('mode');
    if (mode.includes('incrementing') && !config.string('incrementing.column.name')) problems.push({ field: 'incrementing.column.name', message: `mode=${mode} needs incrementing.column.name` });
    if (mode.includes('timestamp') && config.list('timestamp.column.name').length === 0) problems.push({ field: 'timestamp.column.name', message: `mode=${mode} needs timestamp.column.name` });
    if (config.string('query') && config.list('table.whitelist').length > 0) problems.push({ field: 'query', message: 'query and table.whitelist are mutually exclusive' });
    if (config.string('query') && !config.string('topic.prefix')) problems.push({ field: 'topic.prefix', message: 'with query, topic.prefix is the topic name and must be set' });
    return problems;
  },
  taskConfigs: (config) => [{ ...config }],
  createTask: () => new PostgresSourceTask(),
};
