import { describe, expect, it } from 'vitest';
import { createTableSql, deleteSql, inferSqlType, quoteIdent, quoteTable, tableIdFor, updateSql, writeSql, writeUnnestSql, canUnnest } from './sql-builder.js';

describe('SQL building', () => {
  it('quotes identifiers, doubling quotes, and refuses NUL and names Postgres would truncate', () => {
    expect(quoteIdent('orders')).toBe('"orders"');
    expect(quoteIdent('x"; drop table users; --')).toBe('"x""; drop table users; --"');
    expect(() => quoteIdent('a\u0000b')).toThrow(/NUL/);
    expect(() => quoteIdent('x'.repeat(64))).toThrow(/63 bytes/);
    expect(() => quoteIdent('')).toThrow(/empty/);
  });

  it('keeps the topic in one identifier and splits the schema only where the format has a dot', () => {
    expect(tableIdFor('${topic}', 'orders.v1')).toEqual({ table: 'orders.v1' });
    expect(tableIdFor('analytics.kafka_${topic}', 'orders.v1')).toEqual({ schema: 'analytics', table: 'kafka_orders.v1' });
    expect(quoteTable({ schema: 'a', table: 'b"c' })).toBe('"a"."b""c"');
  });

  it('infers column types from schemaless JSON values, widening mixed kinds', () => {
    expect(inferSqlType([1, 2, null])).toBe('BIGINT');
    expect(inferSqlType([1, 2.5])).toBe('DOUBLE PRECISION');
    expect(inferSqlType([true])).toBe('BOOLEAN');
    expect(inferSqlType(['a', 1])).toBe('TEXT');
    expect(inferSqlType([{ a: 1 }])).toBe('JSONB');
    expect(inferSqlType([null])).toBe('TEXT');
  });

  it('builds upserts with bind parameters only', () => {
    const { text, values } = writeSql('upsert', { table: 'orders' }, ['id', 'amount'], ['id'], [[1, 2.5], [2, 3]]);
    expect(text).toBe('INSERT INTO "orders" ("id", "amount") VALUES ($1, $2), ($3, $4) ON CONFLICT ("id") DO UPDATE SET "amount" = EXCLUDED."amount"');
    expect(values).toEqual([1, 2.5, 2, 3]);
    expect(writeSql('upsert', { table: 't' }, ['id'], ['id'], [[1]]).text).toMatch(/DO NOTHING$/);
    expect(() => writeSql('upsert', { table: 't' }, ['a'], [], [[1]])).toThrow(/primary key/);
  });

  it('builds upserts with one array parameter per column, and leaves types unnest cannot carry to writeSql', () => {
    const { text, values } = writeUnnestSql('upsert', { table: 'orders' }, ['id', 'amount'], ['id'], ['bigint', 'double precision'], [[1, 2.5], [2, 3]]);
    expect(text).toBe('INSERT INTO "orders" ("id", "amount") SELECT * FROM unnest($1::bigint[], $2::double precision[]) ON CONFLICT ("id") DO UPDATE SET "amount" = EXCLUDED."amount"');
    expect(values).toEqual([[1, 2], [2.5, 3]]);
    expect(writeUnnestSql('insert', { table: 't' }, ['id'], [], ['bigint'], [[1]]).text).toBe('INSERT INTO "t" ("id") SELECT * FROM unnest($1::bigint[])');
    expect(canUnnest(['bigint', 'ARRAY'])).toBe(false);
    expect(canUnnest(['bigint', undefined])).toBe(false);
    expect(() => writeUnnestSql('insert', { table: 't' }, ['id', 'tags'], [], ['bigint', 'USER-DEFINED'], [[1, 'x']])).toThrow(/writeSql/);
  });

  it('builds update, delete and create statements', () => {
    expect(updateSql({ table: 't' }, ['id', 'v'], ['id'], [7, 'x'])).toEqual({ text: 'UPDATE "t" SET "v" = $1 WHERE "id" = $2', values: ['x', 7] });
    expect(deleteSql({ table: 't' }, ['id'], [[1], [2]])).toEqual({ text: 'DELETE FROM "t" WHERE ("id" = $1) OR ("id" = $2)', values: [1, 2] });
    expect(createTableSql({ table: 't' }, [{ name: 'id', type: 'BIGINT', primaryKey: true }, { name: 'v', type: 'TEXT', primaryKey: false }])).toBe(
      'CREATE TABLE IF NOT EXISTS "t" ("id" BIGINT NOT NULL, "v" TEXT, PRIMARY KEY ("id"))',
    );
  });
});
