import pg from 'pg';
import { StackError } from '../core/errors.js';
import type { Row, TableRef } from './job-api.js';

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Loads a job's tables from Postgres (`SELECT *` of `schema.table`, keyed by the key column as a
 * string) and reloads them on `refresh()`; the runner calls that on a processing-time interval so
 * dimension changes reach the join. A table is replaced whole, so a lookup never sees half a reload.
 */
export class PostgresTables {
  constructor(
    private readonly url: string,
    private readonly schema: string,
    private readonly tables: readonly TableRef[],
  ) {}

  async refresh(): Promise<void> {
    if (this.tables.length === 0) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
    } catch (cause) {
      throw new StackError(`Cannot connect to Postgres for the job's tables: ${(cause as Error).message}`, {
        cause,
        retriable: true,
        hint: 'Is the sandbox running with Postgres? Otherwise pass --postgres-url.',
      });
    }
    try {
      for (const table of this.tables) {
        const { table: name, keyColumn } = table.spec;
        let result;
        try {
          result = await client.query(`SELECT * FROM ${quoteIdent(this.schema)}.${quoteIdent(name)}`);
        } catch (cause) {
          throw new StackError(`Cannot read table ${this.schema}.${name}: ${(cause as Error).message}`, {
            cause,
            hint: `Write the dimension tables first (\`kafka-sandbox generate clickstream --pg-schema ${this.schema}\`), or pass --pg-schema.`,
          });
        }
        table.replace(new Map(result.rows.map((row: Row) => [String(row[keyColumn]), row])));
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
