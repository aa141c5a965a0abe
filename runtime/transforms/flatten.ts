import type { ConnectSchema, ConnectValue } from '../core/record.js';
import { asField, copySchemaBasics, describeType, fieldSchemaOf, isPlainObject, structWith, type FieldSchema } from '../converters/connect-schema.js';
import { DataException } from '../converters/data-exception.js';
import type { Config, FieldSpec } from '../core/config-spec.js';
import { keyValuePlugins, operand, requireMap, requireStruct, withOperand, type Target } from './transform-plugin.js';
import type { Transform } from './transform.js';

const PURPOSE = 'flattening';

const spec: FieldSpec[] = [
  { name: 'delimiter', type: 'STRING', default: '.', importance: 'MEDIUM', doc: 'Delimiter to insert between field names from the input record when generating field names for the output record' },
];

/**
 * Kafka's Flatten: nested structs (or maps) become top-level fields named
 * `parent<delimiter>child`. Arrays, and maps in a struct, are kept as they are. A flattened field is
 * optional when any ancestor is, and takes its default from the nearest ancestor that has one.
 * A null key or value stays null (with the flattened schema).
 */
function flatten(config: Config, target: Target): Transform {
  const delimiter = config.requiredString('delimiter');
  const name = (prefix: string, field: string) => (prefix === '' ? field : `${prefix}${delimiter}${field}`);
  const schemaCache = new WeakMap<ConnectSchema, ConnectSchema>();

  const flattenMap = (map: Record<string, ConnectValue>, prefix: string, out: Record<string, ConnectValue>) => {
    for (const [key, value] of Object.entries(map)) {
      const fieldName = name(prefix, key);
      if (isPlainObject(value)) flattenMap(value, fieldName, out);
      else if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array || value instanceof Date) out[fieldName] = value;
      else throw new DataException(`Flatten transformation does not support ${describeType(value)} for record without schemas (for field ${fieldName}).`);
    }
  };

  const flattenSchema = (schema: ConnectSchema, prefix: string, optional: boolean, parentDefault: ConnectValue | undefined, out: FieldSchema[]) => {
    for (const field of schema.fields ?? []) {
      const fieldName = name(prefix, field.field);
      const fieldOptional = optional || (field.optional ?? false);
      const fieldDefault = field.default !== undefined && field.default !== null ? field.default : isPlainObject(parentDefault) ? parentDefault[field.field] : undefined;
      if (field.type === 'struct') {
        flattenSchema(field, fieldName, fieldOptional, fieldDefault, out);
        continue;
      }
      const flat: ConnectSchema = { ...copySchemaBasics(field, field.type), ...(field.items ? { items: field.items } : {}), ...(field.keys ? { keys: field.keys } : {}), ...(field.values ? { values: field.values } : {}) };
      if (fieldOptional) flat.optional = true;
      if (fieldDefault !== undefined && fieldDefault !== null) flat.default = fieldDefault;
      out.push(asField(flat, fieldName));
    }
  };

  const flattenStruct = (struct: Record<string, ConnectValue> | null, schema: ConnectSchema, prefix: string, out: Record<string, ConnectValue>) => {
    for (const field of schema.fields ?? []) {
      const fieldName = name(prefix, field.field);
      const value = struct === null ? null : (struct[field.field] ?? null);
      if (field.type === 'struct') flattenStruct(isPlainObject(value) ? value : null, fieldSchemaOf(field), fieldName, out);
      else out[fieldName] = value;
    }
  };

  const updatedSchema = (schema: ConnectSchema): ConnectSchema => {
    const cached = schemaCache.get(schema);
    if (cached) return cached;
    const fields: FieldSchema[] = [];
    flattenSchema(schema, '', schema.optional ?? false, schema.default ?? undefined, fields);
    const out = structWith(schema, fields);
    schemaCache.set(schema, out);
    return out;
  };

  return {
    apply(record) {
      const { value, schema } = operand(record, target);
      if (!schema) {
        if (value === null) return record;
        const out: Record<string, ConnectValue> = {};
        flattenMap(requireMap(value, PURPOSE), '', out);
        return withOperand(record, target, out, undefined);
      }
      if (value === null) {
        requireStruct({}, schema, PURPOSE);
        return withOperand(record, target, null, updatedSchema(schema));
      }
      const { struct, schema: structSchema } = requireStruct(value, schema, PURPOSE);
      const out: Record<string, ConnectValue> = {};
      flattenStruct(struct, structSchema, '', out);
      return withOperand(record, target, out, updatedSchema(structSchema));
    },
  };
}

export const flattenPlugins = keyValuePlugins('Flatten', {
  doc: "Flatten a nested data structure, generating names for each field by concatenating the field names at each level with a configurable delimiter character. Applies to Struct when schema present, or a Map in the case of schemaless data. Array fields and their contents are not modified. The default delimiter is '.'.",
  spec,
  create: flatten,
});
