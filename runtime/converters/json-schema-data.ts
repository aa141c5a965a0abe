import type { ConnectSchema } from '../core/record.js';
import { asField, fieldSchemaOf, LOGICAL, type FieldSchema } from './connect-schema.js';
import { isJsonObject, type Json } from './json-text.js';

/**
 * Confluent's JsonSchemaData, the common cases: Connect schemas <-> JSON Schema (draft-07) with
 * the `connect.*` annotations Confluent writes (`connect.index`, `connect.type`,
 * `connect.parameters`, `title` for the schema name). Optional values are `oneOf: [null, T]`.
 * JSON Schemas this mapping does not cover (free-form objects, unions of several non-null types,
 * `not`, conditionals) give `undefined`: the data is then passed on schemaless.
 */
type JsonSchema = { [key: string]: Json };

/** Connect schema -> JSON Schema. */
export function jsonSchemaFromConnect(schema: ConnectSchema): JsonSchema {
  const root = nonNull(schema);
  const out: JsonSchema = schema.optional ? { oneOf: [{ type: 'null' }, root] } : root;
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...out };
}

function meta(schema: ConnectSchema, out: JsonSchema): JsonSchema {
  if (schema.name !== undefined) out.title = schema.name;
  if (schema.version !== undefined) out['connect.version'] = schema.version;
  if (schema.doc !== undefined) out.description = schema.doc;
  if (schema.parameters !== undefined) out['connect.parameters'] = { ...schema.parameters };
  return out;
}

function nonNull(schema: ConnectSchema): JsonSchema {
  switch (schema.type) {
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
      return meta(schema, { type: 'integer', 'connect.type': schema.type });
    case 'float32':
      return meta(schema, { type: 'number', 'connect.type': 'float32' });
    case 'float64':
      return meta(schema, { type: 'number', 'connect.type': 'float64' });
    case 'boolean':
      return meta(schema, { type: 'boolean' });
    case 'string':
      return meta(schema, { type: 'string' });
    case 'bytes':
      return meta(schema, schema.name === LOGICAL.decimal ? { type: 'number', 'connect.type': 'bytes' } : { type: 'string', 'connect.type': 'bytes' });
    case 'array':
      return meta(schema, { type: 'array', items: schema.items ? withOptional(schema.items) : {} });
    case 'map':
      if (!schema.keys || schema.keys.type === 'string') return meta(schema, { type: 'object', additionalProperties: schema.values ? withOptional(schema.values) : {}, 'connect.type': 'map' });
      return meta(schema, {
        type: 'array',
        items: { type: 'object', properties: { key: withOptional(schema.keys), value: schema.values ? withOptional(schema.values) : {} } },
        'connect.type': 'map',
      });
    default: {
      const properties: JsonSchema = {};
      const required: string[] = [];
      (schema.fields ?? []).forEach((field, index) => {
        properties[field.field] = { ...withOptional(fieldSchemaOf(field)), 'connect.index': index };
        if (!field.optional) required.push(field.field);
      });
      return meta(schema, { type: 'object', properties, ...(required.length > 0 ? { required } : {}) });
    }
  }
}

function withOptional(schema: ConnectSchema): JsonSchema {
  return schema.optional ? { oneOf: [{ type: 'null' }, nonNull(schema)] } : nonNull(schema);
}

class Unmapped extends Error {}

/** JSON Schema -> Connect schema; undefined when the schema has no Connect equivalent here. */
export function connectSchemaFromJsonSchema(json: Json): ConnectSchema | undefined {
  try {
    return toConnect(json, json, false);
  } catch (error) {
    if (error instanceof Unmapped) return undefined;
    throw error;
  }
}

function resolve(root: Json, node: Json): Json {
  if (isJsonObject(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    let target: Json | undefined = root;
    for (const step of node.$ref.slice(2).split('/')) target = isJsonObject(target) ? target[decodeURIComponent(step)] : undefined;
    if (target === undefined) throw new Unmapped();
    return resolve(root, target);
  }
  return node;
}

const isNullSchema = (node: Json) => isJsonObject(node) && node.type === 'null';

function toConnect(root: Json, raw: Json, optionalIn: boolean): ConnectSchema {
  const node = resolve(root, raw);
  if (!isJsonObject(node)) throw new Unmapped();
  let optional = optionalIn;
  const union = (node.oneOf ?? node.anyOf) as Json | undefined;
  if (Array.isArray(union)) {
    const branches = union.filter((b) => !isNullSchema(resolve(root, b)));
    if (branches.length !== 1) throw new Unmapped();
    return toConnect(root, branches[0]!, optional || branches.length < union.length);
  }
  let type = node.type;
  if (Array.isArray(type)) {
    const nonNullTypes = type.filter((t) => t !== 'null');
    if (nonNullTypes.length !== 1) throw new Unmapped();
    optional = optional || nonNullTypes.length < type.length;
    type = nonNullTypes[0]!;
  }
  const connectType = typeof node['connect.type'] === 'string' ? node['connect.type'] : undefined;
  const title = typeof node.title === 'string' ? node.title : undefined;
  let schema: ConnectSchema;
  switch (type) {
    case 'integer':
      schema = { type: connectType === 'int8' || connectType === 'int16' || connectType === 'int32' ? connectType : 'int64' };
      if (title === LOGICAL.date || title === LOGICAL.time) schema.type = 'int32';
      break;
    case 'number':
      schema = title === LOGICAL.decimal || connectType === 'bytes' ? { type: 'bytes' } : { type: connectType === 'float32' ? 'float32' : 'float64' };
      break;
    case 'boolean':
      schema = { type: 'boolean' };
      break;
    case 'string':
      schema = { type: connectType === 'bytes' ? 'bytes' : 'string' };
      break;
    case 'array':
      if (connectType === 'map' && isJsonObject(node.items) && isJsonObject(node.items.properties)) {
        const props = node.items.properties;
        schema = { type: 'map', keys: toConnect(root, props.key ?? {}, false), values: toConnect(root, props.value ?? {}, false) };
      } else {
        if (node.items === undefined || Array.isArray(node.items)) throw new Unmapped();
        schema = { type: 'array', items: toConnect(root, node.items, false) };
      }
      break;
    case 'object': {
      if (isJsonObject(node.properties)) {
        const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
        const entries = Object.entries(node.properties).map(([name, prop], position) => {
          const resolved = resolve(root, prop);
          const index = isJsonObject(resolved) && typeof resolved['connect.index'] === 'number' ? resolved['connect.index'] : position;
          return { name, prop, index };
        });
        entries.sort((a, b) => a.index - b.index);
        const fields: FieldSchema[] = entries.map(({ name, prop }) => asField(toConnect(root, prop, !required.has(name)), name));
        schema = { type: 'struct', fields };
      } else if (isJsonObject(node.additionalProperties)) {
        schema = { type: 'map', keys: { type: 'string' }, values: toConnect(root, node.additionalProperties, false) };
      } else throw new Unmapped();
      break;
    }
    default:
      throw new Unmapped();
  }
  if (title !== undefined) schema.name = title;
  if (typeof node['connect.version'] === 'number') schema.version = node['connect.version'];
  if (typeof node.description === 'string') schema.doc = node.description;
  if (isJsonObject(node['connect.parameters'])) schema.parameters = Object.fromEntries(Object.entries(node['connect.parameters']).map(([k, v]) => [k, String(v)]));
  if (schema.name === LOGICAL.decimal && !schema.parameters?.scale) schema.parameters = { ...schema.parameters, scale: '0' };
  if (optional) schema.optional = true;
  return schema;
}
