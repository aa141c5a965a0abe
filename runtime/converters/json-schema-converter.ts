import { SchemaType, type SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { ConnectSchema, ConnectValue } from '../core/record.js';
import type { FieldSpec } from '../core/config-spec.js';
import { valueFromJson, valueToJson } from './connect-json.js';
import { inferSchema } from './connect-schema.js';
import { converterConfig } from './converter-config.js';
import type { Converter, ConverterFactory } from './converter.js';
import { DataException } from './data-exception.js';
import { connectSchemaFromJsonSchema, jsonSchemaFromConnect } from './json-schema-data.js';
import { parseJson, writeJson, type Json } from './json-text.js';
import { registryConverterSpec, registrySettings, type RegistrySettings } from './registry-converter-config.js';
import { readWireFormat, registryLibraryClient, wireHeader, type SchemaRegistryClient } from './schema-registry-client.js';

export const JSON_SCHEMA_CONVERTER = 'io.confluent.connect.json.JsonSchemaConverter';

const spec: FieldSpec[] = [
  ...registryConverterSpec,
  { name: 'json.fail.invalid.schema', type: 'BOOLEAN', default: 'false', importance: 'MEDIUM', doc: 'Whether to fail deserialization (and serialization) if the payload is not valid for the schema.' },
];

const SERIALIZATION = 'org.apache.kafka.common.errors.SerializationException';
const DATA_OPTIONS = { decimalFormat: 'NUMERIC', replaceNullWithDefault: true } as const;

/**
 * Confluent's JsonSchemaConverter: Confluent wire format (magic byte 0, 4-byte schema id, JSON
 * text) through a Confluent-compatible Schema Registry. Writing derives a JSON Schema from the
 * Connect schema and registers it (schemaType JSON) under the subject strategy's subject; reading
 * maps the writer's JSON Schema to a Connect schema, or passes the value on schemaless when the
 * JSON Schema has no Connect equivalent. `json.fail.invalid.schema=true` validates payloads.
 */
export class JsonSchemaConverter implements Converter {
  private readonly settings: RegistrySettings;
  private readonly validate: boolean;
  private readonly registry: SchemaRegistry;
  private readonly decoded = new Map<number, Promise<ConnectSchema | undefined>>();
  private readonly encodedSchemas = new WeakMap<ConnectSchema, string>();

  constructor(config: Readonly<Record<string, unknown>>, isKey = false, client?: SchemaRegistryClient) {
    const parsed = converterConfig(spec, config, isKey, JSON_SCHEMA_CONVERTER);
    this.settings = registrySettings(parsed, isKey, client);
    this.validate = parsed.bool('json.fail.invalid.schema');
    this.registry = registryLibraryClient(this.settings.client, { [SchemaType.JSON]: { strict: false, allErrors: true } });
  }

  private connectSchema(id: number): Promise<ConnectSchema | undefined> {
    let cached = this.decoded.get(id);
    if (!cached) {
      cached = (async () => {
        const registered = await this.settings.client.byId(id);
        if (registered.schemaType !== 'JSON') throw new DataException(`Schema id ${id} has schemaType ${registered.schemaType}, not JSON`);
        return connectSchemaFromJsonSchema(parseJson(registered.schema));
      })();
      this.decoded.set(id, cached);
      cached.catch(() => this.decoded.delete(id));
    }
    return cached;
  }

  private async check(bytes: Buffer, topic: string): Promise<void> {
    try {
      await this.registry.decode(bytes);
    } catch (cause) {
      const paths = (cause as { paths?: unknown }).paths;
      throw new DataException(`Validation error for topic ${topic}: ${(cause as Error).message}${paths ? ` ${JSON.stringify(paths)}` : ''}`, { cause, exceptionClass: SERIALIZATION });
    }
  }

  async toConnectData(topic: string, bytes: Buffer | null): Promise<{ value: ConnectValue; schema?: ConnectSchema }> {
    if (bytes === null) return { value: null };
    const { id, payload } = readWireFormat(bytes, `topic ${topic}`);
    const schema = await this.connectSchema(id);
    let json: Json;
    try {
      json = parseJson(payload.toString('utf8'));
    } catch (cause) {
      throw new DataException(`Failed to deserialize data for topic ${topic}: ${(cause as Error).message}`, { cause, exceptionClass: SERIALIZATION });
    }
    if (this.validate) await this.check(bytes, topic);
    return schema ? { value: valueFromJson(schema, json), schema } : { value: json };
  }

  async fromConnectData(topic: string, value: ConnectValue, schema?: ConnectSchema): Promise<Buffer | null> {
    if (value === null || value === undefined) return null;
    const connectSchema = schema ?? inferSchema(value, false);
    let text = this.encodedSchemas.get(connectSchema);
    if (text === undefined) {
      text = JSON.stringify(jsonSchemaFromConnect(connectSchema));
      this.encodedSchemas.set(connectSchema, text);
    }
    const subject = this.settings.subject(topic, connectSchema.type === 'struct' ? connectSchema.name : undefined);
    const id = this.settings.useLatest
      ? (await this.settings.client.latest(subject)).id
      : this.settings.autoRegister
        ? await this.settings.client.register(subject, text, 'JSON')
        : await this.settings.client.lookup(subject, text, 'JSON');
    const bytes = Buffer.concat([wireHeader(id), Buffer.from(writeJson(valueToJson(connectSchema, value, DATA_OPTIONS)), 'utf8')]);
    if (this.validate) await this.check(bytes, topic);
    return bytes;
  }
}

export const jsonSchemaConverterFactory: ConverterFactory = (config, isKey) => new JsonSchemaConverter(config, isKey);
