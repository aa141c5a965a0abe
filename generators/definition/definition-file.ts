import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { ConfigError } from '../../runtime/core/errors.js';
import { YamlProblems } from '../../runtime/core/yaml-problems.js';
import { didYouMean } from '../../runtime/core/did-you-mean.js';
import type { GeneratorSpec } from '../core/event-model.js';
import { definitionGenerator } from './definition-generator.js';
import type { EventDefinition, FieldSpec, GeneratorDefinition, TableDefinition } from './field-spec.js';
import { readField, type Report } from './read-field.js';

const TOP_KEYS = ['name', 'topic', 'tables', 'event'];
const TABLE_KEYS = ['rows', 'primary_key', 'fields'];
const EVENT_KEYS = ['key', 'type', 'headers', 'fields'];
const IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/;
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
const MAX_ROWS = 1_000_000;

type Fields = Array<{ name: string; spec: FieldSpec; node: Node }>;
/** The fields that parsed, and the names of all fields (parsed or not) for cross-checks. */
type ReadFields = { fields: Fields; names: string[]; ok: boolean };

/**
 * Parses a generator definition (the format: `examples/payments.yaml`, and the help of `generate`).
 * Every problem is reported at once as `file:line:col message`: YAML
 * syntax, unknown keys (with "did you mean"), unknown faker methods, bad ranges and weights,
 * references to missing tables or columns, reference cycles.
 */
export function parseDefinition(text: string, fileName: string): GeneratorDefinition {
  const problems = new YamlProblems(fileName);
  const doc = problems.parse(text);
  const definition = doc ? readDefinition(doc.contents as Node | null, basename(fileName, extname(fileName)), problems.report) : undefined;
  if (problems.count > 0 || !definition) throw problems.toError('generator definition', 'Fix each problem at the file:line:col shown; `kafka-sandbox generate --help` shows a valid definition.');
  return definition;
}

/** Reads, parses and turns a definition file into a generator; a missing file is a ConfigError. */
export async function loadDefinitionFile(path: string): Promise<GeneratorSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`Cannot read generator definition ${path}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { cause });
  }
  return definitionGenerator(parseDefinition(text, path));
}

function entries(map: YAMLMap, allowed: readonly string[], what: string, report: Report): Map<string, { key: Node; value: Node | null }> {
  const found = new Map<string, { key: Node; value: Node | null }>();
  for (const pair of map.items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : '';
    if (allowed.includes(name)) found.set(name, { key, value: (pair.value as Node | null) ?? null });
    else report(key, `unknown ${what} key "${name}"${didYouMean(name, allowed)}`);
  }
  return found;
}

function readDefinition(root: Node | null, defaultName: string, report: Report): GeneratorDefinition | undefined {
  if (!isMap(root)) {
    report(root, 'a generator definition is a mapping with `event` (and optionally `name`, `topic`, `tables`)');
    return undefined;
  }
  const top = entries(root, TOP_KEYS, 'top-level', report);
  const name = readString(top.get('name'), report) ?? defaultName;
  if (!/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/.test(name)) report(top.get('name')?.value ?? root, `generator name "${name}" may hold only letters, digits, ".", "_" and "-"`);
  const topic = readString(top.get('topic'), report) ?? name;
  if (!TOPIC_NAME.test(topic)) report(top.get('topic')?.value ?? root, `topic "${topic}" is not a valid Kafka topic name`);

  const tables: Array<TableDefinition & { node: Node; refs: Fields; names: string[] }> = [];
  const tablesNode = top.get('tables')?.value ?? null;
  if (tablesNode !== null && !(isScalar(tablesNode) && tablesNode.value === null)) {
    if (!isMap(tablesNode)) report(tablesNode, '`tables` must map table names to their definition');
    else {
      for (const pair of tablesNode.items) {
        const keyNode = pair.key as Node;
        const tableName = isScalar(keyNode) ? String(keyNode.value) : '';
        if (!IDENTIFIER.test(tableName)) report(keyNode, `table name "${tableName}" must be a plain identifier (letters, digits, "_")`);
        const table = readTable(tableName, (pair.value as Node | null) ?? null, keyNode, report);
        if (table) tables.push(table);
      }
    }
  }

  const eventEntry = top.get('event');
  let event: (EventDefinition & { refs: Fields }) | undefined;
  if (!eventEntry) report(root, 'missing `event`: the entity sent to Kafka, with `key` and `fields`');
  else event = readEvent(eventEntry.value, eventEntry.key, name, report);

  // References: to an existing table and column, never to itself, no cycles.
  const byName = new Map(tables.map((t) => [t.name, t]));
  const checkRef = (field: Fields[number], from: string | undefined) => {
    if (field.spec.kind !== 'ref') return;
    const target = byName.get(field.spec.table);
    if (!target) report(field.node, `ref "${field.spec.table}.${field.spec.column}": no table "${field.spec.table}"${didYouMean(field.spec.table, [...byName.keys()])}`);
    else if (!target.names.includes(field.spec.column))
      report(field.node, `ref "${field.spec.table}.${field.spec.column}": table "${target.name}" has no field "${field.spec.column}"${didYouMean(field.spec.column, target.names)}`);
    else if (from === target.name) report(field.node, `table "${from}" cannot refer to itself`);
  };
  for (const table of tables) for (const field of table.refs) checkRef(field, table.name);
  for (const field of event?.refs ?? []) checkRef(field, undefined);
  const ordered = orderTables(tables, report);
  if (!event || !ordered) return undefined;
  const strip = <T extends { refs: Fields }>({ refs: _refs, ...rest }: T) => rest;
  return { name, topic, tables: ordered.map(({ node: _node, names: _names, ...t }) => strip(t)), event: strip(event) };
}

function readTable(name: string, node: Node | null, keyNode: Node, report: Report): (TableDefinition & { node: Node; refs: Fields; names: string[] }) | undefined {
  if (!isMap(node)) {
    report(node ?? keyNode, `table "${name}" must be a mapping with rows, primary_key and fields`);
    return undefined;
  }
  const found = entries(node, TABLE_KEYS, 'table', report);
  const rowsEntry = found.get('rows');
  let rows = 0;
  if (!rowsEntry) report(keyNode, `table "${name}" is missing \`rows\``);
  else {
    const value = isScalar(rowsEntry.value) ? rowsEntry.value.value : undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > MAX_ROWS)
      report(rowsEntry.value ?? rowsEntry.key, `\`rows\` must be a whole number from 1 to ${MAX_ROWS.toLocaleString('en-US')}`);
    else rows = value;
  }
  const { fields, names } = readFields(found.get('fields'), keyNode, 'table', report);
  const primaryKey = readString(found.get('primary_key'), report);
  if (primaryKey === undefined) report(keyNode, `table "${name}" is missing \`primary_key\` (the field that identifies a row)`);
  else if (names.length > 0 && !names.includes(primaryKey))
    report(found.get('primary_key')!.value, `primary_key "${primaryKey}" is not a field of "${name}"${didYouMean(primaryKey, names)}`);
  // Returned even when invalid, so references into it are checked; any problem discards the result.
  return { name, rows, primaryKey: primaryKey ?? '', fields: fields.map(({ name: n, spec }) => ({ name: n, spec })), node, refs: fields.filter((f) => f.spec.kind === 'ref'), names };
}

function readEvent(node: Node | null, keyNode: Node, generatorName: string, report: Report): (EventDefinition & { refs: Fields }) | undefined {
  if (!isMap(node)) {
    report(node ?? keyNode, '`event` must be a mapping with key and fields');
    return undefined;
  }
  const found = entries(node, EVENT_KEYS, 'event', report);
  const { fields, names } = readFields(found.get('fields'), keyNode, 'event', report);
  const key = readString(found.get('key'), report);
  if (key === undefined) report(keyNode, '`event` is missing `key` (the field whose value is the record key)');
  else if (names.length > 0 && !names.includes(key)) report(found.get('key')!.value, `key "${key}" is not an event field${didYouMean(key, names)}`);
  const typeField = readString(found.get('type'), report);
  if (typeField !== undefined && names.length > 0 && !names.includes(typeField))
    report(found.get('type')!.value, `type "${typeField}" is not an event field${didYouMean(typeField, names)}`);
  const headers: Record<string, string> = { source: generatorName };
  const headersEntry = found.get('headers');
  if (headersEntry) {
    if (!isMap(headersEntry.value)) report(headersEntry.value ?? headersEntry.key, '`headers` must map header names to values');
    else
      for (const pair of headersEntry.value.items) {
        const k = pair.key as Node;
        const v = pair.value as Node | null;
        if (!isScalar(k) || !isScalar(v) || v.value === null) report(v ?? k, 'each header is `name: value`');
        else headers[String(k.value)] = String(v.value);
      }
  }
  return {
    name: 'event',
    key: key ?? '',
    ...(typeField !== undefined ? { typeField } : {}),
    headers,
    fields: fields.map(({ name, spec }) => ({ name, spec })),
    refs: fields.filter((f) => f.spec.kind === 'ref'),
  };
}

function readFields(entry: { key: Node; value: Node | null } | undefined, owner: Node, context: 'table' | 'event', report: Report): ReadFields {
  if (!entry) {
    report(owner, 'missing `fields`: a mapping of field names to how each gets its value');
    return { fields: [], names: [], ok: false };
  }
  if (!isMap(entry.value) || entry.value.items.length === 0) {
    report(entry.value ?? entry.key, '`fields` must map at least one field name to how it gets its value');
    return { fields: [], names: [], ok: false };
  }
  const fields: Fields = [];
  const names: string[] = [];
  let ok = true;
  for (const pair of entry.value.items) {
    const keyNode = pair.key as Node;
    const name = isScalar(keyNode) ? String(keyNode.value) : '';
    names.push(name);
    if (!IDENTIFIER.test(name)) {
      report(keyNode, `field name "${name}" must be a plain identifier (letters, digits, "_")`);
      ok = false;
    }
    const valueNode = (pair.value as Node | null) ?? null;
    const spec = readField(valueNode ?? keyNode, valueNode, context, report);
    // A reference problem points at the `table.field` text itself.
    const at = spec?.kind === 'ref' && isMap(valueNode) ? ((valueNode.get('ref', true) as Node | undefined) ?? valueNode) : (valueNode ?? keyNode);
    if (spec) fields.push({ name, spec, node: at });
    else ok = false;
  }
  return { fields, names, ok };
}

function readString(entry: { key: Node; value: Node | null } | undefined, report: Report): string | undefined {
  if (!entry) return undefined;
  if (!isScalar(entry.value) || entry.value.value === null || typeof entry.value.value === 'object') {
    report(entry.value ?? entry.key, 'expected a single value');
    return undefined;
  }
  return String(entry.value.value);
}

/** Tables in dependency order, or undefined after reporting a reference cycle. */
function orderTables<T extends { name: string; node: Node; refs: Fields }>(tables: T[], report: Report): T[] | undefined {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  let ok = true;
  const visit = (table: T, path: string[]) => {
    if (state.get(table.name) === 'done') return;
    if (state.get(table.name) === 'visiting') {
      report(table.node, `tables refer to each other in a cycle: ${[...path, table.name].join(' -> ')}`);
      ok = false;
      return;
    }
    state.set(table.name, 'visiting');
    for (const ref of table.refs) {
      const target = ref.spec.kind === 'ref' ? byName.get(ref.spec.table) : undefined;
      if (target && target !== table) visit(target, [...path, table.name]);
    }
    state.set(table.name, 'done');
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ok ? ordered : undefined;
}
