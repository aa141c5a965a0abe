import { describe, expect, it } from 'vitest';
import type { SinkRecord } from '../core/record.js';
import { parseJdbcUrl } from './jdbc-url.js';
import { recordToOp } from './postgres-sink.js';

const record = (key: SinkRecord['key'], value: SinkRecord['value']): SinkRecord => ({ topic: 'orders', partition: 1, kafkaOffset: 42, key, value, timestamp: 0, headers: [] });
const base = { tableFormat: '${topic}', pkMode: 'none', pkFields: [], whitelist: [], deleteEnabled: false };

describe('Postgres sink record mapping', () => {
  it('reads pk.fields from a JSON object key (record_key) and value fields after them', () => {
    const op = recordToOp(record({ id: 7, other: 1 }, { id: 7, name: 'a' }), { ...base, pkMode: 'record_key', pkFields: ['id'] });
    expect(op).toMatchObject({ kind: 'write', columns: ['id', 'name'], keyColumns: ['id'], row: [7, 'a'] });
  });

  it('uses a primitive key as one column, kafka coordinates, or value fields', () => {
    expect(recordToOp(record('k1', { v: 1 }), { ...base, pkMode: 'record_key', pkFields: ['code'] })).toMatchObject({ columns: ['code', 'v'], row: ['k1', 1] });
    expect(recordToOp(record(null, { v: 1 }), { ...base, pkMode: 'kafka' })).toMatchObject({ columns: ['__connect_topic', '__connect_partition', '__connect_offset', 'v'], row: ['orders', 1, 42, 1] });
    expect(recordToOp(record(null, { id: 1, v: 2 }), { ...base, pkMode: 'record_value', pkFields: ['id'] })).toMatchObject({ columns: ['id', 'v'], keyColumns: ['id'] });
  });

  it('honours fields.whitelist, tombstones and refuses non-object values', () => {
    expect(recordToOp(record(null, { a: 1, b: 2 }), { ...base, whitelist: ['b'] })).toMatchObject({ columns: ['b'] });
    expect(recordToOp(record({ id: 1 }, null), { ...base, pkMode: 'record_key', pkFields: ['id'] })).toBeUndefined();
    expect(recordToOp(record({ id: 1 }, null), { ...base, pkMode: 'record_key', pkFields: ['id'], deleteEnabled: true })).toMatchObject({ kind: 'delete', row: [1] });
    expect(() => recordToOp(record(null, 'text'), base)).toThrow(/JSON object value/);
    expect(() => recordToOp(record({ a: 1 }, { v: 1 }), { ...base, pkMode: 'record_key', pkFields: ['id'] })).toThrow(/pk.fields names "id"/);
  });
});

describe('JDBC URLs', () => {
  it('parses jdbc:postgresql URLs and maps the in-network address', () => {
    const map = (a: string) => (a === 'postgres:5432' ? '127.0.0.1:15432' : a);
    expect(parseJdbcUrl('jdbc:postgresql://postgres:5432/shop?user=u&password=p', map)).toEqual({ host: '127.0.0.1', port: 15432, database: 'shop', user: 'u', password: 'p' });
    expect(parseJdbcUrl('jdbc:postgresql://db/shop')).toEqual({ host: 'db', port: 5432, database: 'shop' });
    expect(() => parseJdbcUrl('jdbc:mysql://x/y?password=secret')).toThrow(/password=\[hidden\]/);
  });
});
