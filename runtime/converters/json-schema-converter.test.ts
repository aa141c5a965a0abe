import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectSchema } from '../core/record.js';
import { startFakeSchemaRegistry, type FakeSchemaRegistry } from './fake-schema-registry.js';
import { connectSchemaFromJsonSchema, jsonSchemaFromConnect } from './json-schema-data.js';
import { JsonSchemaConverter } from './json-schema-converter.js';
import { SchemaRegistryClient } from './schema-registry-client.js';

const schema: ConnectSchema = {
  type: 'struct',
  name: 'Order',
  fields: [
    { type: 'int32', field: 'id' },
    { type: 'string', optional: true, field: 'note' },
    { type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', version: 1, parameters: { scale: '2' }, field: 'price' },
    { type: 'array', items: { type: 'string' }, field: 'tags' },
  ],
};
const value = { id: 1, note: null, price: 19.99, tags: ['a'] };

describe('JSON Schema data mapping', () => {
  it('Connect -> JSON Schema with connect.* annotations, and back', () => {
    const json = jsonSchemaFromConnect(schema);
    expect(json).toEqual({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      title: 'Order',
      properties: {
        id: { type: 'integer', 'connect.type': 'int32', 'connect.index': 0 },
        note: { oneOf: [{ type: 'null' }, { type: 'string' }], 'connect.index': 1 },
        price: { type: 'number', 'connect.type': 'bytes', title: 'org.apache.kafka.connect.data.Decimal', 'connect.version': 1, 'connect.parameters': { scale: '2' }, 'connect.index': 2 },
        tags: { type: 'array', items: { type: 'string' }, 'connect.index': 3 },
      },
      required: ['id', 'price', 'tags'],
    });
    expect(connectSchemaFromJsonSchema(json)).toEqual(schema);
  });

  it('plain JSON Schemas: required/nullable fields, integer as int64, $ref, free-form objects unmapped', () => {
    expect(connectSchemaFromJsonSchema({ type: 'object', properties: { a: { type: 'integer' }, b: { anyOf: [{ type: 'null' }, { type: 'number' }] }, c: { $ref: '#/definitions/c' } }, required: ['a', 'b'], definitions: { c: { type: 'boolean' } } })).toEqual({
      type: 'struct',
      fields: [{ type: 'int64', field: 'a' }, { type: 'float64', optional: true, field: 'b' }, { type: 'boolean', optional: true, field: 'c' }],
    });
    expect(connectSchemaFromJsonSchema({ type: 'object' })).toBeUndefined();
    expect(connectSchemaFromJsonSchema({ type: 'object', additionalProperties: { type: 'string' } })).toEqual({ type: 'map', keys: { type: 'string' }, values: { type: 'string' } });
  });
});

describe('JsonSchemaConverter against a fake Confluent registry', () => {
  let registry: FakeSchemaRegistry;
  beforeAll(async () => {
    registry = await startFakeSchemaRegistry();
  });
  afterAll(() => registry.close());

  it('writes magic byte + id + JSON text, registered as JSON under <topic>-value; reads back', async () => {
    const converter = new JsonSchemaConverter({ 'schema.registry.url': registry.url });
    const bytes = (await converter.fromConnectData('orders', value, schema))!;
    expect(bytes[0]).toBe(0);
    const id = bytes.readInt32BE(1);
    expect(registry.schemas[id - 1]).toMatchObject({ subject: 'orders-value', schemaType: 'JSON' });
    expect(bytes.subarray(5).toString()).toBe('{"id":1,"note":null,"price":19.99,"tags":["a"]}');
    expect(await converter.toConnectData('orders', bytes)).toEqual({ value, schema });
  });

  it("reads a JSON Schema producer's records (like the generators' --format json-schema)", async () => {
    const jsonSchema = { $schema: 'http://json-schema.org/draft-07/schema#', title: 'click', type: 'object', properties: { user_id: { type: 'integer' }, referrer: { anyOf: [{ type: 'null' }, { type: 'string' }] } }, required: ['user_id', 'referrer'], additionalProperties: false };
    const id = await new SchemaRegistryClient({ url: registry.url }).register('clicks-value', JSON.stringify(jsonSchema), 'JSON');
    const header = Buffer.alloc(5);
    header.writeInt32BE(id, 1);
    const out = await new JsonSchemaConverter({ 'schema.registry.url': registry.url }).toConnectData('clicks', Buffer.concat([header, Buffer.from('{"user_id":7,"referrer":null}')]));
    expect(out).toEqual({ value: { user_id: 7, referrer: null }, schema: { type: 'struct', name: 'click', fields: [{ type: 'int64', field: 'user_id' }, { type: 'string', optional: true, field: 'referrer' }] } });
    const strict = new JsonSchemaConverter({ 'schema.registry.url': registry.url, 'json.fail.invalid.schema': true });
    await expect(strict.toConnectData('clicks', Buffer.concat([header, Buffer.from('{"user_id":"seven","referrer":null}')]))).rejects.toThrow(/Validation error for topic clicks/);
    await expect(new JsonSchemaConverter({ 'schema.registry.url': registry.url }).toConnectData('clicks', Buffer.concat([header, Buffer.from('{"user_id":')]))).rejects.toThrow(/Failed to deserialize data for topic clicks/);
  });

  it('schemaless values get an inferred schema; tombstones; Avro ids are refused', async () => {
    const converter = new JsonSchemaConverter({ 'schema.registry.url': registry.url });
    const bytes = (await converter.fromConnectData('loose', { a: 1, b: 'x' }))!;
    expect((await converter.toConnectData('loose', bytes)).value).toEqual({ a: 1, b: 'x' });
    expect(await converter.fromConnectData('loose', null)).toBeNull();
    const avroId = await new SchemaRegistryClient({ url: registry.url }).register('avro-value', '"string"', 'AVRO');
    const header = Buffer.alloc(5);
    header.writeInt32BE(avroId, 1);
    await expect(converter.toConnectData('avro', Buffer.concat([header, Buffer.from('"x"')]))).rejects.toThrow(/has schemaType AVRO, not JSON/);
  });
});
