import pg from 'pg';
import { StackError } from '../../runtime/core/errors.js';
import type { DimensionTable } from '../core/dimension-table.js';

/** A Postgres identifier, always quoted: table and column names come from users' YAML too. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

const ROWS_PER_STATEMENT = 500;

/**
 * Writes dimension tables into `schema` (created if missing): `CREATE TABLE IF NOT EXISTS` with the
 * primary key, then upserts (`ON CONFLICT (pk) DO UPDATE`) in statements of 500 rows, all in one
 * transaction, so a rerun with the same seed changes nothing and a failed write leaves nothing
 * half-written. Returns rows written per table. Connection and SQL errors are StackErrors.
 */
export async function writeDimensionTables(url: string, schema: string, tables: readonly DimensionTable[]): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (cause) {
    throw new StackError(`Cannot connect to Postgres: ${(cause as Error).message}`, {
      cause,
      hint: 'Is the sandbox running with Postgres (`kafka-sandbox status`)? Otherwise check --postgres-url, or pass --no-dimensions.',
    });
  }
  const written: Record<string, number> = {};
  try {
    await client.query('BEGIN');
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    for (const table of tables) {
      const name = `${quoteIdent(schema)}.${quoteIdent(table.name)}`;
      const columns = table.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
      await client.query(`CREATE TABLE IF NOT EXISTS ${name} (${columns}, PRIMARY KEY (${quoteIdent(table.primaryKey)}))`);
      const columnList = table.columns.map((c) => quoteIdent(c.name)).join(', ');
      const updates = table.columns
        .filter((c) => c.name !== table.primaryKey)
        .map((c) => `${quoteIdent(c.name)} = EXCLUDED.${quoteIdent(c.name)}`);
      const onConflict = updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING';
      for (let start = 0; start < table.rows.length; start += ROWS_PER_STATEMENT) {
        const rows = table.rows.slice(start, start + ROWS_PER_STATEMENT);
        const params: unknown[] = [];
        const tuples = rows.map((row) => `(${table.columns.map((c) => `$${params.push(row[c.name] ?? null)}`).join(', ')})`);
        await client.query(`INSERT INTO ${name} (${columnList}) VALUES ${tuples.join(', ')} ON CONFLICT (${quoteIdent(table.primaryKey)}) ${onConflict}`, params);
      }
      written[table.name] = table.rows.length;
    }
    await client.query('COMMIT');
    return written;
  } catch (cause) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new StackError(`Writing the dimension tables to Postgres failed (nothing was written): ${(cause as Error).message}`, {
      cause,
      hint: 'A table of the same name with other columns may exist already; pass --pg-schema to write elsewhere.',
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}
