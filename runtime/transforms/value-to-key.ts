import type { ConnectSchema, ConnectValue } from '../core/record.js';
import { withChanges } from '../core/record.js';
import { asField, fieldValue, findField, type FieldSchema } from '../converters/connect-schema.js';
import { DataException } from '../converters/data-exception.js';
import type { Config, FieldSpec } from '../core/config-spec.js';
import { nonEmptyList, replaceNullWithDefaultSpec, requireMap, requireStruct, type TransformPlugin } from './transform-plugin.js';
import type { Transform } from './transform.js';

const PURPOSE = 'copying fields from value to key';

const spec: FieldSpec[] = [
  { name: 'fields', type: 'LIST', importance: 'HIGH', check: nonEmptyList, doc: 'Field names on the record value to extract as the record key.' },
  replaceNullWithDefaultSpec,
];

/**
 * Kafka's ValueToKey: the key becomes a struct (or map) of the listed value fields. A value
 * field the schema lacks is a DataException, as is a null value (use a RecordIsTombstone
 * predicate with `negate=true` to skip tombstones), exactly as in Connect.
 */
function valueToKey(config: Config): Transform {
  const fields = config.list('fields');
  const replaceNull = config.bool('replace.null.with.default');
  const schemaCache = new WeakMap<ConnectSchema, ConnectSchema>();
  return {
    apply(record) {
      if (!record.valueSchema) {
        const map = requireMap(record.value, PURPOSE);
        const key: Record<string, ConnectValue> = {};
        for (const field of fields) key[field] = map[field] ?? null;
        return withChanges(record, { key, keySchema: undefined });
      }
      const { struct, schema } = requireStruct(record.value, record.valueSchema, PURPOSE);
      let keySchema = schemaCache.get(schema);
      if (!keySchema) {
        const keyFields: FieldSchema[] = fields.map((name) => {
          const field = findField(schema, name);
          if (!field) throw new DataException(`Field does not exist: ${name}`);
          return asField(field, name);
        });
        keySchema = { type: 'struct', fields: keyFields };
        schemaCache.set(schema, keySchema);
      }
      const key: Record<string, ConnectValue> = {};
      for (const field of keySchema.fields ?? []) key[field.field] = fieldValue(struct, field, replaceNull);
      return withChanges(record, { key, keySchema });
    },
  };
}

export const valueToKeyPlugin: TransformPlugin = {
  kind: 'transformation',
  className: 'org.apache.kafka.connect.transforms.ValueToKey',
  aliases: ['ValueToKey'],
  doc: 'Replace the record key with a new key formed from a subset of fields in the record value.',
  spec,
  create: valueToKey,
};
