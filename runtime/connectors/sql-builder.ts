import { ConfigError, ConnectorError } from '../core/errors.js';
import type { ConnectSchema, ConnectValue } from '../core/record.js';

/**
 * SQL text for the Postgres sink and source. Every identifier goes through `quoteIdent`; every
 * value is a bind parameter. Nothing from a record or a topic name is ever spliced into SQL raw.
 */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new ConnectorError('an empty SQL identifier is not allowed');
  if (name.includes('\u0000')) throw new ConnectorError(`the SQL identifier ${JSON.stringify(name)} contains a NUL character`);
  // Postgres silently truncates longer names, which could make two tables one.
  if (Buffer.byteLength(name) > 63) throw new ConnectorError(`the SQL identifier ${JSON.stringify(name)} is longer than Postgres' 63 bytes`);
  return `"${name.replaceAll('"', '""')}"`;
}

export interface TableId {
  schema?: string;
  table: string;
}

export function quoteTable(id: TableId): string {
  return id.schema ? `${quoteIdent(id.schema)}.${quoteIdent(id.table)}` : quoteIdent(id.table);
}

/**
 * `table.name.format` with `${topic}` substituted. A dot written in the format itself separates
 * schema and table (`analytics.${topic}`); the topic's own characters, dots included, always stay
 * inside one quoted identifier.
 */
export function tableIdFor(format: string, topic: string): TableId {
  const placeholder = '\u0001';
  const marked = format.replaceAll('${topic}', placeholder);
  const dot = marked.indexOf('.');
  const fill = (part: string) => part.replaceAll(placeholder, topic);
  if (dot < 0) return { table: fill(marked) };
  return { schema: fill(marked.slice(0, dot)), table: fill(marked.slice(dot + 1)) };
}

export type SqlType = 'BOOLEAN' | 'SMALLINT' | 'INTEGER' | 'BIGINT' | 'REAL' | 'DOUBLE PRECISION' | 'NUMERIC' | 'TEXT' | 'BYTEA' | 'JSONB' | 'TIMESTAMPTZ' | 'DATE';

/** The column type for a Connect schema (with a converter that gives one). */
export function sqlTypeForSchema(schema: ConnectSchema): SqlType {
  switch (schema.name) {
    case 'org.apache.kafka.connect.data.Timestamp':
      return 'TIMESTAMPTZ';
    case 'org.apache.kafka.connect.data.Date':
      return 'DATE';
    case 'org.apache.kafka.connect.data.Decimal':
      return 'NUMERIC';
    default:
      break;
  }
  switch (schema.type) {
    case 'boolean':
      return 'BOOLEAN';
    case 'int8':
    case 'int16':
      return 'SMALLINT';
    case 'int32':
      return 'INTEGER';
    case 'int64':
      return 'BIGINT';
    case 'float32':
      return 'REAL';
    case 'float64':
      return 'DOUBLE PRECISION';
    case 'string':
      return 'TEXT';
    case 'bytes':
      return 'BYTEA';
    default:
      return 'JSONB';
  }
}

/** The column type inferred from schemaless JSON values (nulls ignored; mixed kinds widen). */
export function inferSqlType(values: readonly ConnectValue[]): SqlType {
  let type: SqlType | undefined;
  for (const value of values) {
    const next = typeOfValue(value);
    if (next === undefined) continue;
    type = type === undefined ? next : widen(type, next);
  }
  return type ?? 'TEXT';
}

function typeOfValue(value: ConnectValue): SqlType | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'bigint') return 'BIGINT';
  if (typeof value === 'number') return Number.isInteger(value) ? 'BIGINT' : 'DOUBLE PRECISION';
  if (typeof value === 'string') return 'TEXT';
  if (value instanceof Date) return 'TIMESTAMPTZ';
  if (value instanceof Uint8Array) return 'BYTEA';
  return 'JSONB';
}

function widen(a: SqlType, b: SqlType): SqlType {
  if (a === b) return a;
  const numeric = new Set<SqlType>(['SMALLINT', 'INTEGER', 'BIGINT', 'REAL', 'DOUBLE PRECISION', 'NUMERIC']);
  if (numeric.has(a) && numeric.has(b)) return 'DOUBLE PRECISION';
  return 'TEXT';
}

/** A bind parameter for a Connect value: objects and arrays become JSON text. */
export function sqlParam(value: ConnectValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date || value instanceof Uint8Array) return value instanceof Uint8Array ? Buffer.from(value) : value;
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

export interface ColumnDef {
  name: string;
  type: SqlType;
  primaryKey: boolean;
}

export function createTableSql(table: TableId, columns: readonly ColumnDef[]): string {
  const keys = columns.filter((column) => column.primaryKey);
  const lines = columns.map((column) => `${quoteIdent(column.name)} ${column.type}${column.primaryKey ? ' NOT NULL' : ''}`);
  if (keys.length > 0) lines.push(`PRIMARY KEY (${keys.map((column) => quoteIdent(column.name)).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${quoteTable(table)} (${lines.join(', ')})`;
}

export function addColumnSql(table: TableId, column: ColumnDef): string {
  return `ALTER TABLE ${quoteTable(table)} ADD COLUMN IF NOT EXISTS ${quoteIdent(column.name)} ${column.type}`;
}

export type InsertMode = 'insert' | 'upsert' | 'update';

/** `UPDATE ... SET non-key columns WHERE key columns`, one row (Postgres infers the parameter types). */
export function updateSql(table: TableId, columns: readonly string[], keyColumns: readonly string[], row: readonly unknown[]): { text: string; values: unknown[] } {
  const nonKey = columns.filter((column) => !keyColumns.includes(column));
  if (keyColumns.length === 0 || nonKey.length === 0) throw new ConfigError('insert.mode=update needs key columns and at least one other column');
  const values: unknown[] = [];
  const param = (column: string) => (values.push(row[columns.indexOf(column)]), `$${values.length}`);
  const set = nonKey.map((column) => `${quoteIdent(column)} = ${param(column)}`).join(', ');
  const where = keyColumns.map((column) => `${quoteIdent(column)} = ${param(column)}`).join(' AND ');
  return { text: `UPDATE ${quoteTable(table)} SET ${set} WHERE ${where}`, values };
}

/**
 * One statement writing many rows. `rows` hold values in `columns` order. For upsert the rows must
 * have distinct keys (Postgres refuses to update one row twice in a statement): the caller keeps
 * the last row per key, which is what applying them in order would leave.
 */
export function writeSql(
  mode: InsertMode,
  table: TableId,
  columns: readonly string[],
  keyColumns: readonly string[],
  rows: readonly (readonly unknown[])[],
): { text: string; values: unknown[] } {
  if (rows.length === 0) throw new Error('writeSql needs at least one row');
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((value) => (values.push(value), `$${values.length}`)).join(', ')})`);
  const cols = columns.map(quoteIdent);
  if (mode === 'update') throw new Error('insert.mode=update writes row by row: use updateSql');
  return { text: `INSERT INTO ${quoteTable(table)} (${cols.join(', ')}) VALUES ${tuples.join(', ')}${onConflict(mode, columns, keyColumns)}`, values };
}

function onConflict(mode: InsertMode, columns: readonly string[], keyColumns: readonly string[]): string {
  if (mode !== 'upsert') return '';
  if (keyColumns.length === 0) throw new ConfigError('insert.mode=upsert needs a primary key (pk.mode other than none)');
  const nonKey = columns.filter((column) => !keyColumns.includes(column));
  return ` ON CONFLICT (${keyColumns.map(quoteIdent).join(', ')}) DO ${
    nonKey.length === 0 ? 'NOTHING' : `UPDATE SET ${nonKey.map((column) => `${quoteIdent(column)} = EXCLUDED.${quoteIdent(column)}`).join(', ')}`
  }`;
}

/** Column types (information_schema `data_type`) that `unnest($1::type[])` can carry as they are. */
const UNNEST_TYPES = new Set([
  'bigint', 'integer', 'smallint', 'numeric', 'real', 'double precision', 'boolean', 'text', 'character varying', 'character',
  'json', 'jsonb', 'uuid', 'bytea', 'date', 'timestamp with time zone', 'timestamp without time zone', 'time without time zone',
]);

/** Whether `writeUnnestSql` can write columns of these types. */
export function canUnnest(types: readonly (string | undefined)[]): types is readonly string[] {
  return types.every((type) => type !== undefined && UNNEST_TYPES.has(type));
}

/**
 * `writeSql` with one array parameter per column (`INSERT ... SELECT * FROM unnest($1::bigint[], ...)`):
 * the statement text and parameter count do not grow with the rows, which makes big batches cheaper
 * for Postgres to parse and plan. `types` are the columns' `data_type`s (see `canUnnest`: arrays,
 * enums, domains and other user types need `writeSql`).
 */
export function writeUnnestSql(
  mode: InsertMode,
  table: TableId,
  columns: readonly string[],
  keyColumns: readonly string[],
  types: readonly (string | undefined)[],
  rows: readonly (readonly unknown[])[],
): { text: string; values: unknown[] } {
  if (rows.length === 0) throw new Error('writeUnnestSql needs at least one row');
  if (mode === 'update') throw new Error('insert.mode=update writes row by row: use updateSql');
  if (!canUnnest(types)) throw new Error(`unnest cannot carry column types ${types.join(', ')}: use writeSql`);
  const arrays = columns.map((_, c) => rows.map((row) => row[c]));
  const casts = types.map((type, c) => `$${c + 1}::${type}[]`);
  const text = `INSERT INTO ${quoteTable(table)} (${columns.map(quoteIdent).join(', ')}) SELECT * FROM unnest(${casts.join(', ')})${onConflict(mode, columns, keyColumns)}`;
  return { text, values: arrays };
}

export function deleteSql(table: TableId, keyColumns: readonly string[], keys: readonly (readonly unknown[])[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const conditions = keys.map(
    (key) => `(${keyColumns.map((column, i) => (values.push(key[i]), `${quoteIdent(column)} = $${values.length}`)).join(' AND ')})`,
  );
  return { text: `DELETE FROM ${quoteTable(table)} WHERE ${conditions.join(' OR ')}`, values };
}
