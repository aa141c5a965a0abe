import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectSchema } from '../core/record.js';
import { AvroConverter } from './avro-converter.js';
import { startFakeSchemaRegistry, type FakeSchemaRegistry } from './fake-schema-registry.js';
import { SchemaRegistryClient } from './schema-registry-client.js';

const schema: ConnectSchema = {
  type: 'struct',
  name: 'com.example.Order',
  fields: [
    { type: 'int32', field: 'id' },
    { type: 'string', optional: true, field: 'note' },
    { type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', version: 1, parameters: { scale: '2' }, field: 'price' },
    { type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp', version: 1, field: 'at' },
  ],
};
const value = { id: 1, note: 'first', price: 19.99, at: new Date(1_700_000_000_000) };

describe('AvroConverter against a fake Confluent registry', () => {
  let registry: FakeSchemaRegistry;
  beforeAll(async () => {
    registry = await startFakeSchemaRegistry();
  });
  afterAll(() => registry.close());

  it('writes the Confluent wire format, registered under <topic>-value; reads back the same Connect data', async () => {
    const converter = new AvroConverter({ 'schema.registry.url': registry.url });
    const bytes = (await converter.fromConnectData('orders', value, schema))!;
    expect(bytes[0]).toBe(0);
    const id = bytes.readInt32BE(1);
    expect(registry.schemas[id - 1]?.subject).toBe('orders-value');
    expect(JSON.parse(registry.schemas[id - 1]!.schema)).toMatchObject({ type: 'record', name: 'Order', namespace: 'com.example' });
    const back = await new AvroConverter({ 'schema.registry.url': registry.url }).toConnectData('orders', bytes);
    expect(back.value).toEqual(value);
    expect(back.schema?.name).toBe('com.example.Order');
    expect(back.schema?.fields?.map((f) => f.field)).toEqual(['id', 'note', 'price', 'at']);
  });

  it('is readable by a generic Confluent deserializer (@kafkajs/confluent-schema-registry)', async () => {
    const bytes = (await new AvroConverter({ 'schema.registry.url': registry.url }).fromConnectData('orders', { ...value, note: null }, schema))!;
    const decoded = (await new SchemaRegistry({ host: registry.url }).decode(bytes)) as Record<string, unknown>;
    expect({ ...decoded }).toEqual({ id: 1, note: null, price: Buffer.from([0x07, 0xcf]), at: 1_700_000_000_000 });
  });

  it('reads what a plain Avro producer wrote (schema without connect.* attributes)', async () => {
    const avro = { type: 'record', name: 'Click', namespace: 'shop', fields: [{ name: 'user', type: 'string' }, { name: 'ms', type: { type: 'long', logicalType: 'timestamp-millis' } }, { name: 'ref', type: ['null', 'string'], default: null }] };
    const id = await new SchemaRegistryClient({ url: registry.url }).register('clicks-value', JSON.stringify(avro), 'AVRO');
    const bytes = await new SchemaRegistry({ host: registry.url }).encode(id, { user: 'u1', ms: 5, ref: 'home' });
    const out = await new AvroConverter({ 'schema.registry.url': registry.url }).toConnectData('clicks', bytes);
    expect(out.value).toEqual({ user: 'u1', ms: new Date(5), ref: 'home' });
    expect(out.schema).toEqual({ type: 'struct', name: 'shop.Click', fields: [{ type: 'string', field: 'user' }, { type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp', version: 1, field: 'ms' }, { type: 'string', optional: true, field: 'ref' }] });
  });

  it('key converters use <topic>-key; primitive keys; schemaless values get an inferred schema; tombstones', async () => {
    const keys = new AvroConverter({ 'schema.registry.url': registry.url }, true);
    const keyBytes = (await keys.fromConnectData('orders', 'k1', { type: 'string' }))!;
    expect(registry.schemas[keyBytes.readInt32BE(1) - 1]).toMatchObject({ subject: 'orders-key', schema: '"string"' });
    expect(await keys.toConnectData('orders', keyBytes)).toEqual({ value: 'k1', schema: { type: 'string' } });
    const values = new AvroConverter({ 'schema.registry.url': registry.url });
    const inferred = (await values.fromConnectData('loose', { a: 1, b: 'x' }))!;
    expect((await values.toConnectData('loose', inferred)).value).toEqual({ a: 1, b: 'x' });
    expect(await values.fromConnectData('orders', null, schema)).toBeNull();
    expect(await values.toConnectData('orders', null)).toEqual({ value: null });
  });

  it('subject strategies, auto.register.schemas=false and use.latest.version', async () => {
    const record = new AvroConverter({ 'schema.registry.url': registry.url, 'value.subject.name.strategy': 'io.confluent.kafka.serializers.subject.RecordNameStrategy' });
    const bytes = (await record.fromConnectData('orders', value, schema))!;
    expect(registry.schemas[bytes.readInt32BE(1) - 1]?.subject).toBe('com.example.Order');
    const lookupOnly = new AvroConverter({ 'schema.registry.url': registry.url, 'auto.register.schemas': false });
    expect((await lookupOnly.fromConnectData('orders', value, schema))!.readInt32BE(1)).toBe((await new AvroConverter({ 'schema.registry.url': registry.url }).fromConnectData('orders', value, schema))!.readInt32BE(1));
    await expect(lookupOnly.fromConnectData('never-registered', value, schema)).rejects.toThrow(/Schema Registry refused to find the schema under subject never-registered-value/);
    const latest = new AvroConverter({ 'schema.registry.url': registry.url, 'use.latest.version': true, 'auto.register.schemas': false });
    expect((await latest.fromConnectData('orders', value, schema))![0]).toBe(0);
  });

  it('bad data and an unreachable registry', async () => {
    const converter = new AvroConverter({ 'schema.registry.url': registry.url });
    await expect(converter.toConnectData('t', Buffer.from('{"plain":"json"}'))).rejects.toMatchObject({ name: 'DataException', message: 'Failed to deserialize data for topic t: Unknown magic byte!' });
    await expect(converter.toConnectData('t', Buffer.from([0, 0, 0, 0x27, 0x0f, 1]))).rejects.toThrow(/refused schema id 9999/);
    await expect(converter.fromConnectData('t', { id: 'not a number', note: null, price: 1, at: new Date() }, schema)).rejects.toThrow(/Failed to serialize Avro data from topic t/);
    const down = new AvroConverter({ 'schema.registry.url': 'http://127.0.0.1:9' });
    await expect(down.fromConnectData('t', value, schema)).rejects.toMatchObject({ retriable: true, message: expect.stringMatching(/unreachable/) });
    expect(() => new AvroConverter({})).toThrow(/Missing required configuration "value.converter.schema.registry.url"/);
  });

  it('sends Basic auth with basic.auth.credentials.source=USER_INFO', async () => {
    const secured = await startFakeSchemaRegistry({ userInfo: 'fred:letmein' });
    try {
      const converter = new AvroConverter({ 'schema.registry.url': secured.url, 'basic.auth.credentials.source': 'USER_INFO', 'basic.auth.user.info': 'fred:letmein' });
      const bytes = (await converter.fromConnectData('t', value, schema))!;
      expect((await converter.toConnectData('t', bytes)).value).toEqual(value);
      await expect(new AvroConverter({ 'schema.registry.url': secured.url }).fromConnectData('t', value, schema)).rejects.toThrow(/HTTP 401/);
    } finally {
      await secured.close();
    }
  });
});
