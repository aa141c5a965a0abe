import { describe, expect, it } from 'vitest';
import type { ConnectSchema } from '../core/record.js';
import { sinkRecord, struct, transform } from './test-helpers.js';

const TYPE = 'io.debezium.transforms.ExtractNewRecordState';
const row = struct({ id: { type: 'int32' }, name: { type: 'string', optional: true } }, { name: 'dbserver1.inventory.customers.Value', optional: true });
const source = struct({ db: { type: 'string' }, table: { type: 'string' }, lsn: { type: 'int64', optional: true }, ts_ms: { type: 'int64' } }, { name: 'io.debezium.connector.postgresql.Source' });
const envelopeSchema: ConnectSchema = struct({ before: row, after: row, source, op: { type: 'string' }, ts_ms: { type: 'int64', optional: true } }, { name: 'dbserver1.inventory.customers.Envelope' });
const src = { db: 'inventory', table: 'customers', lsn: 100, ts_ms: 5 };
const create = { before: null, after: { id: 1, name: 'Ann' }, source: src, op: 'c', ts_ms: 6 };
const update = { before: { id: 1, name: 'Ann' }, after: { id: 1, name: 'Bob' }, source: src, op: 'u', ts_ms: 7 };
const del = { before: { id: 1, name: 'Bob' }, after: null, source: src, op: 'd', ts_ms: 8 };

describe('ExtractNewRecordState (Debezium unwrap)', () => {
  it('creates and updates become their after row, with its schema', () => {
    const t = transform(TYPE);
    const out = t(sinkRecord({ value: create, valueSchema: envelopeSchema }))!;
    expect(out.value).toEqual({ id: 1, name: 'Ann' });
    expect(out.valueSchema).toEqual(row);
    expect(t(sinkRecord({ value: update }))?.value).toEqual({ id: 1, name: 'Bob' });
  });

  it('default (Debezium 3, tombstone): a delete becomes a null value, the original tombstone is dropped', () => {
    const t = transform(TYPE);
    const out = t(sinkRecord({ key: { id: 1 }, value: del, valueSchema: envelopeSchema }))!;
    expect([out.key, out.value, out.valueSchema]).toEqual([{ id: 1 }, null, row]);
    expect(t(sinkRecord({ value: null }))).toBeNull();
  });

  it('delete.tombstone.handling.mode rewrite, rewrite-with-tombstone, drop, delete-to-tombstone', () => {
    const rewrite = transform(TYPE, { 'delete.tombstone.handling.mode': 'rewrite' });
    const deleted = rewrite(sinkRecord({ value: del, valueSchema: envelopeSchema }))!;
    expect(deleted.value).toEqual({ id: 1, name: 'Bob', __deleted: 'true' });
    expect(deleted.valueSchema?.fields?.map((f) => f.field)).toEqual(['id', 'name', '__deleted']);
    expect(rewrite(sinkRecord({ value: create }))?.value).toEqual({ id: 1, name: 'Ann', __deleted: 'false' });
    expect(rewrite(sinkRecord({ value: null }))).toBeNull();
    expect(transform(TYPE, { 'delete.tombstone.handling.mode': 'rewrite-with-tombstone' })(sinkRecord({ value: null }))).not.toBeNull();
    expect(transform(TYPE, { 'delete.tombstone.handling.mode': 'drop' })(sinkRecord({ value: del }))).toBeNull();
    const toTombstone = transform(TYPE, { 'delete.tombstone.handling.mode': 'delete-to-tombstone' })(sinkRecord({ value: del, valueSchema: envelopeSchema }))!;
    expect([toTombstone.value, toTombstone.valueSchema]).toEqual([null, undefined]);
  });

  it('legacy keys: drop.tombstones=false with delete.handling.mode=rewrite (Debezium docs example), none', () => {
    const t = transform(TYPE, { 'drop.tombstones': false, 'delete.handling.mode': 'rewrite', 'add.fields': 'table,lsn' });
    expect(t(sinkRecord({ value: del, valueSchema: envelopeSchema }))?.value).toEqual({ id: 1, name: 'Bob', __deleted: 'true', __table: 'customers', __lsn: 100 });
    expect(t(sinkRecord({ value: null }))).not.toBeNull();
    expect(transform(TYPE, { 'delete.handling.mode': 'drop' })(sinkRecord({ value: del }))).toBeNull();
    expect(transform(TYPE, { 'delete.handling.mode': 'none' })(sinkRecord({ value: del }))?.value).toBeNull();
    expect(transform(TYPE, { 'delete.handling.mode': 'drop' })(sinkRecord({ value: null }))).toBeNull();
  });

  it('add.fields (with schema types, source.x and renames) and add.headers', () => {
    const t = transform(TYPE, { 'add.fields': 'op,source.ts_ms,db:DATABASE', 'add.headers': 'op,table' });
    const out = t(sinkRecord({ value: update, valueSchema: envelopeSchema }))!;
    expect(out.value).toEqual({ id: 1, name: 'Bob', __op: 'u', __source_ts_ms: 5, __DATABASE: 'inventory' });
    expect(out.valueSchema?.fields?.slice(2)).toEqual([
      { type: 'string', field: '__op' },
      { type: 'int64', field: '__source_ts_ms' },
      { type: 'string', field: '__DATABASE' },
    ]);
    expect(out.headers).toEqual([{ key: '__op', value: 'u' }, { key: '__table', value: 'customers' }]);
    const tombstone = transform(TYPE, { 'add.headers': 'op', 'delete.tombstone.handling.mode': 'rewrite-with-tombstone' })(sinkRecord({ value: null }))!;
    expect(tombstone.headers).toEqual([{ key: '__op', value: 'd' }]);
  });

  it('route.by.field, non-envelopes pass unchanged, truncates are dropped, unsupported keys are refused', () => {
    expect(transform(TYPE, { 'route.by.field': 'name' })(sinkRecord({ value: create }))?.topic).toBe('Ann');
    const heartbeat = sinkRecord({ value: { ts_ms: 1 } });
    expect(transform(TYPE)(heartbeat)).toBe(heartbeat);
    expect(transform(TYPE)(sinkRecord({ value: { op: 't', before: null, after: null, source: src } }))).toBeNull();
    expect(() => transform(TYPE, { 'drop.fields.header.name': 'x' })).toThrow(/not supported by the kafka-sandbox runtime/);
    expect(() => transform(TYPE, { 'delete.tombstone.handling.mode': 'keep' })).toThrow(/String must be one of/);
  });
});
