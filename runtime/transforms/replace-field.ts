import type { ConnectSchema, ConnectValue } from '../core/record.js';
import { asField, fieldSchemaOf, fieldValue, structWith } from '../converters/connect-schema.js';
import type { Config, FieldSpec } from '../core/config-spec.js';
import { keyValuePlugins, operand, replaceNullWithDefaultSpec, requireMap, requireStruct, withOperand, type Target } from './transform-plugin.js';
import type { Transform } from './transform.js';

const PURPOSE = 'field replacement';

/** `from:to` pairs; undefined when `value` is valid, else the first bad mapping. */
function parseRenames(value: string | null): Map<string, string> | string {
  const renames = new Map<string, string>();
  for (const mapping of (value ?? '').split(',').map((m) => m.trim()).filter((m) => m !== '')) {
    const parts = mapping.split(':');
    if (parts.length !== 2) return `Invalid rename mapping: ${mapping}`;
    renames.set(parts[0]!, parts[1]!);
  }
  return renames;
}

const spec: FieldSpec[] = [
  { name: 'exclude', type: 'LIST', default: '', aliases: ['blacklist'], importance: 'MEDIUM', doc: 'Fields to exclude. This takes precedence over the fields to include.' },
  { name: 'include', type: 'LIST', default: '', aliases: ['whitelist'], importance: 'MEDIUM', doc: 'Fields to include. If specified, only these fields will be used.' },
  {
    name: 'renames',
    type: 'LIST',
    default: '',
    importance: 'MEDIUM',
    doc: 'Field rename mappings, e.g. foo:bar,abc:xyz.',
    check: (value) => {
      const parsed = parseRenames(value);
      return typeof parsed === 'string' ? parsed : undefined;
    },
  },
  replaceNullWithDefaultSpec,
];

/**
 * Kafka's ReplaceField: keeps the `include`d fields (all when empty) minus the `exclude`d ones,
 * then renames `from:to`. The legacy `whitelist`/`blacklist` keys still work. With a schema the
 * struct schema is rebuilt in field order; tombstones pass unchanged.
 */
function replaceField(config: Config, target: Target): Transform {
  const exclude = new Set(config.list('exclude'));
  const include = new Set(config.list('include'));
  const renames = parseRenames(config.string('renames')) as Map<string, string>;
  const replaceNull = config.bool('replace.null.with.default');
  const keep = (name: string) => !exclude.has(name) && (include.size === 0 || include.has(name));
  const renamed = (name: string) => renames.get(name) ?? name;
  const schemaCache = new WeakMap<ConnectSchema, ConnectSchema>();

  return {
    apply(record) {
      const { value, schema } = operand(record, target);
      if (value === null) return record;
      if (!schema) {
        const map = requireMap(value, PURPOSE);
        const out: Record<string, ConnectValue> = {};
        for (const [name, v] of Object.entries(map)) if (keep(name)) out[renamed(name)] = v;
        return withOperand(record, target, out, undefined);
      }
      const { struct, schema: structSchema } = requireStruct(value, schema, PURPOSE);
      let newSchema = schemaCache.get(structSchema);
      if (!newSchema) {
        newSchema = structWith(structSchema, structSchema.fields.filter((f) => keep(f.field)).map((f) => asField(fieldSchemaOf(f), renamed(f.field))));
        schemaCache.set(structSchema, newSchema);
      }
      const out: Record<string, ConnectValue> = {};
      for (const field of structSchema.fields) if (keep(field.field)) out[renamed(field.field)] = fieldValue(struct, field, replaceNull);
      return withOperand(record, target, out, newSchema);
    },
  };
}

export const replaceFieldPlugins = keyValuePlugins('ReplaceField', { doc: 'Filter or rename fields.', spec, create: replaceField });
