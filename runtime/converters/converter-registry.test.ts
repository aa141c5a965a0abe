import { describe, expect, it } from 'vitest';
import { AvroConverter } from './avro-converter.js';
import { ByteArrayConverter } from './byte-array-converter.js';
import { convertersFor, createConverter, selectConverter, validateConverters } from './converter-registry.js';
import { JsonConverter } from './json-converter.js';
import { JsonSchemaConverter } from './json-schema-converter.js';
import { StringConverter } from './string-converter.js';

describe('createConverter', () => {
  it("accepts Connect's class names and simple names", () => {
    expect(createConverter('org.apache.kafka.connect.json.JsonConverter', {}, false)).toBeInstanceOf(JsonConverter);
    expect(createConverter('org.apache.kafka.connect.storage.StringConverter', {}, true)).toBeInstanceOf(StringConverter);
    expect(createConverter('org.apache.kafka.connect.converters.ByteArrayConverter', {}, false)).toBeInstanceOf(ByteArrayConverter);
    expect(createConverter('io.confluent.connect.avro.AvroConverter', { 'schema.registry.url': 'http://registry:8081' }, false)).toBeInstanceOf(AvroConverter);
    expect(createConverter('io.confluent.connect.json.JsonSchemaConverter', { 'schema.registry.url': 'http://registry:8081' }, false)).toBeInstanceOf(JsonSchemaConverter);
    expect(createConverter('JsonConverter', { 'schemas.enable': false }, false)).toBeInstanceOf(JsonConverter);
  });

  it('an unknown class lists the available ones', () => {
    expect(() => createConverter('com.example.ProtobufConverter', {}, true)).toThrow(/Invalid value com.example.ProtobufConverter for configuration key.converter: Class com.example.ProtobufConverter could not be found. Available converters: org.apache.kafka.connect.json.JsonConverter, /);
  });
});

describe('convertersFor', () => {
  it('defaults to schemaless JSON for keys and values', async () => {
    const { key, value } = convertersFor({ name: 'c' });
    expect((await value.fromConnectData('t', { a: 1 }))?.toString()).toBe('{"a":1}');
    expect((await key.toConnectData('t', Buffer.from('{"id":1}'))).value).toEqual({ id: 1 });
  });

  it('connector overrides (JSON numbers and booleans accepted); worker defaults otherwise', async () => {
    const worker = { 'key.converter': 'org.apache.kafka.connect.storage.StringConverter', 'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'true' };
    const { key, value } = convertersFor({ 'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': false }, worker);
    expect(key).toBeInstanceOf(StringConverter);
    expect((await value.fromConnectData('t', { a: 1 }))?.toString()).toBe('{"a":1}');
    expect(selectConverter({}, worker, false)).toEqual({ className: 'org.apache.kafka.connect.json.JsonConverter', config: { 'schemas.enable': 'true' } });
    expect(selectConverter({ 'value.converter.schemas.enable': true }, { 'value.converter': 'JsonConverter', 'value.converter.schemas.enable': 'false' }, false).config).toEqual({ 'schemas.enable': 'true' });
  });

  it('mapUrl rewrites in-network registry URLs', () => {
    const selected = selectConverter({ 'value.converter': 'io.confluent.connect.avro.AvroConverter', 'value.converter.schema.registry.url': 'http://schema-registry:8081' }, {}, false, (url) => url.replace('schema-registry:8081', '127.0.0.1:18081'));
    expect(selected.config['schema.registry.url']).toBe('http://127.0.0.1:18081');
  });

  it('validateConverters lists the problems of both converters', () => {
    expect(validateConverters({ 'key.converter': 'Nope', 'value.converter': 'io.confluent.connect.avro.AvroConverter' }).map((e) => e.field)).toEqual(['key.converter', 'value.converter.schema.registry.url']);
    expect(validateConverters({ 'value.converter': 'StringConverter' })).toEqual([]);
  });
});
