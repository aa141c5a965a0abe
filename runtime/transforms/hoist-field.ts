import type { ConnectSchema } from '../core/record.js';
import { asField } from '../converters/connect-schema.js';
import type { Config, FieldSpec } from '../core/config-spec.js';
import { keyValuePlugins, nonBlank, operand, withOperand, type Target } from './transform-plugin.js';
import type { Transform } from './transform.js';

const spec: FieldSpec[] = [{ name: 'field', type: 'STRING', importance: 'MEDIUM', check: nonBlank, doc: 'Field name for the single field that will be created in the resulting Struct or Map.' }];

/**
 * Kafka's HoistField: wraps the key or value in a single-field struct (with a schema) or map
 * (without). Like Connect, a null value is wrapped too (`{"field": null}`).
 */
function hoistField(config: Config, target: Target): Transform {
  const name = config.requiredString('field');
  const schemaCache = new WeakMap<ConnectSchema, ConnectSchema>();
  return {
    apply(record) {
      const { value, schema } = operand(record, target);
      if (!schema) return withOperand(record, target, { [name]: value }, undefined);
      let updated = schemaCache.get(schema);
      if (!updated) {
        updated = { type: 'struct', fields: [asField(schema, name)] };
        schemaCache.set(schema, updated);
      }
      return withOperand(record, target, { [name]: value }, updated);
    },
  };
}

export const hoistFieldPlugins = keyValuePlugins('HoistField', {
  doc: 'Wrap data using the specified field name in a Struct when schema present, or a Map in the case of schemaless data.',
  spec,
  create: hoistField,
});
