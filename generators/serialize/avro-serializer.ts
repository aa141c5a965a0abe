import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { StackError } from '../../runtime/core/errors.js';
import type { AvroRecordSchema } from '../core/event-model.js';
import type { PlannedRecord } from '../core/planned-record.js';
import { registerSchema } from './register-schema.js';
import type { ValueSerializer } from './value-serializer.js';

/**
 * Avro in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary), the schema
 * registered under `<topic>-value` through the Confluent-compatible API (Apicurio's lives under
 * `/apis/ccompat/v7`). Malformed records stay undecodable: `truncated` ones are cut-short Avro, the
 * others are their JSON (no magic byte), as a producer with the wrong serializer would send.
 */
export async function avroSerializer(registryUrl: string, topic: string, schema: AvroRecordSchema): Promise<ValueSerializer & { schemaId: number }> {
  const registry = new SchemaRegistry({ host: registryUrl, clientId: 'kafka-sandbox-generate', retry: { retries: 2 } });
  let schemaId: number;
  try {
    schemaId = await registerSchema(registryUrl, `${topic}-value`, JSON.stringify(schema), 'AVRO');
    await registry.getSchema(schemaId);
  } catch (cause) {
    throw new StackError(`Cannot register the Avro schema at ${registryUrl}: ${(cause as Error).message}`, {
      cause,
      hint: 'Is the Schema Registry running (`kafka-sandbox status`)? Otherwise check --schema-registry-url.',
    });
  }
  return {
    format: 'avro',
    schemaId,
    async serialize(record: PlannedRecord, json: Buffer): Promise<Buffer> {
      const malformation = record.malformation;
      if (!malformation) return registry.encode(schemaId, record.value);
      if (malformation.kind !== 'truncated') return json;
      const encoded = await registry.encode(schemaId, record.value);
      // Keep the 5-byte header and cut the body: the schema id resolves, the record does not decode.
      return encoded.subarray(0, 5 + Math.max(0, Math.floor((encoded.length - 5) * malformation.keep) - 1));
    },
  };
}

