import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { ConnectSchema, ConnectValue } from '../core/record.js';
import { inferSchema } from './connect-schema.js';
import { converterConfig } from './converter-config.js';
import type { Converter, ConverterFactory } from './converter.js';
import { DataException } from './data-exception.js';
import { avroSchemaFromConnect, avroValueFromConnect, connectSchemaFromAvro, connectValueFromAvro } from './avro-data.js';
import { parseAvroSchema, type AvroNode } from './avro-schema-tree.js';
import { registryConverterSpec, registrySettings, type RegistrySettings } from './registry-converter-config.js';
import { readWireFormat, registryLibraryClient, wireHeader, type SchemaRegistryClient } from './schema-registry-client.js';

export const AVRO_CONVERTER = 'io.confluent.connect.avro.AvroConverter';

/** The avsc codec `@kafkajs/confluent-schema-registry` builds for a schema id. */
interface AvroCodec {
  toBuffer(value: unknown): Buffer;
  fromBuffer(buffer: Buffer): unknown;
}

interface Decoded {
  node: AvroNode;
  schema: ConnectSchema;
}

/**
 * Confluent's AvroConverter: Confluent wire format (magic byte 0, 4-byte schema id, Avro binary)
 * through a Confluent-compatible Schema Registry (`schema.registry.url`; Apicurio's
 * `/apis/ccompat/v7` works). Writing derives the Avro schema from the Connect schema (with
 * Connect's `connect.*` attributes) and registers it under the subject of
 * `key.subject.name.strategy`/`value.subject.name.strategy` (`<topic>-key`/`<topic>-value` by
 * default), unless `auto.register.schemas=false` or `use.latest.version=true`. Reading returns
 * the Connect schema of the writer's Avro schema. Schemaless values get an inferred schema.
 */
export class AvroConverter implements Converter {
  private readonly settings: RegistrySettings;
  private readonly registry: SchemaRegistry;
  private readonly decoded = new Map<number, Promise<Decoded>>();
  private readonly encodedSchemas = new WeakMap<ConnectSchema, string>();

  constructor(config: Readonly<Record<string, unknown>>, isKey = false, client?: SchemaRegistryClient) {
    this.settings = registrySettings(converterConfig(registryConverterSpec, config, isKey, AVRO_CONVERTER), isKey, client);
    this.registry = registryLibraryClient(this.settings.client, { [SchemaType.AVRO]: { wrapUnions: true } });
  }

  private async codec(id: number): Promise<AvroCodec> {
    return (await this.registry.getSchema(id)) as unknown as AvroCodec;
  }

  private decodedSchema(id: number): Promise<Decoded> {
    let cached = this.decoded.get(id);
    if (!cached) {
      cached = (async () => {
        const registered = await this.settings.client.byId(id);
        if (registered.schemaType !== 'AVRO') throw new DataException(`Schema id ${id} has schemaType ${registered.schemaType}, not AVRO`);
        const node = parseAvroSchema(registered.schema);
        return { node, schema: connectSchemaFromAvro(node) };
      })();
      this.decoded.set(id, cached);
      cached.catch(() => this.decoded.delete(id));
    }
    return cached;
  }

  async toConnectData(topic: string, bytes: Buffer | null): Promise<{ value: ConnectValue; schema?: ConnectSchema }> {
    if (bytes === null) return { value: null };
    const { id, payload } = readWireFormat(bytes, `topic ${topic}`);
    const { node, schema } = await this.decodedSchema(id);
    let decoded: unknown;
    try {
      decoded = (await this.codec(id)).fromBuffer(payload);
    } catch (cause) {
      throw new DataException(`Failed to deserialize data for topic ${topic} to Avro: ${(cause as Error).message}`, { cause, exceptionClass: 'org.apache.kafka.common.errors.SerializationException' });
    }
    return { value: connectValueFromAvro(node, decoded), schema };
  }

  async fromConnectData(topic: string, value: ConnectValue, schema?: ConnectSchema): Promise<Buffer | null> {
    if (value === null || value === undefined) return null;
    const connectSchema = schema ?? inferSchema(value, false);
    let text = this.encodedSchemas.get(connectSchema);
    if (text === undefined) {
      text = JSON.stringify(avroSchemaFromConnect(connectSchema));
      this.encodedSchemas.set(connectSchema, text);
    }
    const node = parseAvroSchema(text);
    const subject = this.settings.subject(topic, node.kind === 'record' ? node.fullname : undefined);
    let id: number;
    let writer = node;
    if (this.settings.useLatest) {
      const latest = await this.settings.client.latest(subject);
      id = latest.id;
      writer = (await this.decodedSchema(id)).node;
    } else {
      id = this.settings.autoRegister ? await this.settings.client.register(subject, text, 'AVRO') : await this.settings.client.lookup(subject, text, 'AVRO');
    }
    try {
      const body = (await this.codec(id)).toBuffer(avroValueFromConnect(writer, value));
      return Buffer.concat([wireHeader(id), body]);
    } catch (cause) {
      if (cause instanceof DataException) throw cause;
      throw new DataException(`Failed to serialize Avro data from topic ${topic}: ${(cause as Error).message}`, { cause, exceptionClass: 'org.apache.kafka.common.errors.SerializationException' });
    }
  }
}

export const avroConverterFactory: ConverterFactory = (config, isKey) => new AvroConverter(config, isKey);
