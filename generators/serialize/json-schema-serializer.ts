import { StackError } from '../../runtime/core/errors.js';
import type { AvroRecordSchema } from '../core/event-model.js';
import type { PlannedRecord } from '../core/planned-record.js';
import { registerSchema } from './register-schema.js';
import type { ValueSerializer } from './value-serializer.js';

/**
 * JSON Schema in the Confluent wire format: magic byte 0, 4-byte schema id, the JSON text. The
 * schema (derived from the generator's Avro schema) is registered as `<topic>-value`, type JSON.
 * Malformed records keep the header, so a JSON Schema deserializer finds the schema and then fails
 * on the value: truncated JSON, or JSON that violates the schema, exactly what a DLQ should catch.
 */
export async function jsonSchemaSerializer(registryUrl: string, topic: string, schema: AvroRecordSchema, jsonSchema: object): Promise<ValueSerializer & { schemaId: number }> {
  let schemaId: number;
  try {
    schemaId = await registerSchema(registryUrl, `${topic}-value`, JSON.stringify(jsonSchema), 'JSON');
  } catch (cause) {
    throw new StackError(`Cannot register the JSON Schema of ${schema.name} at ${registryUrl}: ${(cause as Error).message}`, {
      cause,
      hint: 'Is the Schema Registry running (`kafka-sandbox status`)? Otherwise check --schema-registry-url.',
    });
  }
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return {
    format: 'json-schema',
    schemaId,
    serialize: (_record: PlannedRecord, json: Buffer) => Buffer.concat([header, json]),
  };
}
