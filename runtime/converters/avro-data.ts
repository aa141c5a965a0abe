import type { ConnectSchema, ConnectValue } from '../core/record.js';
import { asField, decimalScale, describeType, fieldSchemaOf, isPlainObject, LOGICAL, type FieldSchema } from './connect-schema.js';
import { DataException } from './data-exception.js';
import { decimalFromBytes, decimalToBytes } from './decimal.js';
import { branchName, unionFieldName, type AvroNode } from './avro-schema-tree.js';

/**
 * Confluent's AvroData, the parts tutorials rely on: Connect schemas <-> Avro schemas (with the
 * `connect.*` attributes that make the round trip exact) and Connect values <-> the values avsc
 * reads and writes with wrapped unions (`{"string": "x"}`).
 */
const NS = 'io.confluent.connect.avro';
const UNION = `${NS}.Union`;
const ENUM = `${NS}.Enum`;
const DAY_MS = 86_400_000;

type AvroJson = string | AvroJson[] | { [key: string]: unknown };

/** Valid Avro name: letters, digits and `_`, not starting with a digit. */
function scrub(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(clean) ? `_${clean}` : clean;
}

function splitName(fullname: string): { name: string; namespace?: string } {
  const parts = fullname.split('.').map(scrub);
  const name = parts.pop()!;
  return parts.length > 0 ? { name, namespace: parts.join('.') } : { name };
}

function connectMeta(schema: ConnectSchema, includeName: boolean): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  if (schema.version !== undefined) meta['connect.version'] = schema.version;
  if (schema.doc !== undefined) meta['connect.doc'] = schema.doc;
  const parameters = Object.fromEntries(Object.entries(schema.parameters ?? {}).filter(([key]) => !key.startsWith(ENUM)));
  if (Object.keys(parameters).length > 0) meta['connect.parameters'] = parameters;
  if (includeName && schema.name !== undefined) meta['connect.name'] = schema.name;
  return meta;
}

/** Connect schema -> Avro schema JSON (AvroData.fromConnectSchema). */
export function avroSchemaFromConnect(schema: ConnectSchema): AvroJson {
  let counter = 0;
  const nextDefault = (base: string) => (counter++ === 0 ? base : `${base}${counter}`);

  const bare = (s: ConnectSchema): AvroJson => {
    switch (s.name) {
      case LOGICAL.decimal: {
        const precision = Number(s.parameters?.['connect.decimal.precision'] ?? '64');
        return { type: 'bytes', scale: decimalScale(s), precision, ...connectMeta(s, true), logicalType: 'decimal' };
      }
      case LOGICAL.date:
        return { type: 'int', ...connectMeta(s, true), logicalType: 'date' };
      case LOGICAL.time:
        return { type: 'int', ...connectMeta(s, true), logicalType: 'time-millis' };
      case LOGICAL.timestamp:
        return { type: 'long', ...connectMeta(s, true), logicalType: 'timestamp-millis' };
      default:
        break;
    }
    const primitive = (type: string, extra: Record<string, unknown> = {}): AvroJson => {
      const meta = { ...extra, ...connectMeta(s, true) };
      return Object.keys(meta).length === 0 ? type : { type, ...meta };
    };
    switch (s.type) {
      case 'int8':
      case 'int16':
        return { type: 'int', 'connect.type': s.type, ...connectMeta(s, true) };
      case 'int32':
        return primitive('int');
      case 'int64':
        return primitive('long');
      case 'float32':
        return primitive('float');
      case 'float64':
        return primitive('double');
      case 'boolean':
        return primitive('boolean');
      case 'bytes':
        return primitive('bytes');
      case 'string': {
        const enumName = s.parameters?.[ENUM];
        if (enumName) {
          const symbols = Object.entries(s.parameters ?? {}).filter(([k]) => k.startsWith(`${ENUM}.`)).map(([, v]) => v);
          return { type: 'enum', ...splitName(enumName), symbols, ...connectMeta(s, false) };
        }
        return primitive('string');
      }
      case 'array':
        return { type: 'array', items: avro(s.items ?? { type: 'string', optional: true }), ...connectMeta(s, true) };
      case 'map':
        if (!s.keys || s.keys.type === 'string') return { type: 'map', values: avro(s.values ?? { type: 'string', optional: true }), ...connectMeta(s, true) };
        return {
          type: 'array',
          items: { type: 'record', name: nextDefault('MapEntry'), namespace: NS, fields: [{ name: 'key', type: avro(s.keys) }, { name: 'value', type: avro(s.values ?? { type: 'string', optional: true }) }] },
          ...connectMeta(s, true),
        };
      case 'struct': {
        if (s.name === UNION) return (s.fields ?? []).map((f) => bare(fieldSchemaOf(f)));
        const named = s.name ? splitName(s.name) : { name: nextDefault('ConnectDefault'), namespace: NS };
        return { type: 'record', ...named, fields: (s.fields ?? []).map((f) => avroField(f)), ...connectMeta(s, false) };
      }
      default:
        throw new DataException(`Unsupported Connect schema type ${String(s.type)}`);
    }
  };

  const avro = (s: ConnectSchema): AvroJson => {
    const inner = bare(s);
    if (!s.optional) return inner;
    const branches = Array.isArray(inner) ? inner : [inner];
    return s.default !== undefined && s.default !== null ? [...branches, 'null'] : ['null', ...branches];
  };

  const avroField = (f: FieldSchema): Record<string, unknown> => {
    const schemaOfField = fieldSchemaOf(f);
    const out: Record<string, unknown> = { name: scrub(f.field), type: avro(schemaOfField) };
    if (f.default !== undefined && f.default !== null) out.default = defaultJson(schemaOfField, f.default);
    else if (f.optional) out.default = null;
    return out;
  };

  return avro(schema);
}

function defaultJson(schema: ConnectSchema, value: ConnectValue): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1');
  if (value instanceof Date) return schema.name === LOGICAL.date ? Math.floor(value.getTime() / DAY_MS) : value.getTime();
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** Avro schema -> Connect schema (AvroData.toConnectSchema). */
export function connectSchemaFromAvro(node: AvroNode, optional = false, inProgress = new Set<AvroNode>()): ConnectSchema {
  const withMeta = (schema: ConnectSchema): ConnectSchema => {
    const attrs = node.attrs;
    if (typeof attrs['connect.name'] === 'string' && schema.name === undefined) schema.name = attrs['connect.name'];
    if (typeof attrs['connect.version'] === 'number') schema.version = attrs['connect.version'];
    if (typeof attrs['connect.doc'] === 'string') schema.doc = attrs['connect.doc'];
    const params = attrs['connect.parameters'];
    // A Decimal's connect.parameters are its Connect parameters exactly (no added precision).
    if (params && typeof params === 'object') schema.parameters = schema.name === LOGICAL.decimal ? { ...(params as Record<string, string>) } : { ...schema.parameters, ...(params as Record<string, string>) };
    if (optional) schema.optional = true;
    return schema;
  };
  switch (node.kind) {
    case 'primitive': {
      const logical = node.attrs.logicalType;
      if (node.type === 'int' && logical === 'date') return withMeta({ type: 'int32', name: LOGICAL.date, version: 1 });
      if (node.type === 'int' && logical === 'time-millis') return withMeta({ type: 'int32', name: LOGICAL.time, version: 1 });
      if (node.type === 'long' && logical === 'timestamp-millis') return withMeta({ type: 'int64', name: LOGICAL.timestamp, version: 1 });
      if (node.type === 'bytes' && logical === 'decimal') return withMeta(decimalConnectSchema(node.attrs));
      switch (node.type) {
        case 'int': {
          const connectType = node.attrs['connect.type'];
          return withMeta({ type: connectType === 'int8' || connectType === 'int16' ? connectType : 'int32' });
        }
        case 'long':
          return withMeta({ type: 'int64' });
        case 'float':
          return withMeta({ type: 'float32' });
        case 'double':
          return withMeta({ type: 'float64' });
        case 'null':
          throw new DataException('Avro schema of type null has no Connect equivalent');
        default:
          return withMeta({ type: node.type });
      }
    }
    case 'enum': {
      const parameters: Record<string, string> = { [ENUM]: node.fullname };
      for (const symbol of node.symbols) parameters[`${ENUM}.${symbol}`] = symbol;
      return withMeta({ type: 'string', parameters });
    }
    case 'fixed':
      if (node.attrs.logicalType === 'decimal') return withMeta(decimalConnectSchema(node.attrs));
      return withMeta({ type: 'bytes', name: node.fullname, parameters: { 'connect.fixed.size': String(node.size) } });
    case 'array': {
      const entry = node.items;
      if (entry.kind === 'record' && entry.fullname.startsWith(`${NS}.MapEntry`) && entry.fields.length === 2) {
        return withMeta({ type: 'map', keys: connectSchemaFromAvro(entry.fields[0]!.type, false, inProgress), values: connectSchemaFromAvro(entry.fields[1]!.type, false, inProgress) });
      }
      return withMeta({ type: 'array', items: connectSchemaFromAvro(entry, false, inProgress) });
    }
    case 'map':
      return withMeta({ type: 'map', keys: { type: 'string' }, values: connectSchemaFromAvro(node.values, false, inProgress) });
    case 'record': {
      if (inProgress.has(node)) throw new DataException(`Recursive Avro schema ${node.fullname} has no Connect equivalent`);
      inProgress.add(node);
      const fields = node.fields.map((f) => {
        const fieldSchema = connectSchemaFromAvro(f.type, false, inProgress);
        if (f.default !== undefined && f.default !== null) fieldSchema.default = connectValueFromAvro(f.type, wrapDefault(f.type, f.default));
        return asField(fieldSchema, f.name);
      });
      inProgress.delete(node);
      const schema: ConnectSchema = { type: 'struct', fields };
      if (!node.fullname.startsWith(`${NS}.ConnectDefault`)) schema.name = node.fullname;
      return withMeta(schema);
    }
    case 'union': {
      const nonNull = node.branches.filter((b) => !(b.kind === 'primitive' && b.type === 'null'));
      const nullable = nonNull.length < node.branches.length;
      if (nonNull.length === 1) return connectSchemaFromAvro(nonNull[0]!, optional || nullable, inProgress);
      const fields = nonNull.map((b) => asField(connectSchemaFromAvro(b, true, inProgress), unionFieldName(b)));
      return { type: 'struct', name: UNION, fields, ...(optional || nullable ? { optional: true } : {}) };
    }
    default:
      throw new DataException('Unsupported Avro schema');
  }
}

function decimalConnectSchema(attrs: Record<string, unknown>): ConnectSchema {
  const parameters: Record<string, string> = { scale: String(attrs.scale ?? 0) };
  if (attrs.precision !== undefined) parameters['connect.decimal.precision'] = String(attrs.precision);
  return { type: 'bytes', name: LOGICAL.decimal, version: 1, parameters };
}

/** An Avro JSON default as avsc would decode it (unions take their first branch, bytes are latin1). */
function wrapDefault(node: AvroNode, value: unknown): unknown {
  if (node.kind === 'union') {
    const first = node.branches[0]!;
    return value === null ? null : { [branchName(first)]: wrapDefault(first, value) };
  }
  if ((node.kind === 'primitive' && node.type === 'bytes') || node.kind === 'fixed') return Buffer.from(String(value), 'latin1');
  return value;
}

/** A value avsc decoded (wrapped unions) -> Connect data. */
export function connectValueFromAvro(node: AvroNode, value: unknown): ConnectValue {
  if (value === null || value === undefined) return null;
  switch (node.kind) {
    case 'primitive': {
      const logical = node.attrs.logicalType;
      if (logical === 'date') return new Date(Number(value) * DAY_MS);
      if (logical === 'time-millis' || logical === 'timestamp-millis') return new Date(Number(value));
      if (node.type === 'bytes') return logical === 'decimal' ? decimalFromBytes(value as Buffer, Number(node.attrs.scale ?? 0)) : Buffer.from(value as Uint8Array);
      return value as ConnectValue;
    }
    case 'fixed':
      return node.attrs.logicalType === 'decimal' ? decimalFromBytes(value as Buffer, Number(node.attrs.scale ?? 0)) : Buffer.from(value as Uint8Array);
    case 'enum':
      return String(value);
    case 'array': {
      const entry = node.items;
      if (entry.kind === 'record' && entry.fullname.startsWith(`${NS}.MapEntry`) && entry.fields.length === 2) {
        const out: Record<string, ConnectValue> = {};
        for (const pair of value as Record<string, unknown>[]) out[String(connectValueFromAvro(entry.fields[0]!.type, pair.key))] = connectValueFromAvro(entry.fields[1]!.type, pair.value);
        return out;
      }
      return (value as unknown[]).map((v) => connectValueFromAvro(entry, v));
    }
    case 'map': {
      const out: Record<string, ConnectValue> = {};
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[key] = connectValueFromAvro(node.values, v);
      return out;
    }
    case 'record': {
      const source = value as Record<string, unknown>;
      const out: Record<string, ConnectValue> = {};
      for (const field of node.fields) out[field.name] = connectValueFromAvro(field.type, source[field.name]);
      return out;
    }
    case 'union': {
      const [branch, inner] = Object.entries(value as Record<string, unknown>)[0] ?? [];
      const match = node.branches.find((b) => branchName(b) === branch);
      if (!match) throw new DataException(`Avro union value of unknown branch ${String(branch)}`);
      const nonNull = node.branches.filter((b) => !(b.kind === 'primitive' && b.type === 'null'));
      const converted = connectValueFromAvro(match, inner);
      if (nonNull.length === 1) return converted;
      const out: Record<string, ConnectValue> = {};
      for (const b of nonNull) out[unionFieldName(b)] = b === match ? converted : null;
      return out;
    }
    default:
      return null;
  }
}

/** Connect data -> the value avsc writes for `node` (wrapped unions, underlying logical values). */
export function avroValueFromConnect(node: AvroNode, value: ConnectValue): unknown {
  if (node.kind === 'union') {
    const nonNull = node.branches.filter((b) => !(b.kind === 'primitive' && b.type === 'null'));
    if (value === null || value === undefined) {
      if (nonNull.length === node.branches.length) throw new DataException('null value for a non-nullable Avro union');
      return null;
    }
    if (nonNull.length === 1) return { [branchName(nonNull[0]!)]: avroValueFromConnect(nonNull[0]!, value) };
    if (!isPlainObject(value)) throw new DataException(`Invalid value for an Avro union: ${describeType(value)}`);
    for (const b of nonNull) {
      const v = value[unionFieldName(b)];
      if (v !== null && v !== undefined) return { [branchName(b)]: avroValueFromConnect(b, v) };
    }
    if (nonNull.length < node.branches.length) return null;
    throw new DataException('Avro union struct with no branch set');
  }
  if (value === null || value === undefined) throw new DataException(`null value for a required Avro ${branchName(node)}`);
  switch (node.kind) {
    case 'primitive': {
      const logical = node.attrs.logicalType;
      if (value instanceof Date) {
        if (logical === 'date') return Math.floor(value.getTime() / DAY_MS);
        if (logical === 'time-millis') return ((value.getTime() % DAY_MS) + DAY_MS) % DAY_MS;
        return value.getTime();
      }
      if (node.type === 'bytes' && logical === 'decimal') return decimalToBytes(value, Number(node.attrs.scale ?? 0));
      if (typeof value === 'bigint') {
        if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new DataException(`Avro long ${value} is beyond what this runtime can encode (2^53)`);
        return Number(value);
      }
      if (node.type === 'bytes' && value instanceof Uint8Array) return Buffer.from(value);
      return value;
    }
    case 'fixed':
      return node.attrs.logicalType === 'decimal' ? decimalToBytes(value, Number(node.attrs.scale ?? 0)) : Buffer.from(value as Uint8Array);
    case 'enum':
      return value;
    case 'array': {
      const entry = node.items;
      if (entry.kind === 'record' && entry.fullname.startsWith(`${NS}.MapEntry`) && isPlainObject(value)) {
        const keyType = entry.fields[0]!.type;
        return Object.entries(value).map(([k, v]) => ({ key: avroValueFromConnect(keyType, mapKey(keyType, k)), value: avroValueFromConnect(entry.fields[1]!.type, v) }));
      }
      if (!Array.isArray(value)) throw new DataException(`Invalid value for an Avro array: ${describeType(value)}`);
      return value.map((v) => avroValueFromConnect(entry, v));
    }
    case 'map': {
      if (!isPlainObject(value)) throw new DataException(`Invalid value for an Avro map: ${describeType(value)}`);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = avroValueFromConnect(node.values, v);
      return out;
    }
    case 'record': {
      if (!isPlainObject(value)) throw new DataException(`Invalid value for Avro record ${node.fullname}: ${describeType(value)}`);
      const out: Record<string, unknown> = {};
      for (const field of node.fields) {
        const key = field.name in value ? field.name : Object.keys(value).find((k) => scrub(k) === field.name);
        out[field.name] = avroValueFromConnect(field.type, key === undefined ? null : (value[key] ?? null));
      }
      return out;
    }
    default:
      return value;
  }
}

function mapKey(node: AvroNode, key: string): ConnectValue {
  if (node.kind === 'primitive' && ['int', 'long', 'float', 'double'].includes(node.type)) return Number(key);
  if (node.kind === 'primitive' && node.type === 'boolean') return key === 'true';
  return key;
}
