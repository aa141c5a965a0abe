import type { ConnectSchema, ConnectValue, RecordHeader, SandboxRecord } from '../core/record.js';
import { withChanges } from '../core/record.js';
import { asField, fieldSchemaOf, fieldValue, findField, isPlainObject, isStructSchema, structWith, type FieldSchema } from '../converters/connect-schema.js';
import type { Config, FieldSpec } from '../core/config-spec.js';
import type { TransformPlugin } from './transform-plugin.js';
import type { Transform } from './transform.js';

const DELETE_TOMBSTONE_MODES = ['drop', 'tombstone', 'rewrite', 'rewrite-with-tombstone', 'delete-to-tombstone'] as const;
type Mode = (typeof DELETE_TOMBSTONE_MODES)[number];
const UNSUPPORTED = 'is not supported by the kafka-sandbox runtime; run this connector on the stack\'s Connect worker instead';

const unsupported = (value: string | null) => (value === null ? undefined : UNSUPPORTED);

const spec: FieldSpec[] = [
  {
    name: 'delete.tombstone.handling.mode',
    type: 'STRING',
    default: null,
    oneOf: DELETE_TOMBSTONE_MODES,
    importance: 'MEDIUM',
    doc: 'How to handle delete records: drop - remove the delete event and tombstone; tombstone (default) - for each delete event, leave only a tombstone; rewrite - remove tombstones and add a `__deleted` field with the value `true`; rewrite-with-tombstone - keep tombstones and add `__deleted`; delete-to-tombstone - convert delete events to tombstones and drop tombstones.',
  },
  { name: 'drop.tombstones', type: 'BOOLEAN', default: 'true', importance: 'LOW', doc: 'Deprecated (Debezium 1.x/2.x): drop tombstones from the stream. Used only when delete.tombstone.handling.mode is not set.' },
  { name: 'delete.handling.mode', type: 'STRING', default: 'drop', oneOf: ['drop', 'rewrite', 'none'], importance: 'MEDIUM', doc: 'Deprecated (Debezium 1.x/2.x): drop, rewrite (add `__deleted`) or none (pass deletes as null values). Used only when delete.tombstone.handling.mode is not set.' },
  { name: 'add.fields', type: 'LIST', default: '', importance: 'LOW', doc: "Adds each field listed, prefixed with __ (or __<struct>_ if the struct is specified). Example: 'version,connector,source.ts_ms' would add __version, __connector and __source_ts_ms fields. Optionally map new field names: version:VERSION." },
  { name: 'add.fields.prefix', type: 'STRING', default: '__', importance: 'LOW', doc: 'Adds this prefix to each field listed.' },
  { name: 'add.headers', type: 'LIST', default: '', importance: 'LOW', doc: 'Adds each field listed to the headers, prefixed with __ (or __<struct>_ if the struct is specified).' },
  { name: 'add.headers.prefix', type: 'STRING', default: '__', importance: 'LOW', doc: 'Adds this prefix to each header listed.' },
  { name: 'route.by.field', type: 'STRING', default: '', importance: 'LOW', doc: 'The column which determines how the events will be routed, the value will replace the topic name.' },
  { name: 'replace.null.with.default', type: 'BOOLEAN', default: 'true', importance: 'LOW', doc: 'When enabled, null field values are replaced by source-defined defaults when rewriting the record.' },
  { name: 'drop.fields.header.name', type: 'STRING', default: null, importance: 'LOW', check: unsupported, doc: 'Not supported by this runtime.' },
  { name: 'drop.fields.from.key', type: 'BOOLEAN', default: null, importance: 'LOW', check: unsupported, doc: 'Not supported by this runtime.' },
  { name: 'drop.fields.keep.schema.compatible', type: 'BOOLEAN', default: null, importance: 'LOW', check: unsupported, doc: 'Not supported by this runtime.' },
];

/** A field of the envelope to copy: `op`, `ts_ms`, `source.x`, `x` (a source field), or `x:NEW_NAME`. */
interface FieldReference {
  struct: string | null;
  field: string;
  newName: string;
}

function fieldReferences(prefix: string, list: readonly string[]): FieldReference[] {
  return list.map((entry) => {
    const [path = '', rename] = entry.split(':');
    const parts = path.split('.');
    const field = parts.length === 1 ? parts[0]! : parts[1]!;
    const struct = parts.length === 1 ? hostStruct(field) : parts[0]!;
    const newName = prefix + (rename ?? (parts.length === 1 ? field : `${struct}_${field}`));
    return { struct, field, newName };
  });
}

function hostStruct(field: string): string | null {
  if (field === 'op' || field === 'ts_ms' || field === 'ts_us' || field === 'ts_ns') return null;
  if (field === 'id' || field === 'total_order' || field === 'data_collection_order') return 'transaction';
  return 'source';
}

function referenceValue(envelope: Record<string, ConnectValue>, ref: FieldReference): ConnectValue {
  const host = ref.struct === null ? envelope : envelope[ref.struct];
  return isPlainObject(host) ? (host[ref.field] ?? null) : null;
}

function referenceSchema(envelopeSchema: ConnectSchema, ref: FieldReference): ConnectSchema {
  const host = ref.struct === null ? envelopeSchema : findField(envelopeSchema, ref.struct);
  const field = host ? findField(host, ref.field) : undefined;
  if (!field) return { type: 'string', optional: true };
  const schema = fieldSchemaOf(field);
  return host !== envelopeSchema && host?.optional ? { ...schema, optional: true } : schema;
}

/** Debezium's change event envelope: `{before, after, source, op, ts_ms}`, with or without a schema. */
function isEnvelope(value: ConnectValue, schema: ConnectSchema | undefined): value is Record<string, ConnectValue> {
  if (!isPlainObject(value)) return false;
  if (schema) return isStructSchema(schema) && (schema.name?.endsWith('.Envelope') === true || (!!findField(schema, 'op') && !!findField(schema, 'after')));
  return typeof value.op === 'string' && ('after' in value || 'before' in value);
}

/**
 * Debezium's `io.debezium.transforms.ExtractNewRecordState` ("unwrap"): replaces a change event
 * envelope with its `after` row (for deletes, per the delete mode, nothing, a tombstone, or the
 * `before` row with `__deleted: "true"`), optionally adding envelope fields (`add.fields`) and
 * headers (`add.headers`). Without `delete.tombstone.handling.mode`, the Debezium 1.x/2.x keys
 * `drop.tombstones` and `delete.handling.mode` apply when set; otherwise Debezium 3's default,
 * `tombstone`. Records that are not envelopes (heartbeats, schema changes) pass unchanged.
 * Unlike Debezium, schemaless (plain JSON) envelopes are unwrapped too.
 */
function extractNewRecordState(config: Config): Transform {
  const legacy = !config.has('delete.tombstone.handling.mode') && (config.has('drop.tombstones') || config.has('delete.handling.mode'));
  const mode: Mode = legacy ? 'tombstone' : ((config.string('delete.tombstone.handling.mode') ?? 'tombstone').toLowerCase() as Mode);
  const dropTombstones = config.bool('drop.tombstones');
  const legacyDeletes = config.requiredString('delete.handling.mode').toLowerCase();
  const rewrite = legacy ? legacyDeletes === 'rewrite' : mode === 'rewrite' || mode === 'rewrite-with-tombstone';
  const fields = fieldReferences(config.requiredString('add.fields.prefix'), config.list('add.fields'));
  const headers = fieldReferences(config.requiredString('add.headers.prefix'), config.list('add.headers'));
  const routeBy = config.requiredString('route.by.field');
  const replaceNull = config.bool('replace.null.with.default');
  const schemaCache = new WeakMap<ConnectSchema, Map<string, ConnectSchema>>();

  const cachedSchema = (base: ConnectSchema, variant: string, build: () => ConnectSchema): ConnectSchema => {
    let byVariant = schemaCache.get(base);
    if (!byVariant) schemaCache.set(base, (byVariant = new Map()));
    let schema = byVariant.get(variant);
    if (!schema) byVariant.set(variant, (schema = build()));
    return schema;
  };

  /** The `before` or `after` row, with `__deleted` when rewriting, and the added envelope fields. */
  const row = (envelope: Record<string, ConnectValue>, envelopeSchema: ConnectSchema | undefined, which: 'before' | 'after', deleted: boolean | undefined) => {
    const rowValue = envelope[which] ?? null;
    const rowField = envelopeSchema ? findField(envelopeSchema, which) : undefined;
    const rowSchema = rowField ? fieldSchemaOf(rowField) : undefined;
    if (rowValue === null || !isPlainObject(rowValue)) return { value: rowValue, schema: rowSchema };
    const extra: [string, ConnectValue][] = [];
    if (deleted !== undefined) extra.push(['__deleted', String(deleted)]);
    for (const ref of fields) extra.push([ref.newName, referenceValue(envelope, ref)]);
    if (!rowSchema || !isStructSchema(rowSchema)) return { value: { ...rowValue, ...Object.fromEntries(extra) }, schema: rowSchema };
    const schema = cachedSchema(rowSchema, `${which}:${deleted !== undefined}`, () => {
      const added: FieldSchema[] = [];
      if (deleted !== undefined) added.push(asField({ type: 'string', optional: true }, '__deleted'));
      for (const ref of fields) added.push(asField(referenceSchema(envelopeSchema!, ref), ref.newName));
      return structWith(rowSchema, [...rowSchema.fields, ...added]);
    });
    const value: Record<string, ConnectValue> = {};
    for (const field of rowSchema.fields) value[field.field] = fieldValue(rowValue, field, replaceNull);
    for (const [name, v] of extra) value[name] = v;
    return { value, schema };
  };

  const withHeaders = <R extends SandboxRecord>(record: R, envelope: Record<string, ConnectValue> | null): R => {
    if (headers.length === 0) return record;
    const added: RecordHeader[] = [];
    for (const ref of headers) {
      if (envelope === null) {
        if (ref.field === 'op') added.push({ key: ref.newName, value: 'd' });
      } else added.push({ key: ref.newName, value: referenceValue(envelope, ref) });
    }
    return withChanges(record, { headers: [...record.headers, ...added] });
  };

  const routed = <R extends SandboxRecord>(record: R, envelope: Record<string, ConnectValue>): R => {
    if (routeBy === '') return record;
    const source = isPlainObject(envelope.after) ? envelope.after : isPlainObject(envelope.before) ? envelope.before : undefined;
    const topic = source?.[routeBy];
    return typeof topic === 'string' ? withChanges(record, { topic }) : record;
  };

  return {
    apply(record) {
      if (record.value === null) {
        const keep = legacy ? !dropTombstones : mode === 'rewrite-with-tombstone';
        return keep ? withHeaders(record, null) : null;
      }
      if (!isEnvelope(record.value, record.valueSchema)) return record;
      const envelope = record.value;
      const op = envelope.op;
      if (op === 't') return null;
      const withMeta = withHeaders(record, envelope);
      const isDelete = op === 'd' || (envelope.after === null && envelope.before !== null && envelope.before !== undefined);
      let result: { value: ConnectValue; schema: ConnectSchema | undefined };
      if (isDelete) {
        const deleteMode = legacy ? ({ drop: 'drop', rewrite: 'rewrite', none: 'tombstone' } as const)[legacyDeletes as 'drop' | 'rewrite' | 'none'] : mode;
        if (deleteMode === 'drop') return null;
        if (deleteMode === 'delete-to-tombstone') return withChanges(withMeta, { value: null, valueSchema: undefined });
        if (deleteMode === 'tombstone') {
          const afterField = record.valueSchema ? findField(record.valueSchema, 'after') : undefined;
          return routed(withChanges(withMeta, { value: null, valueSchema: afterField ? fieldSchemaOf(afterField) : undefined }), envelope);
        }
        result = row(envelope, record.valueSchema, 'before', true);
      } else {
        result = row(envelope, record.valueSchema, 'after', rewrite ? false : undefined);
      }
      return routed(withChanges(withMeta, { value: result.value, valueSchema: result.schema }), envelope);
    },
  };
}

export const extractNewRecordStatePlugin: TransformPlugin = {
  kind: 'transformation',
  className: 'io.debezium.transforms.ExtractNewRecordState',
  aliases: ['ExtractNewRecordState'],
  doc: "Extracts the 'after' row of a Debezium change event, replacing the envelope; deletes and tombstones per delete.tombstone.handling.mode.",
  spec,
  create: extractNewRecordState,
};
