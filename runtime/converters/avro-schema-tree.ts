import { DataException } from './data-exception.js';

/**
 * An Avro schema (JSON form) parsed into a tree with named references resolved and full names
 * computed, so the Connect mappings need no namespace bookkeeping. `attrs` keeps the node's
 * extra attributes (`logicalType`, `connect.name`, `connect.parameters`, ...).
 */
export type AvroPrimitive = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export type AvroNode =
  | { kind: 'primitive'; type: AvroPrimitive; attrs: Record<string, unknown> }
  | { kind: 'record'; fullname: string; name: string; fields: AvroField[]; attrs: Record<string, unknown> }
  | { kind: 'enum'; fullname: string; name: string; symbols: string[]; attrs: Record<string, unknown> }
  | { kind: 'fixed'; fullname: string; name: string; size: number; attrs: Record<string, unknown> }
  | { kind: 'array'; items: AvroNode; attrs: Record<string, unknown> }
  | { kind: 'map'; values: AvroNode; attrs: Record<string, unknown> }
  | { kind: 'union'; branches: AvroNode[]; attrs: Record<string, unknown> };

export interface AvroField {
  name: string;
  type: AvroNode;
  default?: unknown;
  doc?: string;
}

const PRIMITIVES = new Set<string>(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const RESERVED = new Set(['type', 'name', 'namespace', 'fields', 'items', 'values', 'symbols', 'size', 'aliases', 'doc', 'default', 'order']);

function attrsOf(json: Record<string, unknown>): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) if (!RESERVED.has(key)) attrs[key] = value;
  return attrs;
}

function fullName(name: string, namespace: string | undefined): { fullname: string; name: string; namespace: string | undefined } {
  if (name.includes('.')) {
    const dot = name.lastIndexOf('.');
    return { fullname: name, name: name.slice(dot + 1), namespace: name.slice(0, dot) };
  }
  return { fullname: namespace ? `${namespace}.${name}` : name, name, namespace };
}

/** Parses an Avro schema (text or JSON). Throws DataException when it is not a valid schema. */
export function parseAvroSchema(schema: unknown): AvroNode {
  const json = typeof schema === 'string' && !PRIMITIVES.has(schema) ? safeParse(schema) : schema;
  return walk(json, undefined, new Map());
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new DataException(`Invalid Avro schema: ${(cause as Error).message}`, { cause });
  }
}

function walk(json: unknown, namespace: string | undefined, names: Map<string, AvroNode>): AvroNode {
  if (typeof json === 'string') {
    if (PRIMITIVES.has(json)) return { kind: 'primitive', type: json as AvroPrimitive, attrs: {} };
    const named = names.get(json) ?? names.get(fullName(json, namespace).fullname);
    if (!named) throw new DataException(`Invalid Avro schema: unknown type ${json}`);
    return named;
  }
  if (Array.isArray(json)) return { kind: 'union', branches: json.map((branch) => walk(branch, namespace, names)), attrs: {} };
  if (typeof json !== 'object' || json === null) throw new DataException(`Invalid Avro schema: ${JSON.stringify(json)}`);
  const obj = json as Record<string, unknown>;
  const type = obj.type;
  const attrs = attrsOf(obj);
  if (typeof type === 'string' && PRIMITIVES.has(type)) return { kind: 'primitive', type: type as AvroPrimitive, attrs };
  if (typeof type !== 'string') return { ...walk(type, namespace, names), attrs: { ...attrs } };
  switch (type) {
    case 'array':
      return { kind: 'array', items: walk(obj.items, namespace, names), attrs };
    case 'map':
      return { kind: 'map', values: walk(obj.values, namespace, names), attrs };
    case 'record':
    case 'error':
    case 'enum':
    case 'fixed': {
      if (typeof obj.name !== 'string') throw new DataException(`Invalid Avro schema: a ${type} needs a name`);
      const names2 = fullName(obj.name, typeof obj.namespace === 'string' && obj.namespace !== '' ? obj.namespace : namespace);
      if (type === 'enum') {
        const node: AvroNode = { kind: 'enum', fullname: names2.fullname, name: names2.name, symbols: Array.isArray(obj.symbols) ? obj.symbols.map(String) : [], attrs };
        names.set(names2.fullname, node);
        return node;
      }
      if (type === 'fixed') {
        const node: AvroNode = { kind: 'fixed', fullname: names2.fullname, name: names2.name, size: Number(obj.size), attrs };
        names.set(names2.fullname, node);
        return node;
      }
      const node: AvroNode & { kind: 'record' } = { kind: 'record', fullname: names2.fullname, name: names2.name, fields: [], attrs };
      names.set(names2.fullname, node);
      for (const field of Array.isArray(obj.fields) ? obj.fields : []) {
        const f = field as Record<string, unknown>;
        const parsed: AvroField = { name: String(f.name), type: walk(f.type, names2.namespace, names) };
        if ('default' in f) parsed.default = f.default;
        if (typeof f.doc === 'string') parsed.doc = f.doc;
        node.fields.push(parsed);
      }
      return node;
    }
    default: {
      const named = names.get(type) ?? names.get(fullName(type, namespace).fullname);
      if (named) return named;
      throw new DataException(`Invalid Avro schema: unknown type ${type}`);
    }
  }
}

/** The name avsc uses for a union branch when unions are wrapped: the type or full name. */
export function branchName(node: AvroNode): string {
  switch (node.kind) {
    case 'primitive':
      return node.type;
    case 'record':
    case 'enum':
    case 'fixed':
      return node.fullname;
    case 'array':
      return 'array';
    case 'map':
      return 'map';
    default:
      return 'union';
  }
}

/** The branch name Connect uses for a union struct field: the type or the simple name. */
export function unionFieldName(node: AvroNode): string {
  return node.kind === 'record' || node.kind === 'enum' || node.kind === 'fixed' ? node.name : branchName(node);
}
