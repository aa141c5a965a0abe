import type { ConnectSchema, ConnectValue } from '../core/record.js';
import { asField, dateSchema, describeType, fieldValue, LOGICAL, primitive, structWith, timeSchema, timestampSchema } from '../converters/connect-schema.js';
import { DataException } from '../converters/data-exception.js';
import type { Config, FieldSpec } from '../core/config-spec.js';
import { checkJavaDateFormat, javaDateFormat, type JavaDateFormat } from './java-date-format.js';
import { compactLong } from './java-numbers.js';
import { keyValuePlugins, operand, replaceNullWithDefaultSpec, requireMap, requireStruct, withOperand, type Target } from './transform-plugin.js';
import type { Transform } from './transform.js';

const PURPOSE = 'converting timestamp formats';
const DAY_MS = 86_400_000;
const TYPES = ['string', 'unix', 'Date', 'Time', 'Timestamp'] as const;
type TimestampType = (typeof TYPES)[number];
const PRECISIONS = ['seconds', 'milliseconds', 'microseconds', 'nanoseconds'] as const;
type Precision = (typeof PRECISIONS)[number];
const PER_MS: Record<Precision, bigint> = { seconds: 1n, milliseconds: 1n, microseconds: 1000n, nanoseconds: 1_000_000n };

const spec: FieldSpec[] = [
  { name: 'field', type: 'STRING', default: '', importance: 'HIGH', doc: 'The field containing the timestamp, or empty if the entire value is a timestamp' },
  { name: 'target.type', type: 'STRING', oneOf: TYPES, importance: 'HIGH', doc: 'The desired timestamp representation: string, unix, Date, Time, or Timestamp' },
  {
    name: 'format',
    type: 'STRING',
    default: '',
    importance: 'MEDIUM',
    check: (value, config) => {
      if ((config['target.type'] ?? '').toLowerCase() === 'string' && (value ?? '').trim() === '') return 'TimestampConverter requires format option to be specified when using string timestamps';
      return checkJavaDateFormat(value);
    },
    doc: 'A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string or used to parse the input if the input is a string.',
  },
  {
    name: 'unix.precision',
    type: 'STRING',
    default: 'milliseconds',
    oneOf: PRECISIONS,
    importance: 'LOW',
    doc: 'The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. Used to generate the output when type=unix or used to parse the input if the input is a Long. Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.',
  },
  replaceNullWithDefaultSpec,
];

function typeSchema(type: TimestampType, optional: boolean): ConnectSchema {
  switch (type) {
    case 'string':
      return primitive('string', optional);
    case 'unix':
      return primitive('int64', optional);
    case 'Date':
      return dateSchema(optional);
    case 'Time':
      return timeSchema(optional);
    default:
      return timestampSchema(optional);
  }
}

function typeFromSchema(schema: ConnectSchema): TimestampType {
  if (schema.name === LOGICAL.timestamp) return 'Timestamp';
  if (schema.name === LOGICAL.date) return 'Date';
  if (schema.name === LOGICAL.time) return 'Time';
  if (schema.type === 'string') return 'string';
  if (schema.type === 'int64') return 'unix';
  throw new DataException(`Schema ${JSON.stringify(schema)} does not correspond to a known timestamp type format`);
}

function inferTimestampType(value: ConnectValue): TimestampType {
  if (value instanceof Date) return 'Timestamp';
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return 'unix';
  if (typeof value === 'string') return 'string';
  throw new DataException(`TimestampConverter does not support ${describeType(value)} objects as timestamps`);
}

/**
 * Kafka's TimestampConverter: converts a timestamp field (or the whole value when `field` is
 * empty) between unix time (`unix.precision`), SimpleDateFormat text (`format`, UTC) and the
 * Date, Time and Timestamp logical types, updating the schema. Schemaless input types are
 * inferred: Date -> Timestamp, integer -> unix, string -> string.
 */
function timestampConverter(config: Config, target: Target): Transform {
  const field = config.requiredString('field');
  const targetType = TYPES.find((t) => t.toLowerCase() === config.requiredString('target.type').trim().toLowerCase())!;
  const pattern = config.requiredString('format');
  const format: JavaDateFormat | undefined = pattern.trim() === '' ? undefined : javaDateFormat(pattern);
  const precision = config.requiredString('unix.precision').trim().toLowerCase() as Precision;
  const replaceNull = config.bool('replace.null.with.default');
  const schemaCache = new WeakMap<ConnectSchema, ConnectSchema>();

  const toRaw = (value: ConnectValue, type: TimestampType): Date => {
    switch (type) {
      case 'string':
        if (typeof value !== 'string') throw new DataException(`Expected string timestamp to be a String, but found ${describeType(value)}`);
        if (!format) throw new DataException('TimestampConverter requires format option to be specified when using string timestamps');
        try {
          return format.parse(value);
        } catch (cause) {
          throw new DataException(`Could not parse timestamp: value (${value}) does not match pattern (${format.pattern})`, { cause });
        }
      case 'unix': {
        if (typeof value !== 'bigint' && !(typeof value === 'number' && Number.isInteger(value))) throw new DataException(`Expected Unix timestamp to be a Long, but found ${describeType(value)}`);
        const n = BigInt(value);
        const divisor = precision === 'seconds' ? 1n : PER_MS[precision];
        return new Date(Number(precision === 'seconds' ? n * 1000n : n / divisor));
      }
      default:
        if (!(value instanceof Date)) throw new DataException(`Expected ${type} to be a java.util.Date, but found ${describeType(value)}`);
        return value;
    }
  };

  const toType = (date: Date): ConnectValue => {
    const ms = date.getTime();
    switch (targetType) {
      case 'string':
        return format!.format(date);
      case 'unix': {
        const millis = BigInt(ms);
        if (precision === 'seconds') return compactLong(millis / 1000n); // TimeUnit truncates toward zero
        return compactLong(millis * PER_MS[precision]);
      }
      case 'Date':
        return new Date(Math.floor(ms / DAY_MS) * DAY_MS);
      case 'Time':
        return new Date(((ms % DAY_MS) + DAY_MS) % DAY_MS);
      default:
        return date;
    }
  };

  const convert = (value: ConnectValue, type?: TimestampType): ConnectValue => (value === null ? null : toType(toRaw(value, type ?? inferTimestampType(value))));

  const updatedStructSchema = (schema: ConnectSchema & { fields: ConnectSchema['fields'] & object }): ConnectSchema => {
    const cached = schemaCache.get(schema);
    if (cached) return cached;
    const out = structWith(schema, schema.fields.map((f) => (f.field === field ? asField(typeSchema(targetType, f.optional ?? false), f.field) : f)));
    schemaCache.set(schema, out);
    return out;
  };

  return {
    apply(record) {
      const { value, schema } = operand(record, target);
      if (!schema) {
        if (value === null || field === '') return withOperand(record, target, convert(value), undefined);
        const map = requireMap(value, PURPOSE);
        return withOperand(record, target, { ...map, [field]: convert(map[field] ?? null) }, undefined);
      }
      if (field === '') return withOperand(record, target, convert(value, typeFromSchema(schema)), typeSchema(targetType, schema.optional ?? false));
      if (value === null) {
        requireStruct({}, schema, PURPOSE);
        return withOperand(record, target, null, updatedStructSchema(schema as ConnectSchema & { fields: NonNullable<ConnectSchema['fields']> }));
      }
      const { struct, schema: structSchema } = requireStruct(value, schema, PURPOSE);
      const newSchema = updatedStructSchema(structSchema);
      const out: Record<string, ConnectValue> = {};
      for (const f of structSchema.fields) {
        const original = fieldValue(struct, f, replaceNull);
        out[f.field] = f.field === field ? convert(original, typeFromSchema(f)) : original;
      }
      return withOperand(record, target, out, newSchema);
    },
  };
}

export const timestampConverterPlugins = keyValuePlugins('TimestampConverter', {
  doc: 'Convert timestamps between different formats such as Unix epoch, strings, and Connect Date/Timestamp types. Applies to individual fields or to the entire value.',
  spec,
  create: timestampConverter,
});
