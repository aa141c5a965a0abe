import type { ConnectSchema, ConnectValue, SandboxRecord } from '../core/record.js';
import { asField, fieldValue, primitive, structWith, timestampSchema, type FieldSchema } from '../converters/connect-schema.js';
import { DataException } from '../converters/data-exception.js';
import type { Config, FieldSpec } from '../core/config-spec.js';
import { keyValuePlugins, operand, replaceNullWithDefaultSpec, requireMap, requireSinkRecord, requireStruct, withOperand, type Target } from './transform-plugin.js';
import type { Transform } from './transform.js';

const PURPOSE = 'field insertion';
const OPTIONALITY = 'Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).';

const spec: FieldSpec[] = [
  { name: 'topic.field', type: 'STRING', default: null, importance: 'MEDIUM', doc: `Field name for Kafka topic. ${OPTIONALITY}` },
  { name: 'partition.field', type: 'STRING', default: null, importance: 'MEDIUM', doc: `Field name for Kafka partition. ${OPTIONALITY}` },
  { name: 'offset.field', type: 'STRING', default: null, importance: 'MEDIUM', doc: `Field name for Kafka offset - only applicable to sink connectors. ${OPTIONALITY}` },
  { name: 'timestamp.field', type: 'STRING', default: null, importance: 'MEDIUM', doc: `Field name for record timestamp. ${OPTIONALITY}` },
  { name: 'static.field', type: 'STRING', default: null, importance: 'MEDIUM', doc: `Field name for static data field. ${OPTIONALITY}` },
  { name: 'static.value', type: 'STRING', default: null, importance: 'MEDIUM', doc: 'Static field value, if field name configured.' },
  replaceNullWithDefaultSpec,
];

interface Insertion {
  name: string;
  optional: boolean;
}

/** `name`, `name?` (optional, the default) or `name!` (required). */
function insertion(spec: string | null): Insertion | undefined {
  if (spec === null) return undefined;
  if (spec.endsWith('?')) return { name: spec.slice(0, -1), optional: true };
  if (spec.endsWith('!')) return { name: spec.slice(0, -1), optional: false };
  return { name: spec, optional: true };
}

/**
 * Kafka's InsertField: adds the record's topic, partition, offset (sink records only), timestamp
 * and a static string to a struct or map. Tombstones pass unchanged. With a schema the new fields
 * are appended to the struct schema (timestamp as a Timestamp); a name clash is a DataException.
 */
function insertField(config: Config, target: Target): Transform {
  const topicField = insertion(config.string('topic.field'));
  const partitionField = insertion(config.string('partition.field'));
  const offsetField = insertion(config.string('offset.field'));
  const timestampField = insertion(config.string('timestamp.field'));
  const staticField = insertion(config.string('static.field'));
  const staticValue = config.string('static.value');
  const replaceNull = config.bool('replace.null.with.default');
  const schemaCache = new WeakMap<ConnectSchema, ConnectSchema>();

  const additions = (record: SandboxRecord, withSchema: boolean): [string, ConnectValue][] => {
    const out: [string, ConnectValue][] = [];
    if (topicField) out.push([topicField.name, record.topic]);
    if (partitionField && record.partition !== null) out.push([partitionField.name, record.partition]);
    if (offsetField) out.push([offsetField.name, requireSinkRecord(record, PURPOSE)]);
    if (timestampField && record.timestamp !== null) out.push([timestampField.name, withSchema ? new Date(record.timestamp) : record.timestamp]);
    if (staticField && staticValue !== null) out.push([staticField.name, staticValue]);
    return out;
  };

  const updatedSchema = (schema: ConnectSchema & { fields: FieldSchema[] }): ConnectSchema => {
    const cached = schemaCache.get(schema);
    if (cached) return cached;
    const fields = [...schema.fields];
    const add = (spec: Insertion | undefined, fieldSchema: (optional: boolean) => ConnectSchema) => {
      if (!spec) return;
      if (fields.some((f) => f.field === spec.name)) throw new DataException(`Cannot create field because of field name duplication ${spec.name}`);
      fields.push(asField(fieldSchema(spec.optional), spec.name));
    };
    add(topicField, (o) => primitive('string', o));
    add(partitionField, (o) => primitive('int32', o));
    add(offsetField, (o) => primitive('int64', o));
    add(timestampField, (o) => timestampSchema(o));
    add(staticField, (o) => primitive('string', o));
    const result = structWith(schema, fields);
    schemaCache.set(schema, result);
    return result;
  };

  return {
    apply(record) {
      const { value, schema } = operand(record, target);
      if (value === null) return record;
      if (!schema) {
        const map = requireMap(value, PURPOSE);
        return withOperand(record, target, { ...map, ...Object.fromEntries(additions(record, false)) }, undefined);
      }
      const { struct, schema: structSchema } = requireStruct(value, schema, PURPOSE);
      const newSchema = updatedSchema(structSchema);
      const out: Record<string, ConnectValue> = {};
      for (const field of structSchema.fields) out[field.field] = fieldValue(struct, field, replaceNull);
      for (const field of newSchema.fields ?? []) if (!(field.field in out)) out[field.field] = null;
      for (const [name, v] of additions(record, true)) out[name] = v;
      return withOperand(record, target, out, newSchema);
    },
  };
}

export const insertFieldPlugins = keyValuePlugins('InsertField', {
  doc: 'Insert field(s) using attributes from the record metadata or a configured static value.',
  spec,
  validate(config) {
    const names = ['topic.field', 'partition.field', 'offset.field', 'timestamp.field', 'static.field'];
    if (names.every((name) => config.string(name) === null)) return [{ field: 'topic.field', message: 'No field insertion configured' }];
    if (config.string('static.field') !== null && config.string('static.value') === null) {
      return [{ field: 'static.value', message: `No value specified for static field: ${config.string('static.field')}` }];
    }
    return [];
  },
  create: insertField,
});
