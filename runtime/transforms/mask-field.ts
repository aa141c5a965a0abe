import type { ConnectSchema, ConnectValue } from '../core/record.js';
import { describeType, fieldValue, isPlainObject, LOGICAL } from '../converters/connect-schema.js';
import { DataException } from '../converters/data-exception.js';
import type { Config, FieldSpec } from '../core/config-spec.js';
import { parseJavaDouble, parseJavaInt } from './java-numbers.js';
import { keyValuePlugins, nonEmptyList, operand, replaceNullWithDefaultSpec, requireMap, requireStruct, withOperand, type Target } from './transform-plugin.js';
import type { Transform } from './transform.js';

const PURPOSE = 'mask fields';

const spec: FieldSpec[] = [
  { name: 'fields', type: 'LIST', importance: 'HIGH', check: nonEmptyList, doc: 'Names of fields to mask.' },
  {
    name: 'replacement',
    type: 'STRING',
    default: null,
    importance: 'LOW',
    check: (value) => (value !== null && value.trim() === '' ? 'String may not be empty' : undefined),
    doc: 'Custom value replacement, that will be applied to all \'fields\' values (numeric or non-empty string values only).',
  },
  replaceNullWithDefaultSpec,
];

/** The "null" value of a type: 0, false, "", epoch, empty list or map (Kafka's PRIMITIVE_VALUE_MAPPING). */
function maskedWithNull(value: ConnectValue, schema: ConnectSchema | undefined): ConnectValue {
  if (schema?.type === 'struct') throw new DataException('Cannot mask value of type: Struct');
  if (schema?.name === LOGICAL.decimal) return 0;
  switch (typeof value) {
    case 'boolean':
      return false;
    case 'number':
      return 0;
    case 'bigint':
      return 0n;
    case 'string':
      return '';
    default:
      break;
  }
  if (value instanceof Date) return new Date(0);
  if (Array.isArray(value)) return [];
  if (isPlainObject(value)) return {};
  throw new DataException(`Cannot mask value of type: ${describeType(value)}`);
}

/** The replacement parsed as the value's type (Kafka's REPLACEMENT_MAPPING_FUNC). */
function maskedWithReplacement(value: ConnectValue, schema: ConnectSchema | undefined, replacement: string): ConnectValue {
  try {
    const type = schema?.name === LOGICAL.decimal ? 'decimal' : schema?.type;
    switch (type) {
      case 'int8':
      case 'int16':
      case 'int32':
      case 'int64':
        return parseJavaInt(replacement, type);
      case 'float32':
        return Math.fround(parseJavaDouble(replacement));
      case 'float64':
        return parseJavaDouble(replacement);
      case 'decimal':
        return parseJavaDouble(replacement);
      case 'string':
        return replacement;
      case undefined:
        if (typeof value === 'string') return replacement;
        if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return parseJavaInt(replacement, 'int64');
        if (typeof value === 'number') return parseJavaDouble(replacement);
        break;
      default:
        break;
    }
  } catch (cause) {
    throw new DataException(`Unable to convert ${replacement} (String) to number`, { cause });
  }
  throw new DataException(`Cannot mask value of type ${schema?.type ?? describeType(value)} with custom replacement.`);
}

/**
 * Kafka's MaskField: replaces the listed fields with their type's "null" value (0, false, "",
 * epoch, empty list or map), or with `replacement` parsed as the field's type (numbers and
 * strings only). The schema is unchanged; null values stay null; tombstones pass unchanged.
 */
function maskField(config: Config, target: Target): Transform {
  const fields = new Set(config.list('fields'));
  const replacement = config.string('replacement');
  const replaceNull = config.bool('replace.null.with.default');
  const masked = (value: ConnectValue, schema?: ConnectSchema) => {
    if (value === null) return null;
    return replacement === null ? maskedWithNull(value, schema) : maskedWithReplacement(value, schema, replacement);
  };
  return {
    apply(record) {
      const { value, schema } = operand(record, target);
      if (value === null) return record;
      if (!schema) {
        const map = requireMap(value, PURPOSE);
        const out: Record<string, ConnectValue> = { ...map };
        for (const field of fields) out[field] = masked(map[field] ?? null);
        return withOperand(record, target, out, undefined);
      }
      const { struct, schema: structSchema } = requireStruct(value, schema, PURPOSE);
      const out: Record<string, ConnectValue> = {};
      for (const field of structSchema.fields) {
        const original = fieldValue(struct, field, replaceNull);
        out[field.field] = fields.has(field.field) ? masked(original, field) : original;
      }
      return withOperand(record, target, out, schema);
    },
  };
}

export const maskFieldPlugins = keyValuePlugins('MaskField', {
  doc: 'Mask specified fields with a valid null value for the field type (i.e. 0, false, empty string, and so on).',
  spec,
  create: maskField,
});
