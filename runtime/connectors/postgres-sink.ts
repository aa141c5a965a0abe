import pg from 'pg';
import { ConnectorError } from '../core/errors.js';
import type { ConnectSchema, ConnectValue, SinkRecord } from '../core/record.js';
import { Config, splitList, type FieldSpec } from '../core/config-spec.js';
import type { SinkPlugin, SinkTask, TaskContext } from './connector.js';
import { parseJdbcUrl } from './jdbc-url.js';
import { classifyPgError } from './pg-errors.js';
import {
  addColumnSql,
  createTableSql,
  deleteSql,
  inferSqlType,
  quoteTable,
  sqlParam,
  sqlTypeForSchema,
  tableIdFor,
  updateSql,
  writeSql,
  writeUnnestSql,
  canUnnest,
  type ColumnDef,
  type InsertMode,
  type SqlType,
  type TableId,
} from './sql-builder.js';

const group = 'Connection';

export const postgresSinkSpec: readonly FieldSpec[] = [
  { name: 'connection.url', type: 'STRING', doc: 'jdbc:postgresql://host:port/database', importance: 'HIGH', group, check: (v) => (v && /^(jdbc:)?postgres(ql)?:\/\//.test(v) ? undefined : 'must start with jdbc:postgresql://') },
  { name: 'connection.user', type: 'STRING', default: null, doc: 'Database user', importance: 'HIGH', group },
  { name: 'connection.password', type: 'PASSWORD', default: null, doc: 'Database password', importance: 'HIGH', group },
  { name: 'insert.mode', type: 'STRING', default: 'insert', oneOf: ['insert', 'upsert', 'update'], doc: 'insert, upsert (INSERT .. ON CONFLICT DO UPDATE) or update', importance: 'HIGH', group: 'Writes' },
  { name: 'batch.size', type: 'INT', default: '3000', min: 1, doc: 'Rows per statement', importance: 'MEDIUM', group: 'Writes' },
  { name: 'delete.enabled', type: 'BOOLEAN', default: 'false', doc: 'Delete the row of a tombstone (needs pk.mode=record_key)', importance: 'MEDIUM', group: 'Writes' },
  { name: 'table.name.format', type: 'STRING', default: '${topic}', doc: 'Table name; ${topic} is the record topic; a dot in the format separates the schema', importance: 'MEDIUM', group: 'Data Mapping' },
  { name: 'pk.mode', type: 'STRING', default: 'none', oneOf: ['none', 'kafka', 'record_key', 'record_value'], doc: 'Where the primary key comes from', importance: 'HIGH', group: 'Data Mapping' },
  { name: 'pk.fields', type: 'LIST', default: '', doc: 'Primary key column names (see pk.mode)', importance: 'MEDIUM', group: 'Data Mapping' },
  { name: 'fields.whitelist', type: 'LIST', default: '', aliases: ['fields.include.list'], doc: 'Value fields to write (empty: all)', importance: 'MEDIUM', group: 'Data Mapping' },
  { name: 'auto.create', type: 'BOOLEAN', default: 'false', doc: 'CREATE TABLE when missing, types from the schema or inferred from JSON values', importance: 'MEDIUM', group: 'DDL Support' },
  { name: 'auto.evolve', type: 'BOOLEAN', default: 'false', doc: 'ALTER TABLE ADD COLUMN for new fields', importance: 'MEDIUM', group: 'DDL Support' },
  { name: 'max.retries', type: 'INT', default: '10', min: 0, doc: 'Accepted for compatibility (retries follow errors.retry.timeout)', importance: 'LOW', group: 'Retries' },
  { name: 'retry.backoff.ms', type: 'INT', default: '3000', min: 0, doc: 'Accepted for compatibility', importance: 'LOW', group: 'Retries' },
  { name: 'dialect.name', type: 'STRING', default: '', doc: 'Accepted; only PostgreSqlDatabaseDialect is supported', importance: 'LOW', group: 'Connection', check: (v) => (!v || /postgres/i.test(v) ? undefined : 'only PostgreSqlDatabaseDialect is supported') },
];

interface Op {
  table: TableId;
  kind: 'write' | 'delete';
  columns: string[];
  keyColumns: string[];
  row: ConnectValue[];
  types: (SqlType | undefined)[];
}

const KAFKA_PK = ['__connect_topic', '__connect_partition', '__connect_offset'];

function asObject(value: ConnectValue): Record<string, ConnectValue> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array)
    ? (value as Record<string, ConnectValue>)
    : undefined;
}

/** Column types of a struct schema's fields, computed once per schema (records share schema objects). */
const fieldTypesCache = new WeakMap<ConnectSchema, Map<string, SqlType>>();
function fieldTypes(schema: ConnectSchema | undefined): Map<string, SqlType> | undefined {
  if (!schema?.fields) return undefined;
  let types = fieldTypesCache.get(schema);
  if (!types) fieldTypesCache.set(schema, (types = new Map(schema.fields.map((f) => [f.field, sqlTypeForSchema(f)]))));
  return types;
}

function dataError(message: string): ConnectorError {
  return new ConnectorError(message, { retriable: false });
}

/** Splits records into write and delete operations with their columns; pure. */
export function recordToOp(record: SinkRecord, options: { tableFormat: string; pkMode: string; pkFields: string[]; whitelist: string[]; deleteEnabled: boolean }): Op | undefined {
  const table = tableIdFor(options.tableFormat, record.topic);
  const keyColumns: string[] = [];
  const keyValues: ConnectValue[] = [];
  const keyTypes: (SqlType | undefined)[] = [];
  const value = record.value;
  if (options.pkMode === 'kafka') {
    const names = options.pkFields.length ? options.pkFields : KAFKA_PK;
    if (names.length !== 3) throw dataError('pk.mode=kafka needs exactly three pk.fields (topic, partition, offset)');
    keyColumns.push(...names);
    keyValues.push(record.topic, record.partition, record.kafkaOffset);
    keyTypes.push('TEXT', 'INTEGER', 'BIGINT');
  } else if (options.pkMode === 'record_key') {
    const key = asObject(record.key);
    if (record.key === null || record.key === undefined) throw dataError(`pk.mode=record_key but the record at ${record.topic}-${record.partition}@${record.kafkaOffset} has no key`);
    if (key) {
      const names = options.pkFields.length ? options.pkFields : Object.keys(key).sort();
      for (const name of names) {
        if (!(name in key)) throw dataError(`pk.fields names "${name}" but the record key has fields ${Object.keys(key).join(', ')}`);
        keyColumns.push(name);
        keyValues.push(key[name] ?? null);
        keyTypes.push(fieldTypes(record.keySchema)?.get(name));
      }
    } else {
      if (options.pkFields.length > 1) throw dataError('the record key is a primitive value: pk.fields must name exactly one column');
      keyColumns.push(options.pkFields[0] ?? '__connect_key');
      keyValues.push(record.key);
      keyTypes.push(record.keySchema ? sqlTypeForSchema(record.keySchema) : undefined);
    }
  }
  if (value === null || value === undefined) {
    if (!options.deleteEnabled) return undefined;
    return { table, kind: 'delete', columns: keyColumns, keyColumns, row: keyValues, types: keyTypes };
  }
  const object = asObject(value);
  if (!object) throw dataError(`the Postgres sink needs a struct or JSON object value, got ${Array.isArray(value) ? 'an array' : typeof value} at ${record.topic}-${record.partition}@${record.kafkaOffset}`);
  if (options.pkMode === 'record_value') {
    const names = options.pkFields.length ? options.pkFields : Object.keys(object);
    for (const name of names) {
      if (!(name in object)) throw dataError(`pk.fields names "${name}" but the record value has fields ${Object.keys(object).join(', ')}`);
      keyColumns.push(name);
    }
  }
  const columns = [...keyColumns.filter(() => options.pkMode !== 'record_value')];
  const row = options.pkMode === 'record_value' ? [] : [...keyValues];
  const types = options.pkMode === 'record_value' ? [] : [...keyTypes];
  const fieldNames = Object.keys(object).filter((name) => (options.whitelist.length === 0 || options.whitelist.includes(name) || keyColumns.includes(name)) && !columns.includes(name));
  const valueTypes = fieldTypes(record.valueSchema);
  for (const name of fieldNames) {
    columns.push(name);
    row.push(object[name] ?? null);
    types.push(valueTypes?.get(name));
  }
  return { table, kind: 'write', columns, keyColumns, row, types };
}

class PostgresSinkTask implements SinkTask {
  private pool!: pg.Pool;
  private mode!: InsertMode;
  private options!: Parameters<typeof recordToOp>[1];
  private batchSize = 3000;
  private autoCreate = false;
  private autoEvolve = false;
  private readonly tables = new Map<string, Map<string, string>>();

  async start(raw: Readonly<Record<string, string>>, context: TaskContext): Promise<void> {
    const config = new Config(postgresSinkSpec, raw);
    const connection = parseJdbcUrl(config.requiredString('connection.url'), (a) => context.mapAddress(a));
    const user = config.string('connection.user');
    const password = config.string('connection.password');
    this.pool = new pg.Pool({
      ...connection,
      ...(user ? { user } : {}),
      ...(password ? { password } : {}),
      max: 1,
      connectionTimeoutMillis: 10_000,
      application_name: `kafka-sandbox-connect-${context.connectorName}-${context.taskId}`,
    });
    this.pool.on('error', () => undefined);
    this.mode = config.choice('insert.mode') as InsertMode;
    this.batchSize = config.int('batch.size');
    this.autoCreate = config.bool('auto.create');
    this.autoEvolve = config.bool('auto.evolve');
    this.options = {
      tableFormat: config.requiredString('table.name.format'),
      pkMode: config.choice('pk.mode'),
      pkFields: config.list('pk.fields'),
      whitelist: config.list('fields.whitelist'),
      deleteEnabled: config.bool('delete.enabled'),
    };
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    const ops = records.map((record) => recordToOp(record, this.options)).filter((op): op is Op => op !== undefined);
    if (ops.length === 0) return;
    const runs: Op[][] = [];
    let lastShape = '';
    for (const op of ops) {
      const shape = `${op.kind}\u0001${quoteTable(op.table)}\u0001${op.columns.join('\u0000')}`;
      if (shape === lastShape) runs.at(-1)!.push(op);
      else runs.push([op]);
      lastShape = shape;
    }
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw classifyPgError(error, 'connecting to Postgres');
    }
    // A put that is one INSERT statement is atomic without BEGIN and COMMIT (two round trips fewer).
    const head = runs[0]![0]!;
    const single = runs.length === 1 && head.kind === 'write' && this.mode !== 'update' && runs[0]!.length <= this.rowsPerValuesStatement(head.columns.length);
    try {
      if (!single) await client.query('BEGIN');
      for (const run of runs) await this.writeRun(client, run);
      if (!single) await client.query('COMMIT');
      client.release();
    } catch (error) {
      this.tables.clear();
      if (!single) await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw error instanceof ConnectorError ? error : classifyPgError(error, 'writing to Postgres');
    }
  }

  private async columnsOf(client: pg.PoolClient, table: TableId): Promise<Map<string, string>> {
    const cacheKey = quoteTable(table);
    const cached = this.tables.get(cacheKey);
    if (cached) return cached;
    const result = await client.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 AND table_schema = COALESCE($2, current_schema()) ORDER BY ordinal_position`,
      [table.table, table.schema ?? null],
    );
    const columns = new Map(result.rows.map((row) => [row.column_name, row.data_type]));
    if (columns.size > 0) this.tables.set(cacheKey, columns);
    return columns;
  }

  private async ensureTable(client: pg.PoolClient, run: Op[]): Promise<void> {
    const head = run[0]!;
    const existing = await this.columnsOf(client, head.table);
    const defs: ColumnDef[] = head.columns.map((name, i) => ({
      name,
      primaryKey: head.keyColumns.includes(name),
      type: head.types[i] ?? inferSqlType(run.map((op) => op.row[i] ?? null)),
    }));
    if (existing.size === 0) {
      if (!this.autoCreate) throw new ConnectorError(`table ${quoteTable(head.table)} is missing and auto.create is disabled`, { retriable: false });
      if (head.kind === 'delete') return;
      await client.query(createTableSql(head.table, defs));
      this.tables.delete(quoteTable(head.table));
      return;
    }
    const missing = defs.filter((def) => !existing.has(def.name));
    if (missing.length === 0) return;
    if (!this.autoEvolve) {
      throw new ConnectorError(`table ${quoteTable(head.table)} is missing columns ${missing.map((m) => m.name).join(', ')} and auto.evolve is disabled`, { retriable: false });
    }
    for (const column of missing) await client.query(addColumnSql(head.table, { ...column, primaryKey: false }));
    this.tables.delete(quoteTable(head.table));
  }

  private async writeRun(client: pg.PoolClient, run: Op[]): Promise<void> {
    const head = run[0]!;
    await this.ensureTable(client, run);
    if (head.kind === 'delete') {
      if (head.keyColumns.length === 0) throw new ConnectorError('delete.enabled needs pk.mode=record_key', { retriable: false });
      for (let i = 0; i < run.length; i += this.batchSize) {
        const { text, values } = deleteSql(head.table, head.keyColumns, run.slice(i, i + this.batchSize).map((op) => op.row.map(sqlParam)));
        await client.query(text, values);
      }
      return;
    }
    if (this.mode === 'update') {
      for (const op of run) {
        const { text, values } = updateSql(head.table, op.columns, op.keyColumns, op.row.map(sqlParam));
        await client.query(text, values);
      }
      return;
    }
    let rows = run;
    if (this.mode === 'upsert') {
      const byKey = new Map<string, Op>();
      for (const op of run) {
        const key = JSON.stringify(op.keyColumns.map((column) => sqlParam(op.row[op.columns.indexOf(column)] ?? null)));
        byKey.delete(key);
        byKey.set(key, op);
      }
      rows = [...byKey.values()];
    }
    // One array parameter per column where the column types allow it, else one parameter per value.
    const columnTypes = await this.columnsOf(client, head.table);
    const types = head.columns.map((column) => columnTypes.get(column));
    const unnest = canUnnest(types);
    const perStatement = unnest ? this.batchSize : this.rowsPerValuesStatement(head.columns.length);
    for (let i = 0; i < rows.length; i += perStatement) {
      const params = rows.slice(i, i + perStatement).map((op) => op.row.map(sqlParam));
      const { text, values } = unnest ? writeUnnestSql(this.mode, head.table, head.columns, head.keyColumns, types, params) : writeSql(this.mode, head.table, head.columns, head.keyColumns, params);
      await client.query(text, values);
    }
  }

  /** Rows of one `INSERT ... VALUES` statement: batch.size, within about 60,000 parameters (Postgres allows 65,535). */
  private rowsPerValuesStatement(columnCount: number): number {
    return Math.max(1, Math.min(this.batchSize, Math.floor(60_000 / Math.max(1, columnCount))));
  }

  async flush(): Promise<void> {
    // put commits its transaction: the rows are durable once it resolves.
  }

  async stop(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
  }
}

export const postgresSinkPlugin: SinkPlugin = {
  type: 'sink',
  className: 'io.kafkasandbox.connect.postgres.PostgresSinkConnector',
  aliases: ['io.confluent.connect.jdbc.JdbcSinkConnector', 'JdbcSinkConnector', 'PostgresSinkConnector'],
  version: '1.0.0',
  spec: postgresSinkSpec,
  validate(config) {
    const problems: { field: string; message: string }[] = [];
    const mode = config.choice('insert.mode');
    const pkMode = config.choice('pk.mode');
    if ((mode === 'upsert' || mode === 'update') && pkMode === 'none') problems.push({ field: 'pk.mode', message: `insert.mode=${mode} needs a primary key: set pk.mode to record_key, record_value or kafka` });
    if (config.bool('delete.enabled') && pkMode !== 'record_key') problems.push({ field: 'delete.enabled', message: 'delete.enabled=true needs pk.mode=record_key' });
    if (pkMode === 'kafka' && ![0, 3].includes(splitList(config.string('pk.fields')).length)) problems.push({ field: 'pk.fields', message: 'pk.mode=kafka takes three pk.fields (topic, partition, offset) or none' });
    return problems;
  },
  createTask: () => new PostgresSinkTask(),
};
