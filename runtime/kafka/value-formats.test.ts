import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSchemaRegistry, type FakeSchemaRegistry } from '../converters/fake-schema-registry.js';
import { decodeValue, headersFromKafka, valueFromText, valueProblem, wireSchemaId, type RegistryDecoder, type SchemaValidator } from './value-formats.js';

const avroSchema = { type: 'record', name: 'Click', fields: [{ name: 'user', type: 'string' }, { name: 'n', type: 'int' }, { name: 'ref', type: ['null', 'string'], default: null }] };
const jsonSchema = { type: 'object', properties: { user: { type: 'string' }, n: { type: 'integer' } }, required: ['user', 'n'] };

let fake: FakeSchemaRegistry;
let library: SchemaRegistry;
let avroId: number;
let jsonId: number;
let avro: SchemaValidator;
let json: SchemaValidator;
let decoder: RegistryDecoder;

beforeAll(async () => {
  fake = await startFakeSchemaRegistry();
  library = new SchemaRegistry({ host: fake.url });
  const register = async (schema: object, schemaType?: string) => {
    const response = await fetch(`${fake.url}/subjects/s-${schemaType ?? 'AVRO'}/versions`, { method: 'POST', body: JSON.stringify({ schema: JSON.stringify(schema), ...(schemaType ? { schemaType } : {}) }) });
    return ((await response.json()) as { id: number }).id;
  };
  avroId = await register(avroSchema);
  jsonId = await register(jsonSchema, 'JSON');
  avro = (await library.getSchema(avroId)) as unknown as SchemaValidator;
  json = (await library.getSchema(jsonId)) as unknown as SchemaValidator;
  decoder = { decode: (bytes) => library.decode(bytes), schemaType: async (id) => (id === jsonId ? 'JSON' : 'AVRO') };
});
afterAll(() => fake.close());

describe('valueFromText', () => {
  it('keeps string lines as text and parses the others as JSON, saying why not', () => {
    expect(valueFromText('string', 'not json')).toEqual({ value: 'not json' });
    expect(valueFromText('json', '{"a":1}')).toEqual({ value: { a: 1 } });
    expect(valueFromText('json', '{"a":')).toEqual({ problem: expect.stringMatching(/^not valid JSON: /) });
    expect(valueFromText('avro', 'x')).toEqual({ problem: expect.stringMatching(/^not valid JSON \(a avro value is written as JSON\)/) });
  });
});

describe('valueProblem', () => {
  it('accepts strings for string, any JSON for json, null everywhere', () => {
    expect(valueProblem('string', 'x')).toBeUndefined();
    expect(valueProblem('string', { a: 1 })).toMatch(/a string value is expected/);
    expect(valueProblem('json', [1, 2])).toBeUndefined();
    expect(valueProblem('avro', null, avro)).toBeUndefined();
  });

  it('names the Avro field that is wrong, missing or undeclared', () => {
    expect(valueProblem('avro', { user: 'u', n: 1 }, avro)).toBeUndefined();
    expect(valueProblem('avro', { user: 'u', n: 1, ref: 'r' }, avro)).toBeUndefined();
    expect(valueProblem('avro', { user: 'u', n: 'two' }, avro)).toBe('does not match the Avro schema: n: "two" is not a valid int');
    expect(valueProblem('avro', { n: 1 }, avro)).toBe('does not match the Avro schema: user: missing (a string is required)');
    expect(valueProblem('avro', { user: 'u', n: 1, usr: 'typo' }, avro)).toBe('does not match the Avro schema: field usr not in record Click');
  });

  it('passes ajv\'s reasons for JSON Schema', () => {
    expect(valueProblem('json-schema', { user: 'u', n: 1 }, json)).toBeUndefined();
    expect(valueProblem('json-schema', { user: 'u', n: 1.5 }, json)).toBe('does not match the JSON schema: /n: must be integer');
    expect(valueProblem('json-schema', { user: 'u' }, json)).toMatch(/must have required property 'n'/);
  });
});

describe('decodeValue', () => {
  it('decodes Avro and JSON Schema wire format through the registry in auto mode', async () => {
    const encoded = await library.encode(avroId, { user: 'u', n: 1, ref: null });
    expect(wireSchemaId(encoded)).toBe(avroId);
    expect(await decodeValue(encoded, 'auto', decoder)).toEqual({ value: { user: 'u', n: 1, ref: null }, as: 'avro', schemaId: avroId });
    const jsonEncoded = await library.encode(jsonId, { user: 'u', n: 2 });
    expect(await decodeValue(jsonEncoded, 'auto', decoder)).toEqual({ value: { user: 'u', n: 2 }, as: 'json-schema', schemaId: jsonId });
  });

  it('says why a value is not the format asked for, and gives its text', async () => {
    expect(await decodeValue(Buffer.from('plain'), 'avro', decoder)).toEqual({ value: 'plain', as: 'string', error: 'not in the Confluent wire format (no magic byte 0): not avro' });
    const encoded = await library.encode(avroId, { user: 'u', n: 1, ref: null });
    expect((await decodeValue(encoded, 'json-schema', decoder)).error).toBe(`schema id ${avroId} is AVRO, not json-schema`);
    expect(await decodeValue(Buffer.from('{oops'), 'json', decoder)).toMatchObject({ value: '{oops', as: 'string', error: expect.stringMatching(/not valid JSON/) });
  });

  it('auto: JSON objects and arrays parsed, other text kept, null as null', async () => {
    expect(await decodeValue(Buffer.from('{"a":1}'), 'auto', undefined)).toEqual({ value: { a: 1 }, as: 'json' });
    expect(await decodeValue(Buffer.from('42'), 'auto', undefined)).toEqual({ value: '42', as: 'string' });
    expect(await decodeValue(Buffer.from('{half'), 'auto', undefined)).toEqual({ value: '{half', as: 'string' });
    expect(await decodeValue(null, 'auto', undefined)).toEqual({ value: null, as: 'null' });
    expect(await decodeValue(Buffer.from('{"a":1}'), 'string', undefined)).toEqual({ value: '{"a":1}', as: 'string' });
  });
});

describe('headersFromKafka', () => {
  it('turns Buffers and arrays into text, drops undefined', () => {
    expect(headersFromKafka({ a: Buffer.from('1'), b: [Buffer.from('x'), 'y'], c: undefined })).toEqual({ a: '1', b: ['x', 'y'] });
  });
});
