import type { ConnectSchema, ConnectValue } from '../core/record.js';

/**
 * Helpers for Connect schemas and data as this runtime represents them (see record.ts):
 *
 * - int8/int16/int32/float32/float64: `number`; int64: `number`, or `bigint` beyond 2^53.
 * - string, boolean: themselves; bytes: `Buffer`/`Uint8Array`.
 * - struct and map (string keys): plain objects, struct fields in schema order.
 *   Maps with other key types are plain objects keyed by the key's string form.
 * - array: arrays.
 * - Logical types: Timestamp, Date and Time are `Date` (UTC); Decimal is a `number` when the
 *   number prints back as the same decimal, else the exact decimal `string`.
 *
 * Schemas are plain `ConnectSchema` objects, never mutated: helpers return new ones.
 */

/** Connect's logical type names (`Schema.name()`). */
export const LOGICAL = {
  decimal: 'org.apache.kafka.connect.data.Decimal',
  date: 'org.apache.kafka.connect.data.Date',
  time: 'org.apache.kafka.connect.data.Time',
  timestamp: 'org.apache.kafka.connect.data.Timestamp',
} as const;

export type SchemaType = ConnectSchema['type'];
export type FieldSchema = ConnectSchema & { field: string };
export type StructSchema = ConnectSchema & { type: 'struct'; fields: FieldSchema[] };

export const PRIMITIVE_TYPES: readonly SchemaType[] = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'boolean', 'string', 'bytes'];

export function isStructSchema(schema: ConnectSchema | undefined | null): schema is StructSchema {
  return !!schema && schema.type === 'struct' && Array.isArray(schema.fields);
}

/** A plain object (struct or map value): not null, an array, a Date or bytes. */
export function isPlainObject(value: unknown): value is { [field: string]: ConnectValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

export function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

/** The schema of a struct field without its `field` name. */
export function fieldSchemaOf(field: FieldSchema): ConnectSchema {
  const { field: _name, ...schema } = field;
  return schema;
}

/** `schema` as the struct field `name` (any previous field name replaced). */
export function asField(schema: ConnectSchema, name: string): FieldSchema {
  const { field: _old, ...rest } = schema as FieldSchema;
  return { ...rest, field: name };
}

export function findField(schema: ConnectSchema, name: string): FieldSchema | undefined {
  return schema.fields?.find((f) => f.field === name);
}

/** Connect's `SchemaUtil.copySchemaBasics`: name, version, doc and parameters onto a new type. */
export function copySchemaBasics(source: ConnectSchema, type: SchemaType): ConnectSchema {
  const out: ConnectSchema = { type };
  if (source.name !== undefined) out.name = source.name;
  if (source.version !== undefined) out.version = source.version;
  if (source.doc !== undefined) out.doc = source.doc;
  if (source.parameters !== undefined) out.parameters = { ...source.parameters };
  return out;
}

/** A struct schema with `fields`, keeping `base`'s name, version, doc, parameters and optionality. */
export function structWith(base: ConnectSchema | undefined, fields: FieldSchema[]): StructSchema {
  const out = (base ? copySchemaBasics(base, 'struct') : { type: 'struct' }) as StructSchema;
  out.fields = fields;
  if (base?.optional) out.optional = true;
  return out;
}

export function primitive(type: SchemaType, optional = false): ConnectSchema {
  return optional ? { type, optional: true } : { type };
}

export function timestampSchema(optional = false): ConnectSchema {
  return { type: 'int64', name: LOGICAL.timestamp, version: 1, ...(optional ? { optional: true } : {}) };
}

export function dateSchema(optional = false): ConnectSchema {
  return { type: 'int32', name: LOGICAL.date, version: 1, ...(optional ? { optional: true } : {}) };
}

export function timeSchema(optional = false): ConnectSchema {
  return { type: 'int32', name: LOGICAL.time, version: 1, ...(optional ? { optional: true } : {}) };
}

export function decimalSchema(scale: number, optional = false, precision?: number): ConnectSchema {
  const parameters: Record<string, string> = { scale: String(scale) };
  if (precision !== undefined) parameters['connect.decimal.precision'] = String(precision);
  return { type: 'bytes', name: LOGICAL.decimal, version: 1, parameters, ...(optional ? { optional: true } : {}) };
}

/** The scale of a Decimal schema (its `scale` parameter). */
export function decimalScale(schema: ConnectSchema): number {
  const scale = Number(schema.parameters?.scale ?? '0');
  return Number.isInteger(scale) ? scale : 0;
}

/**
 * The Connect type of a schemaless value, as `ConnectSchema.schemaType(value.getClass())` would
 * give for the Java value a JSON converter produces: integral numbers are int64, others float64;
 * a `Date` is a Timestamp (int64). Undefined for values Connect has no type for.
 */
export function inferType(value: ConnectValue): SchemaType | undefined {
  if (value === null) return undefined;
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'bigint':
      return 'int64';
    case 'number':
      return Number.isInteger(value) ? 'int64' : 'float64';
    default:
      break;
  }
  if (value instanceof Date) return 'int64';
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return 'array';
  return 'map';
}

/**
 * A schema describing a schemaless value (for converters that need one, such as Avro): objects
 * become structs with optional fields, numbers int64/float64, arrays take the first element's
 * schema. Used only where Connect itself would refuse schemaless data.
 */
export function inferSchema(value: ConnectValue, optional = true): ConnectSchema {
  if (value instanceof Date) return timestampSchema(optional);
  const type = inferType(value);
  if (type === undefined) return { type: 'string', optional: true };
  if (type === 'array') {
    const first = (value as ConnectValue[]).find((v) => v !== null);
    return { type: 'array', items: first === undefined ? { type: 'string', optional: true } : inferSchema(first, true), ...(optional ? { optional } : {}) };
  }
  if (type === 'map') {
    const fields = Object.entries(value as Record<string, ConnectValue>).map(([name, v]) => asField(inferSchema(v, true), name));
    return { type: 'struct', fields, ...(optional ? { optional } : {}) };
  }
  return primitive(type, optional);
}

/** A field's value, its schema default when null and `replaceNullWithDefault` (Connect's `Struct.get`). */
export function fieldValue(struct: Readonly<Record<string, ConnectValue>>, field: FieldSchema, replaceNullWithDefault = true): ConnectValue {
  const value = struct[field.field];
  if ((value === null || value === undefined) && replaceNullWithDefault && field.default !== undefined) return field.default;
  return value ?? null;
}

/** A short description of a value's JavaScript type for error messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'Date';
  if (value instanceof Uint8Array) return 'bytes';
  return typeof value === 'object' ? 'object' : typeof value;
}
