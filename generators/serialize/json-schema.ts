import type { AvroRecordSchema } from '../core/event-model.js';

/**
 * The JSON Schema (draft-07) equivalent of a generator's Avro schema: the same fields and no
 * others. Every top-level field is required, null included (the generators always write them, so a
 * record without one is malformed); in nested records `["null", T]` fields are optional (Avro fills
 * their defaults, JSON leaves them out, as user-events' `data` does).
 */
export function jsonSchemaFromAvro(schema: AvroRecordSchema): Record<string, unknown> {
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: schema.name, ...convert(schema, true) };
}

function convert(type: unknown, topLevel = false): Record<string, unknown> {
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return { type: 'string' };
      case 'long':
      case 'int':
        return { type: 'integer' };
      case 'double':
      case 'float':
        return { type: 'number' };
      case 'boolean':
        return { type: 'boolean' };
      case 'null':
        return { type: 'null' };
      default:
        throw new Error(`no JSON Schema for Avro type ${type}`);
    }
  }
  if (Array.isArray(type)) return { anyOf: type.map((member) => convert(member)) };
  const complex = type as { type: string; fields?: Array<{ name: string; type: unknown }>; symbols?: string[]; items?: unknown };
  if (complex.type === 'enum') return { type: 'string', enum: complex.symbols };
  if (complex.type === 'array') return { type: 'array', items: convert(complex.items) };
  if (complex.type === 'record') {
    const fields = complex.fields ?? [];
    const optional = (t: unknown) => Array.isArray(t) && t.includes('null');
    return {
      type: 'object',
      properties: Object.fromEntries(fields.map((f) => [f.name, convert(f.type)])),
      required: fields.filter((f) => topLevel || !optional(f.type)).map((f) => f.name),
      additionalProperties: false,
    };
  }
  return convert(complex.type);
}
