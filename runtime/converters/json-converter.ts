import type { ConnectSchema, ConnectValue } from '../core/record.js';
import type { FieldSpec } from '../core/config-spec.js';
import { schemaFromJson, schemaToJson, valueFromJson, valueToJson, type JsonDataOptions } from './connect-json.js';
import { converterConfig, converterTypeSpec } from './converter-config.js';
import type { Converter, ConverterFactory } from './converter.js';
import { DataException } from './data-exception.js';
import { isJsonObject, parseJson, rawNumber, writeJson, type Json } from './json-text.js';

export const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';

export const jsonConverterSpec: FieldSpec[] = [
  { name: 'schemas.enable', type: 'BOOLEAN', default: 'true', importance: 'HIGH', doc: 'Include schemas within each of the serialized values and keys.' },
  { name: 'schemas.cache.size', type: 'INT', default: '1000', importance: 'HIGH', doc: 'The maximum number of schemas that can be cached in this converter instance.' },
  { name: 'decimal.format', type: 'STRING', default: 'BASE64', oneOf: ['BASE64', 'NUMERIC'], importance: 'LOW', doc: "Controls which format this converter will serialize decimals in. This value is case insensitive and can be either 'BASE64' (default) or 'NUMERIC'" },
  { name: 'replace.null.with.default', type: 'BOOLEAN', default: 'true', importance: 'LOW', doc: 'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.' },
  converterTypeSpec,
];

const ENVELOPE_ERROR = 'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.';

/**
 * Kafka's JsonConverter. With `schemas.enable=true` (Connect's default) every message is the
 * envelope `{"schema": ..., "payload": ...}`; with `false` it is plain JSON and values are
 * schemaless. Null bytes (tombstones) are a null value; `fromConnectData` of a null value without
 * a schema is null bytes.
 */
export class JsonConverter implements Converter {
  private readonly schemasEnabled: boolean;
  private readonly options: JsonDataOptions;
  private readonly schemaJsonCache = new WeakMap<ConnectSchema, ReturnType<typeof schemaToJson>>();
  private readonly schemaCache = new Map<string, ConnectSchema | undefined>();
  private readonly cacheSize: number;

  constructor(config: Readonly<Record<string, unknown>> = {}, isKey = false) {
    const parsed = converterConfig(jsonConverterSpec, config, isKey, JSON_CONVERTER);
    this.schemasEnabled = parsed.bool('schemas.enable');
    this.cacheSize = parsed.int('schemas.cache.size');
    this.options = {
      decimalFormat: parsed.requiredString('decimal.format').trim().toUpperCase() === 'NUMERIC' ? 'NUMERIC' : 'BASE64',
      replaceNullWithDefault: parsed.bool('replace.null.with.default'),
    };
  }

  async toConnectData(_topic: string, bytes: Buffer | null): Promise<{ value: ConnectValue; schema?: ConnectSchema }> {
    return this.toConnectDataSync(bytes);
  }

  async fromConnectData(_topic: string, value: ConnectValue, schema?: ConnectSchema): Promise<Buffer | null> {
    return this.fromConnectDataSync(value, schema);
  }

  /** Synchronous `toConnectData`, for callers converting many records in a loop. */
  toConnectDataSync(bytes: Buffer | null): { value: ConnectValue; schema?: ConnectSchema } {
    if (bytes === null) return { value: null };
    let json: Json | undefined;
    try {
      json = bytes.length === 0 ? undefined : parseJson(bytes.toString('utf8'));
    } catch (cause) {
      throw new DataException(`Converting byte[] to Kafka Connect data failed due to serialization error: ${(cause as Error).message}`, { cause });
    }
    if (!this.schemasEnabled) return { value: valueFromJson(undefined, json) };
    if (!isJsonObject(json) || Object.keys(json).length !== 2 || !('schema' in json) || !('payload' in json)) throw new DataException(ENVELOPE_ERROR);
    const schema = this.connectSchema(json.schema ?? null);
    const value = valueFromJson(schema, json.payload);
    return schema ? { value, schema } : { value };
  }

  /** Synchronous `fromConnectData`. */
  fromConnectDataSync(value: ConnectValue, schema?: ConnectSchema): Buffer | null {
    if (!schema && (value === null || value === undefined)) return null;
    if (!schema) {
      // Schemaless: straight to text, no intermediate tree (the hot path of source connectors).
      const payloadText = stringifySchemaless(value);
      return Buffer.from(this.schemasEnabled ? `{"schema":null,"payload":${payloadText}}` : payloadText, 'utf8');
    }
    const payload = valueToJson(schema, value ?? null, this.options);
    const text = this.schemasEnabled ? writeJson({ schema: schema ? this.jsonSchema(schema) : null, payload }) : writeJson(payload);
    return Buffer.from(text, 'utf8');
  }

  private jsonSchema(schema: ConnectSchema): ReturnType<typeof schemaToJson> {
    let json = this.schemaJsonCache.get(schema);
    if (!json) {
      json = schemaToJson(schema, this.options);
      this.schemaJsonCache.set(schema, json);
    }
    return json;
  }

  private connectSchema(json: Json): ConnectSchema | undefined {
    if (json === null) return undefined;
    const key = schemaKey(json);
    if (this.schemaCache.has(key)) return this.schemaCache.get(key);
    const schema = schemaFromJson(json);
    if (this.schemaCache.size >= this.cacheSize) this.schemaCache.delete(this.schemaCache.keys().next().value!);
    this.schemaCache.set(key, schema);
    return schema;
  }
}

/** The schema cache key: plain `JSON.stringify` (several times faster than with a replacer), which only a bigint (a huge default) makes throw. */
function schemaKey(json: Json): string {
  try {
    return JSON.stringify(json);
  } catch {
    return JSON.stringify(json, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
}

function schemalessReplacer(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Uint8Array) return Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64');
  if (typeof value === 'bigint') return rawNumber(value.toString());
  return value;
}

/** Schemaless Connect data as JSON text: bytes base64, bigints exact, dates ISO-8601 (as `schemalessToJson`). */
export function stringifySchemaless(value: ConnectValue): string {
  return JSON.stringify(value, schemalessReplacer);
}

export const jsonConverterFactory: ConverterFactory = (config, isKey) => new JsonConverter(config, isKey);
