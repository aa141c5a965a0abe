import { describe, expect, it } from 'vitest';
import type { ConnectSchema } from '../core/record.js';
import { JsonConverter } from './json-converter.js';

const withSchemas = new JsonConverter({}, false);
const plain = new JsonConverter({ 'schemas.enable': 'false' }, false);
const read = (json: string, converter = withSchemas) => converter.toConnectData('t', Buffer.from(json));
const write = async (value: Parameters<JsonConverter['fromConnectData']>[1], schema?: ConnectSchema, converter = withSchemas) => (await converter.fromConnectData('t', value, schema))?.toString();

describe('JsonConverter: reading', () => {
  it('primitives in the envelope (Kafka JsonConverterTest)', async () => {
    expect(await read('{ "schema": { "type": "boolean" }, "payload": true }')).toEqual({ schema: { type: 'boolean' }, value: true });
    expect(await read('{ "schema": { "type": "int8" }, "payload": 12 }')).toEqual({ schema: { type: 'int8' }, value: 12 });
    expect(await read('{ "schema": { "type": "int64" }, "payload": 4398046511104 }')).toEqual({ schema: { type: 'int64' }, value: 4398046511104 });
    expect(await read('{ "schema": { "type": "int64" }, "payload": 9223372036854775807 }')).toEqual({ schema: { type: 'int64' }, value: 9223372036854775807n });
    expect(await read('{ "schema": { "type": "float" }, "payload": 12.34 }')).toEqual({ schema: { type: 'float32' }, value: Math.fround(12.34) });
    expect(await read('{ "schema": { "type": "double" }, "payload": 12.34 }')).toEqual({ schema: { type: 'float64' }, value: 12.34 });
    expect(await read('{ "schema": { "type": "bytes" }, "payload": "dGVzdC1zdHJpbmc=" }')).toEqual({ schema: { type: 'bytes' }, value: Buffer.from('test-string') });
    expect(await read('{ "schema": { "type": "string" }, "payload": "foo-bar-baz" }')).toEqual({ schema: { type: 'string' }, value: 'foo-bar-baz' });
  });

  it('arrays, maps (string and non-string keys) and structs', async () => {
    expect((await read('{ "schema": { "type": "array", "items": { "type" : "int32" } }, "payload": [1, 2, 3] }')).value).toEqual([1, 2, 3]);
    expect((await read('{ "schema": { "type": "map", "keys": { "type" : "string" }, "values": { "type" : "int32" } }, "payload": { "key1": 12, "key2": 15} }')).value).toEqual({ key1: 12, key2: 15 });
    expect((await read('{ "schema": { "type": "map", "keys": { "type" : "int32" }, "values": { "type" : "int32" } }, "payload": [ [1, 12], [2, 15] ] }')).value).toEqual({ 1: 12, 2: 15 });
    const struct = await read('{ "schema": { "type": "struct", "fields": [{ "field": "field1", "type": "boolean" }, { "field": "field2", "type": "string" }] }, "payload": { "field1": true, "field2": "string" } }');
    expect(struct).toEqual({ schema: { type: 'struct', fields: [{ type: 'boolean', field: 'field1' }, { type: 'string', field: 'field2' }] }, value: { field1: true, field2: 'string' } });
  });

  it('optional, defaults, names, versions, docs and parameters', async () => {
    const out = await read('{ "schema": { "type": "struct", "name": "n", "version": 2, "doc": "d", "parameters": { "p": "v" }, "fields": [{ "field": "a", "type": "int32", "optional": true }, { "field": "b", "type": "string", "default": "x" }] }, "payload": { } }');
    expect(out.schema).toEqual({ type: 'struct', name: 'n', version: 2, doc: 'd', parameters: { p: 'v' }, fields: [{ type: 'int32', optional: true, field: 'a' }, { type: 'string', default: 'x', field: 'b' }] });
    expect(out.value).toEqual({ a: null, b: 'x' });
    await expect(read('{ "schema": { "type": "struct", "fields": [{ "field": "a", "type": "int32" }] }, "payload": {} }')).rejects.toThrow('Invalid null value for required INT32 field');
  });

  it('logical types: Decimal (base64 and numeric), Date, Time, Timestamp', async () => {
    const decimal = '"schema": { "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "parameters": { "scale": "2" } }';
    expect((await read(`{ ${decimal}, "payload": "AJw=" }`)).value).toBe(1.56);
    expect((await read(`{ ${decimal}, "payload": 1.56 }`)).value).toBe(1.56);
    expect((await read('{ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Date", "version": 1 }, "payload": 10000 }')).value).toEqual(new Date(10000 * 86_400_000));
    expect((await read('{ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Time", "version": 1 }, "payload": 14400000 }')).value).toEqual(new Date(14_400_000));
    expect((await read('{ "schema": { "type": "int64", "name": "org.apache.kafka.connect.data.Timestamp", "version": 1 }, "payload": 4000000000 }')).value).toEqual(new Date(4_000_000_000));
  });

  it('schemas.enable=false reads plain JSON schemaless; null and empty bytes are null', async () => {
    expect(await read('{"id": 1, "tags": ["a"], "nested": {"x": 1.5}}', plain)).toEqual({ value: { id: 1, tags: ['a'], nested: { x: 1.5 } } });
    expect(await plain.toConnectData('t', null)).toEqual({ value: null });
    expect(await plain.toConnectData('t', Buffer.alloc(0))).toEqual({ value: null });
    expect(await withSchemas.toConnectData('t', null)).toEqual({ value: null });
    expect(await read('{ "schema": null, "payload": {"a": 1} }')).toEqual({ value: { a: 1 } });
  });

  it('refuses plain JSON with schemas.enable=true, and invalid JSON, as DataExceptions', async () => {
    await expect(read('{"id": 1}')).rejects.toThrow('JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.');
    await expect(read('{"id": ', plain)).rejects.toMatchObject({ name: 'DataException', retriable: false, message: expect.stringMatching(/^Converting byte\[\] to Kafka Connect data failed due to serialization error/) });
    await expect(read('{ "schema": { "type": "nope" }, "payload": 1 }')).rejects.toThrow('Unknown schema type: nope');
  });
});

describe('JsonConverter: writing', () => {
  it("Connect's exact envelope: schema keys in Connect's order, struct fields with \"field\" last", async () => {
    const schema: ConnectSchema = { type: 'struct', name: 'com.example.User', fields: [{ type: 'int32', field: 'id' }, { type: 'string', optional: true, field: 'name' }, { type: 'float64', field: 'score' }] };
    expect(await write({ id: 1, name: null, score: 2 }, schema)).toBe(
      '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"},{"type":"double","optional":false,"field":"score"}],"optional":false,"name":"com.example.User"},"payload":{"id":1,"name":null,"score":2.0}}',
    );
  });

  it('every type, logical types, and schemaless values', async () => {
    expect(await write(true, { type: 'boolean' })).toBe('{"schema":{"type":"boolean","optional":false},"payload":true}');
    expect(await write(9223372036854775807n, { type: 'int64' })).toBe('{"schema":{"type":"int64","optional":false},"payload":9223372036854775807}');
    expect(await write(Math.fround(12.34), { type: 'float32' })).toBe('{"schema":{"type":"float","optional":false},"payload":12.34}');
    expect(await write(Buffer.from('test-string'), { type: 'bytes' })).toBe('{"schema":{"type":"bytes","optional":false},"payload":"dGVzdC1zdHJpbmc="}');
    expect(await write({ 1: 12, 2: 15 }, { type: 'map', keys: { type: 'int32' }, values: { type: 'int32' } })).toBe('{"schema":{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"int32","optional":false},"optional":false},"payload":[[1,12],[2,15]]}');
    const decimal: ConnectSchema = { type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', version: 1, parameters: { scale: '2' } };
    expect(await write(1.56, decimal)).toBe('{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":"AJw="}');
    expect(await write(1.56, decimal, new JsonConverter({ 'decimal.format': 'numeric' }))).toMatch(/"payload":1.56}$/);
    expect(await write(new Date(10000 * 86_400_000), { type: 'int32', name: 'org.apache.kafka.connect.data.Date', version: 1 })).toMatch(/"payload":10000}$/);
    expect(await write(new Date(4_000_000_000), { type: 'int64', name: 'org.apache.kafka.connect.data.Timestamp', version: 1 })).toMatch(/"payload":4000000000}$/);
    expect(await write({ a: 1, b: [true], c: 'x' })).toBe('{"schema":null,"payload":{"a":1,"b":[true],"c":"x"}}');
    expect(await write({ a: 1, big: 12345678901234567890n, at: new Date(0) }, undefined, plain)).toBe('{"a":1,"big":12345678901234567890,"at":"1970-01-01T00:00:00.000Z"}');
  });

  it('nulls: null without a schema is a tombstone; defaults replace nulls unless replace.null.with.default=false', async () => {
    expect(await withSchemas.fromConnectData('t', null)).toBeNull();
    expect(await write(null, { type: 'string', optional: true })).toBe('{"schema":{"type":"string","optional":true},"payload":null}');
    expect(await write(null, { type: 'string', optional: true }, plain)).toBe('null');
    expect(await write(null, { type: 'string', optional: true, default: 'd' }, plain)).toBe('"d"');
    expect(await write(null, { type: 'string', optional: true, default: 'd' }, new JsonConverter({ 'schemas.enable': false, 'replace.null.with.default': false }))).toBe('null');
    await expect(write(null, { type: 'string' })).rejects.toThrow('Conversion error: null value for field that is required and has no default value');
    await expect(write('x', { type: 'int32' })).rejects.toThrow(/Invalid type for INT32/);
  });

  it('round-trips through its own envelope', async () => {
    const schema: ConnectSchema = { type: 'struct', fields: [{ type: 'array', items: { type: 'int16' }, field: 'a' }, { type: 'map', keys: { type: 'string' }, values: { type: 'boolean' }, optional: true, field: 'm' }] };
    const value = { a: [1, 2], m: { x: true } };
    expect(await withSchemas.toConnectData('t', (await withSchemas.fromConnectData('t', value, schema))!)).toEqual({ value, schema });
  });

  it('config values may be booleans; bad values are refused with the full key', () => {
    expect(() => new JsonConverter({ 'schemas.enable': 'maybe' }, true)).toThrow(/Invalid value maybe for configuration key.converter.schemas.enable: Expected value to be either true or false/);
    expect(() => new JsonConverter({ 'decimal.format': 'HEX' })).toThrow(/value.converter.decimal.format: String must be one of: BASE64, NUMERIC/);
  });
});
