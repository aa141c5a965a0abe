import type { ConnectSchema, ConnectValue } from '../core/record.js';
import { asField, decimalScale, describeType, fieldSchemaOf, isPlainObject, LOGICAL, type FieldSchema } from './connect-schema.js';
import { DataException } from './data-exception.js';
import { decimalFromBytes, decimalText, decimalToBytes, decimalValue, unscaledValue } from './decimal.js';
import { isJsonObject, jsonNodeType, rawNumber, type Json, type JsonOut } from './json-text.js';
import { javaDoubleToString, javaFloatToString } from '../transforms/java-numbers.js';

/**
 * Kafka's JsonConverter data model: Connect schemas <-> the `schema` half of the envelope, and
 * Connect values <-> the `payload` JSON. Struct fields are written in schema order; floats keep
 * a decimal point (`1.0`) as Jackson writes them; bytes are base64; Date/Time/Timestamp are
 * numbers; Decimal is base64 bytes or, with `decimal.format=NUMERIC`, a JSON number.
 */
export interface JsonDataOptions {
  decimalFormat: 'BASE64' | 'NUMERIC';
  replaceNullWithDefault: boolean;
}

const TYPES = new Set(['boolean', 'int8', 'int16', 'int32', 'int64', 'float', 'double', 'float32', 'float64', 'bytes', 'string', 'array', 'map', 'struct']);
const DAY_MS = 86_400_000;

/** Connect schema -> its JSON form (JsonConverter.asJsonSchema), keys in Connect's order. */
export function schemaToJson(schema: ConnectSchema, options: JsonDataOptions): { [field: string]: JsonOut } {
  const out: { [field: string]: JsonOut } = { type: schema.type === 'float32' ? 'float' : schema.type === 'float64' ? 'double' : schema.type };
  if (schema.type === 'array') out.items = schema.items ? schemaToJson(schema.items, options) : null;
  if (schema.type === 'map') {
    out.keys = schema.keys ? schemaToJson(schema.keys, options) : null;
    out.values = schema.values ? schemaToJson(schema.values, options) : null;
  }
  if (schema.type === 'struct') out.fields = (schema.fields ?? []).map((f) => ({ ...schemaToJson(fieldSchemaOf(f), options), field: f.field }));
  out.optional = schema.optional ?? false;
  if (schema.name !== undefined) out.name = schema.name;
  if (schema.version !== undefined) out.version = schema.version;
  if (schema.doc !== undefined) out.doc = schema.doc;
  if (schema.parameters !== undefined) out.parameters = { ...schema.parameters };
  if (schema.default !== undefined && schema.default !== null) out.default = valueToJson(schema, schema.default, options);
  return out;
}

/** The JSON form of a schema -> Connect schema (JsonConverter.asConnectSchema); undefined for `null`. */
export function schemaFromJson(json: Json | undefined): ConnectSchema | undefined {
  if (json === null || json === undefined) return undefined;
  if (!isJsonObject(json) || typeof json.type !== 'string') throw new DataException("Schema must contain 'type' field");
  if (!TYPES.has(json.type)) throw new DataException(`Unknown schema type: ${json.type}`);
  const type = (json.type === 'float' ? 'float32' : json.type === 'double' ? 'float64' : json.type) as ConnectSchema['type'];
  const schema: ConnectSchema = { type };
  if (type === 'array') {
    if (json.items === null || json.items === undefined) throw new DataException('Array schema did not specify the element type');
    schema.items = schemaFromJson(json.items)!;
  } else if (type === 'map') {
    if (json.keys === undefined) throw new DataException('Map schema did not specify the key type');
    if (json.values === undefined) throw new DataException('Map schema did not specify the value type');
    schema.keys = schemaFromJson(json.keys)!;
    schema.values = schemaFromJson(json.values)!;
  } else if (type === 'struct') {
    if (!Array.isArray(json.fields)) throw new DataException('Struct schema\'s "fields" argument is not an array.');
    schema.fields = json.fields.map((field): FieldSchema => {
      if (!isJsonObject(field) || typeof field.field !== 'string') throw new DataException("Struct schema's field name not specified properly");
      return asField(schemaFromJson(field)!, field.field);
    });
  }
  if (json.optional === true) schema.optional = true;
  if (typeof json.name === 'string') schema.name = json.name;
  if (typeof json.version === 'number' && Number.isInteger(json.version)) schema.version = json.version;
  if (typeof json.doc === 'string') schema.doc = json.doc;
  if (isJsonObject(json.parameters)) {
    const parameters: Record<string, string> = {};
    for (const [key, value] of Object.entries(json.parameters)) {
      if (typeof value !== 'string') throw new DataException('Schema parameters must have string values.');
      parameters[key] = value;
    }
    schema.parameters = parameters;
  }
  if (json.default !== undefined) schema.default = valueFromJson(schema, json.default);
  return schema;
}

function floatOut(value: number, type: 'float32' | 'float64'): JsonOut {
  if (!Number.isFinite(value)) return null;
  const text = type === 'float32' ? javaFloatToString(value) : javaDoubleToString(value);
  return rawNumber(text);
}

function intOut(value: ConnectValue, type: string): JsonOut {
  if (typeof value === 'bigint') return rawNumber(value.toString());
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new DataException(`Invalid type for ${type.toUpperCase()}: ${describeType(value)}`);
  return value;
}

function bytesOut(value: ConnectValue): string {
  if (!(value instanceof Uint8Array)) throw new DataException(`Invalid type for bytes type: ${describeType(value)}`);
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
}

function mapKeyFromString(key: string, schema: ConnectSchema | undefined): ConnectValue {
  switch (schema?.type) {
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'float32':
    case 'float64':
      return Number(key);
    case 'boolean':
      return key === 'true';
    default:
      return key;
  }
}

/** A Connect value -> payload JSON (JsonConverter.convertToJson). */
export function valueToJson(schema: ConnectSchema | undefined, value: ConnectValue, options: JsonDataOptions): JsonOut {
  if (value === null || value === undefined) {
    if (!schema) return null;
    if (schema.default !== undefined && schema.default !== null && options.replaceNullWithDefault) return valueToJson(schema, schema.default, options);
    if (schema.optional) return null;
    throw new DataException('Conversion error: null value for field that is required and has no default value');
  }
  if (!schema) return schemalessToJson(value);
  switch (schema.name) {
    case LOGICAL.decimal: {
      if (options.decimalFormat === 'NUMERIC') return rawNumber(decimalText(unscaledValue(value, decimalScale(schema)), decimalScale(schema)));
      return decimalToBytes(value, decimalScale(schema)).toString('base64');
    }
    case LOGICAL.date:
      if (!(value instanceof Date)) throw new DataException(`Invalid type for Date, expected Date but was ${describeType(value)}`);
      return Math.floor(value.getTime() / DAY_MS);
    case LOGICAL.time:
      if (!(value instanceof Date)) throw new DataException(`Invalid type for Time, expected Date but was ${describeType(value)}`);
      return ((value.getTime() % DAY_MS) + DAY_MS) % DAY_MS;
    case LOGICAL.timestamp:
      if (!(value instanceof Date)) throw new DataException(`Invalid type for Timestamp, expected Date but was ${describeType(value)}`);
      return value.getTime();
    default:
      break;
  }
  switch (schema.type) {
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
      return intOut(value, schema.type);
    case 'float32':
    case 'float64':
      if (typeof value !== 'number') throw new DataException(`Invalid type for ${schema.type.toUpperCase()}: ${describeType(value)}`);
      return floatOut(value, schema.type);
    case 'boolean':
      if (typeof value !== 'boolean') throw new DataException(`Invalid type for BOOLEAN: ${describeType(value)}`);
      return value;
    case 'string':
      if (typeof value !== 'string') throw new DataException(`Invalid type for STRING: ${describeType(value)}`);
      return value;
    case 'bytes':
      return bytesOut(value);
    case 'array':
      if (!Array.isArray(value)) throw new DataException(`Invalid type for ARRAY: ${describeType(value)}`);
      return value.map((element) => valueToJson(schema.items, element, options));
    case 'map': {
      if (!isPlainObject(value)) throw new DataException(`Invalid type for MAP: ${describeType(value)}`);
      if (!schema.keys || schema.keys.type === 'string') {
        const out: { [field: string]: JsonOut } = {};
        for (const [key, v] of Object.entries(value)) out[key] = valueToJson(schema.values, v, options);
        return out;
      }
      return Object.entries(value).map(([key, v]) => [valueToJson(schema.keys, mapKeyFromString(key, schema.keys), options), valueToJson(schema.values, v, options)]);
    }
    case 'struct': {
      if (!isPlainObject(value)) throw new DataException(`Invalid type for STRUCT: ${describeType(value)}`);
      const out: { [field: string]: JsonOut } = {};
      for (const field of schema.fields ?? []) out[field.field] = valueToJson(fieldSchemaOf(field), value[field.field] ?? null, options);
      return out;
    }
    default:
      throw new DataException(`Couldn't convert ${describeType(value)} to JSON.`);
  }
}

/** A schemaless value -> JSON: numbers, strings, booleans, lists and maps; bytes as base64, dates as ISO-8601. */
export function schemalessToJson(value: ConnectValue): JsonOut {
  if (value === null) return null;
  switch (typeof value) {
    case 'bigint':
      return rawNumber(value.toString());
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'string':
    case 'boolean':
      return value;
    default:
      break;
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return bytesOut(value);
  if (Array.isArray(value)) return value.map(schemalessToJson);
  const out: { [field: string]: JsonOut } = {};
  for (const [key, v] of Object.entries(value)) out[key] = schemalessToJson(v);
  return out;
}

function expectNumber(json: Json, what: string): number | bigint {
  if (typeof json !== 'number' && typeof json !== 'bigint') throw new DataException(`Invalid value for ${what}: expected a number but found ${jsonNodeType(json)}`);
  return json;
}

function expectInteger(json: Json, what: string): number | bigint {
  const n = expectNumber(json, what);
  if (typeof n === 'number' && !Number.isInteger(n)) throw new DataException(`Invalid value for ${what}: expected an integer but found ${n}`);
  return n;
}

/** Payload JSON -> Connect value (JsonConverter.convertToConnect). */
export function valueFromJson(schema: ConnectSchema | undefined, json: Json | undefined): ConnectValue {
  if (!schema) return schemalessFromJson(json);
  if (json === null || json === undefined) {
    if (schema.default !== undefined && schema.default !== null) return schema.default;
    if (schema.optional) return null;
    throw new DataException(`Invalid null value for required ${schema.type.toUpperCase()} field`);
  }
  switch (schema.name) {
    case LOGICAL.decimal:
      if (typeof json === 'number' || typeof json === 'bigint') return decimalValue(String(json));
      if (typeof json === 'string') return decimalFromBytes(Buffer.from(json, 'base64'), decimalScale(schema));
      throw new DataException(`Invalid type for Decimal, underlying representation should be numeric or bytes but was ${jsonNodeType(json)}`);
    case LOGICAL.date:
      return new Date(Number(expectInteger(json, 'Date')) * DAY_MS);
    case LOGICAL.time:
      return new Date(Number(expectInteger(json, 'Time')));
    case LOGICAL.timestamp:
      return new Date(Number(expectInteger(json, 'Timestamp')));
    default:
      break;
  }
  switch (schema.type) {
    case 'boolean':
      if (typeof json !== 'boolean') throw new DataException(`Invalid value for BOOLEAN: found ${jsonNodeType(json)}`);
      return json;
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
      return expectInteger(json, schema.type.toUpperCase());
    case 'float32':
      return Math.fround(Number(expectNumber(json, 'FLOAT32')));
    case 'float64':
      return Number(expectNumber(json, 'FLOAT64'));
    case 'string':
      if (typeof json !== 'string') throw new DataException(`Invalid value for STRING: found ${jsonNodeType(json)}`);
      return json;
    case 'bytes':
      if (typeof json !== 'string') throw new DataException('Invalid bytes field');
      return Buffer.from(json, 'base64');
    case 'array':
      if (!Array.isArray(json)) throw new DataException(`Invalid value for ARRAY: found ${jsonNodeType(json)}`);
      return json.map((element) => valueFromJson(schema.items, element));
    case 'map': {
      const out: Record<string, ConnectValue> = {};
      if (!schema.keys || schema.keys.type === 'string') {
        if (!isJsonObject(json)) throw new DataException(`Maps with string fields should be encoded as JSON objects, but found ${jsonNodeType(json)}`);
        for (const [key, v] of Object.entries(json)) out[key] = valueFromJson(schema.values, v);
        return out;
      }
      if (!Array.isArray(json)) throw new DataException(`Maps with non-string fields should be encoded as JSON array of tuples, but found ${jsonNodeType(json)}`);
      for (const entry of json) {
        if (!Array.isArray(entry)) throw new DataException(`Found invalid map entry instead of array tuple: ${jsonNodeType(entry)}`);
        if (entry.length !== 2) throw new DataException(`Found invalid map entry, expected length 2 but found :${entry.length}`);
        out[String(valueFromJson(schema.keys, entry[0]))] = valueFromJson(schema.values, entry[1]);
      }
      return out;
    }
    case 'struct': {
      if (!isJsonObject(json)) throw new DataException(`Structs should be encoded as JSON objects, but found ${jsonNodeType(json)}`);
      const out: Record<string, ConnectValue> = {};
      for (const field of schema.fields ?? []) out[field.field] = valueFromJson(fieldSchemaOf(field), json[field.field]);
      return out;
    }
    default:
      throw new DataException(`Unknown schema type: ${String(schema.type)}`);
  }
}

/** Schemaless JSON is already Connect data (numbers, strings, booleans, lists, maps). */
export function schemalessFromJson(json: Json | undefined): ConnectValue {
  return json === undefined ? null : json;
}
