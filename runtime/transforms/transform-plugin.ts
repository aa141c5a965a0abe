import type { ConnectSchema, ConnectValue, SandboxRecord } from '../core/record.js';
import { withChanges } from '../core/record.js';
import { describeType, isPlainObject, isStructSchema, type StructSchema } from '../converters/connect-schema.js';
import { DataException } from '../converters/data-exception.js';
import type { Config, FieldError, FieldSpec } from '../core/config-spec.js';
import type { Predicate, Transform } from './transform.js';

/**
 * A transform or predicate as registered: Connect's class name, the other names configs may use,
 * its config spec, and a constructor. `validate` adds checks spanning several keys (field names
 * relative to the transform's prefix); `create` receives a config that passed both.
 */
interface PluginBase {
  readonly className: string;
  readonly aliases: readonly string[];
  readonly doc: string;
  readonly spec: readonly FieldSpec[];
  validate?(config: Config): FieldError[];
}

export interface TransformPlugin extends PluginBase {
  readonly kind: 'transformation';
  create(config: Config): Transform;
}

export interface PredicatePlugin extends PluginBase {
  readonly kind: 'predicate';
  create(config: Config): Predicate;
}

/** Which part of the record a `$Key` / `$Value` transform works on. */
export type Target = 'key' | 'value';

/**
 * The `$Key` and `$Value` plugins of one Kafka transform (`org.apache.kafka.connect.transforms.<name>`),
 * each also registered under its simple name (`Cast$Value`).
 */
export function keyValuePlugins(
  name: string,
  options: { doc: string; spec: readonly FieldSpec[]; validate?: (config: Config) => FieldError[]; create: (config: Config, target: Target) => Transform; pkg?: string },
): TransformPlugin[] {
  const pkg = options.pkg ?? 'org.apache.kafka.connect.transforms';
  return (['Key', 'Value'] as const).map((variant) => ({
    kind: 'transformation' as const,
    className: `${pkg}.${name}$${variant}`,
    aliases: [`${name}$${variant}`],
    doc: options.doc,
    spec: options.spec,
    ...(options.validate ? { validate: options.validate } : {}),
    create: (config: Config) => options.create(config, variant === 'Key' ? 'key' : 'value'),
  }));
}

/** The value and schema a transform operates on. */
export function operand(record: SandboxRecord, target: Target): { value: ConnectValue; schema: ConnectSchema | undefined } {
  return target === 'key' ? { value: record.key, schema: record.keySchema } : { value: record.value, schema: record.valueSchema };
}

/** A copy of `record` with the key or value (and its schema) replaced. */
export function withOperand<R extends SandboxRecord>(record: R, target: Target, value: ConnectValue, schema: ConnectSchema | undefined): R {
  return target === 'key' ? withChanges(record, { key: value, keySchema: schema }) : withChanges(record, { value, valueSchema: schema });
}

/** Connect's `Requirements.requireMap`: a schemaless value must be a map (plain object). */
export function requireMap(value: ConnectValue, purpose: string): Record<string, ConnectValue> {
  if (!isPlainObject(value)) throw new DataException(`Only Map objects supported in absence of schema for [${purpose}], found: ${describeType(value)}`);
  return value;
}

/** Connect's `Requirements.requireStruct`: a value with a struct schema must be a struct. */
export function requireStruct(value: ConnectValue, schema: ConnectSchema | undefined, purpose: string): { struct: Record<string, ConnectValue>; schema: StructSchema } {
  if (!isStructSchema(schema) || !isPlainObject(value)) {
    throw new DataException(`Only Struct objects supported for [${purpose}], found: ${isStructSchema(schema) ? describeType(value) : `a ${schema?.type ?? 'schemaless'} value`}`);
  }
  return { struct: value, schema };
}

/** Connect's `Requirements.requireSinkRecord`. */
export function requireSinkRecord(record: SandboxRecord, purpose: string): number {
  const offset = (record as { kafkaOffset?: unknown }).kafkaOffset;
  if (typeof offset !== 'number') throw new DataException(`Only SinkRecord supported for [${purpose}], found: SourceRecord`);
  return offset;
}

/** A config check: a comma-separated list with at least one element. */
export function nonEmptyList(value: string | null): string | undefined {
  return value === null || value.split(',').every((item) => item.trim() === '') ? 'Empty list' : undefined;
}

/** A config check: a non-blank string. */
export function nonBlank(value: string | null): string | undefined {
  return value === null || value.trim() === '' ? 'String may not be empty' : undefined;
}

/** The spec of Connect's `replace.null.with.default`, shared by several transforms. */
export const replaceNullWithDefaultSpec: FieldSpec = {
  name: 'replace.null.with.default',
  type: 'BOOLEAN',
  default: 'true',
  importance: 'MEDIUM',
  doc: 'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.',
};
