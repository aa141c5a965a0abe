import type { ConnectSchema, ConnectValue } from '../core/record.js';
import { asField, copySchemaBasics, describeType, fieldValue, inferType, LOGICAL, primitive, structWith, type SchemaType } from '../converters/connect-schema.js';
import { DataException } from '../converters/data-exception.js';
import type { Config, FieldSpec } from '../core/config-spec.js';
import { javaDoubleToString, javaFloatToString, narrow, parseJavaDouble, parseJavaInt } from './java-numbers.js';
import { keyValuePlugins, operand, replaceNullWithDefaultSpec, requireMap, requireStruct, withOperand, type Target } from './transform-plugin.js';
import type { Transform } from './transform.js';

const PURPOSE = 'cast types';
const INPUT_TYPES: readonly SchemaType[] = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'boolean', 'string', 'bytes'];
const OUTPUT_TYPES = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'boolean', 'string'] as const;
type CastType = (typeof OUTPUT_TYPES)[number];
const DAY_MS = 86_400_000;

/** `field:type,...`, or a single `type` for the whole value; a string when invalid. */
function parseSpec(value: string | null): { whole?: CastType; fields: Map<string, CastType> } | string {
  const mappings = (value ?? '').split(',').map((m) => m.trim()).filter((m) => m !== '');
  if (mappings.length === 0) return 'Must specify at least one field to cast.';
  const fields = new Map<string, CastType>();
  let whole: CastType | undefined;
  for (const mapping of mappings) {
    const parts = mapping.split(':');
    if (parts.length > 2) return `Invalid rename mapping: ${mapping}`;
    const type = parts[parts.length - 1]!.trim().toLowerCase();
    if (!(OUTPUT_TYPES as readonly string[]).includes(type)) {
      return INPUT_TYPES.includes(type as SchemaType) || ['array', 'map', 'struct'].includes(type)
        ? `Cast transformation does not support casting to ${type.toUpperCase()}; supported types are [${OUTPUT_TYPES.map((t) => t.toUpperCase()).join(', ')}]`
        : `Invalid type found in casting spec: ${parts[parts.length - 1]!.trim()}`;
    }
    if (parts.length === 1) whole = type as CastType;
    else fields.set(parts[0]!.trim(), type as CastType);
  }
  if (whole && mappings.length > 1) return 'Cast transformations that specify a type to cast the entire value to may ony specify a single cast in their spec';
  return whole ? { whole, fields } : { fields };
}

/** Connect's `Values.dateFormatFor`: a time, a date or a timestamp, in UTC ISO-8601. */
function dateToString(date: Date): string {
  const ms = date.getTime();
  const iso = date.toISOString();
  if (ms >= 0 && ms < DAY_MS) return iso.slice(11);
  if (ms % DAY_MS === 0) return iso.slice(0, 10);
  return iso;
}

/** A logical value as its underlying representation (Date: days, Time: ms of day, Timestamp: ms). */
function encodeLogical(schema: ConnectSchema, value: ConnectValue): ConnectValue {
  if (!(value instanceof Date)) return value;
  if (schema.name === LOGICAL.date) return Math.floor(value.getTime() / DAY_MS);
  return value.getTime();
}

function castTo(value: ConnectValue, target: CastType, sourceType: SchemaType | undefined): ConnectValue {
  if (typeof value === 'number' || typeof value === 'bigint') {
    switch (target) {
      case 'boolean':
        return narrow(value, 'int64') !== 0 && narrow(value, 'int64') !== 0n;
      case 'float32':
        return Math.fround(Number(value));
      case 'float64':
        return Number(value);
      case 'string':
        if (typeof value === 'number' && sourceType === 'float32') return javaFloatToString(value);
        if (typeof value === 'number' && (sourceType === 'float64' || !Number.isInteger(value))) return javaDoubleToString(value);
        return String(value);
      default:
        return narrow(value, target);
    }
  }
  if (typeof value === 'boolean') {
    if (target === 'boolean') return value;
    if (target === 'string') return String(value);
    return target === 'int64' ? (value ? 1 : 0) : value ? 1 : 0;
  }
  if (typeof value === 'string') {
    switch (target) {
      case 'string':
        return value;
      case 'boolean':
        return value.toLowerCase() === 'true';
      case 'float32':
        return Math.fround(parseJavaDouble(value));
      case 'float64':
        return parseJavaDouble(value);
      default:
        return parseJavaInt(value, target);
    }
  }
  if (value instanceof Date && target === 'string') return dateToString(value);
  if (value instanceof Uint8Array && target === 'string') return Buffer.from(value).toString('base64');
  throw new DataException(`Unexpected type in Cast transformation: ${describeType(value)}`);
}

function castValue(schema: ConnectSchema | undefined, value: ConnectValue, target: CastType): ConnectValue {
  if (value === null) return null;
  const sourceType = schema ? schema.type : value instanceof Date ? undefined : inferType(value);
  if (schema || !(value instanceof Date)) {
    if (sourceType === undefined || !INPUT_TYPES.includes(sourceType)) {
      throw new DataException(`Cast transformation does not support casting from ${(sourceType ?? describeType(value)).toUpperCase()}; supported types are [${INPUT_TYPES.map((t) => t.toUpperCase()).join(', ')}]`);
    }
  }
  const input = schema?.name && target !== 'string' ? encodeLogical(schema, value) : value;
  try {
    return castTo(input, target, sourceType);
  } catch (cause) {
    if (cause instanceof DataException) throw cause;
    throw new DataException(`Value (${String(value)}) was out of range for requested data type`, { cause });
  }
}

/**
 * Kafka's Cast: casts fields of a struct or map (`spec=field:type,...`) or the whole value
 * (`spec=type`) to int8..int64, float32, float64, boolean or string; bytes cast only to string
 * (base64), Date/Time/Timestamp to their number or ISO-8601 text. With a schema the field
 * schemas change accordingly (optionality and defaults kept). Null values pass unchanged.
 */
function cast(config: Config, target: Target): Transform {
  const parsed = parseSpec(config.string('spec')) as Exclude<ReturnType<typeof parseSpec>, string>;
  const replaceNull = config.bool('replace.null.with.default');
  const schemaCache = new WeakMap<ConnectSchema, ConnectSchema>();

  const newFieldSchema = (original: ConnectSchema, type: CastType): ConnectSchema => {
    const out = primitive(type, original.optional ?? false);
    if (original.default !== undefined && original.default !== null) out.default = castValue(original, original.default, type);
    return out;
  };

  const updatedSchema = (schema: ConnectSchema): ConnectSchema => {
    const cached = schemaCache.get(schema);
    if (cached) return cached;
    let out: ConnectSchema;
    if (parsed.whole) {
      out = copySchemaBasics(schema, parsed.whole);
      if (schema.optional) out.optional = true;
      if (schema.default !== undefined && schema.default !== null) out.default = castValue(schema, schema.default, parsed.whole);
    } else {
      out = structWith(schema, (schema.fields ?? []).map((field) => {
        const type = parsed.fields.get(field.field);
        return type ? asField(newFieldSchema(field, type), field.field) : field;
      }));
    }
    schemaCache.set(schema, out);
    return out;
  };

  return {
    apply(record) {
      const { value, schema } = operand(record, target);
      if (value === null) return record;
      if (!schema) {
        if (parsed.whole) return withOperand(record, target, castValue(undefined, value, parsed.whole), undefined);
        const map = requireMap(value, PURPOSE);
        const out: Record<string, ConnectValue> = { ...map };
        for (const [field, type] of parsed.fields) out[field] = castValue(undefined, map[field] ?? null, type);
        return withOperand(record, target, out, undefined);
      }
      const newSchema = updatedSchema(schema);
      if (parsed.whole) return withOperand(record, target, castValue(schema, value, parsed.whole), newSchema);
      const { struct, schema: structSchema } = requireStruct(value, schema, PURPOSE);
      const out: Record<string, ConnectValue> = {};
      for (const field of structSchema.fields) {
        const original = fieldValue(struct, field, replaceNull);
        const type = parsed.fields.get(field.field);
        out[field.field] = type ? castValue(field, original, type) : original;
      }
      return withOperand(record, target, out, newSchema);
    },
  };
}

export const castPlugins = keyValuePlugins('Cast', {
  doc: 'Cast fields or the entire key or value to a specific type, e.g. to force an integer field to a smaller width. Cast from integers, floats, boolean and string to any other type, and cast binary to string (base64 encoded).',
  spec: [
    {
      name: 'spec',
      type: 'LIST',
      importance: 'HIGH',
      doc: 'List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. A single type to cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string. Note that binary fields can only be cast to string.',
      check: (value) => {
        const parsed = parseSpec(value);
        return typeof parsed === 'string' ? parsed : undefined;
      },
    },
    replaceNullWithDefaultSpec,
  ] satisfies FieldSpec[],
  create: cast,
});
