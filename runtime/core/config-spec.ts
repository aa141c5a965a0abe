import { ConfigError } from './errors.js';
import { closestMatch } from './did-you-mean.js';

/**
 * Config specs in Kafka Connect's ConfigDef shape, shared by connectors, transforms, predicates,
 * converters and the worker's validate endpoint: each field has a type, default, importance and
 * documentation; the spec drives validation and typed reads (`Config`). Values may arrive as JSON
 * strings, numbers or booleans, as Connect accepts; `normalizeConfig` turns them into strings.
 * Messages use Connect's wording and name the full key (`transforms.mask.fields`).
 */
export type FieldType = 'STRING' | 'INT' | 'LONG' | 'DOUBLE' | 'BOOLEAN' | 'LIST' | 'PASSWORD' | 'CLASS';

/** One config key. */
export interface FieldSpec {
  name: string;
  type: FieldType;
  doc: string;
  /** Absent: required. `null`: optional without a default. */
  default?: string | null;
  importance?: 'HIGH' | 'MEDIUM' | 'LOW';
  /** Group shown by the validate endpoint ('Common' when absent). */
  group?: string;
  /** Allowed values, compared case-insensitively. */
  oneOf?: readonly string[];
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** Extra check with the whole (prefix-stripped) config at hand; returns an error message or undefined. */
  check?: (value: string | null, config: Readonly<Record<string, string>>) => string | undefined;
  /** Other names accepted for this key (`table.whitelist` for `table.include.list`). */
  aliases?: readonly string[];
}

/** One problem with one key, the key in full (`transforms.mask.fields`). */
export interface FieldError {
  field: string;
  message: string;
}

/** A ConfigError that also says which key each problem is about (for the validate endpoint). */
export class ConfigFieldsError extends ConfigError {
  readonly fieldErrors: FieldError[];

  constructor(what: string, fieldErrors: FieldError[]) {
    const problems = fieldErrors.map((e) => e.message);
    super(`${what} is invalid and contains the following ${problems.length} error(s):\n${problems.join('\n')}`, { problems });
    this.fieldErrors = fieldErrors;
  }
}

/** A config as received: JSON values of any type. */
export type RawConfig = Readonly<Record<string, unknown>>;

/** Connect accepts JSON numbers and booleans as config values; everything becomes a string. */
export function normalizeConfig(raw: RawConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    out[key] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

/** The keys under `prefix` with the prefix removed (`transforms.a.field` -> `field`). */
export function withPrefixStripped(config: Readonly<Record<string, string>>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  return out;
}

/** A comma-separated list, items trimmed, empty items dropped. */
export function splitList(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function rawValue(field: FieldSpec, config: Readonly<Record<string, string>>): string | undefined {
  if (config[field.name] !== undefined) return config[field.name];
  for (const alias of field.aliases ?? []) if (config[alias] !== undefined) return config[alias];
  return undefined;
}

/** The value a field has in `config`, its default when absent; undefined when required and absent. */
export function fieldValue(field: FieldSpec, config: Readonly<Record<string, string>>): string | null | undefined {
  const value = rawValue(field, config);
  return value !== undefined ? value : field.default;
}

/** Every message about one field, [] when valid; `prefix` goes in front of the key in messages. */
export function validateField(field: FieldSpec, config: Readonly<Record<string, string>>, prefix = ''): string[] {
  const full = prefix + field.name;
  const value = fieldValue(field, config);
  if (value === undefined) return [`Missing required configuration "${full}" which has no default value.`];
  if (value === null) {
    const problem = field.check?.(null, config);
    return problem ? [`Invalid value null for configuration ${full}: ${problem}`] : [];
  }
  const invalid = (why: string) => [`Invalid value ${field.type === 'PASSWORD' ? '[hidden]' : value} for configuration ${full}: ${why}`];
  const trimmed = value.trim();
  if ((field.type === 'INT' || field.type === 'LONG') && !/^[-+]?\d+$/.test(trimmed)) return invalid(`Not a number of type ${field.type}`);
  if (field.type === 'DOUBLE' && (trimmed === '' || !Number.isFinite(Number(trimmed)))) return invalid('Not a number of type DOUBLE');
  if (field.type === 'BOOLEAN' && !/^(true|false)$/i.test(trimmed)) return invalid('Expected value to be either true or false');
  if (field.min !== undefined && Number(trimmed) < field.min) return invalid(`Value must be at least ${field.min}`);
  if (field.max !== undefined && Number(trimmed) > field.max) return invalid(`Value must be no more than ${field.max}`);
  if (field.oneOf && !field.oneOf.some((allowed) => allowed.toLowerCase() === trimmed.toLowerCase())) return invalid(`String must be one of: ${field.oneOf.join(', ')}`);
  const problem = field.check?.(value, config);
  return problem ? invalid(problem) : [];
}

/** Options of `validateConfig`. */
export interface ValidateOptions {
  /** Put in front of key names in messages (`transforms.mask.`). */
  prefix?: string;
  /** Keys the spec does not know are fine (converters get every `key.converter.*` key). */
  allowUnknown?: boolean;
  /** Known keys handled elsewhere (`type`, `predicate`). */
  extraKeys?: readonly string[];
  /** Named in unknown-key messages (`of org.apache.kafka.connect.transforms.Cast$Value`). */
  owner?: string;
}

/**
 * Every problem of `config` against `spec`: missing required keys, bad values, and (unless
 * `allowUnknown`) keys the spec does not know, with a "did you mean".
 */
export function validateConfig(spec: readonly FieldSpec[], config: Readonly<Record<string, string>>, options: ValidateOptions = {}): FieldError[] {
  const prefix = options.prefix ?? '';
  const errors = spec.flatMap((field) => validateField(field, config, prefix).map((message) => ({ field: prefix + field.name, message })));
  if (options.allowUnknown) return errors;
  const known = new Set([...spec.flatMap((f) => [f.name, ...(f.aliases ?? [])]), ...(options.extraKeys ?? [])]);
  for (const key of Object.keys(config)) {
    if (known.has(key)) continue;
    const suggestion = closestMatch(key, [...known]);
    const owner = options.owner ? ` of ${options.owner}` : '';
    errors.push({
      field: prefix + key,
      message: `Unknown configuration "${prefix + key}"${owner}${suggestion ? `; did you mean "${prefix + suggestion}"?` : `; known keys: ${[...known].map((k) => prefix + k).join(', ')}`}`,
    });
  }
  return errors;
}

/** Typed reads of a config already checked against its spec. */
export class Config {
  private readonly fields: Map<string, FieldSpec>;

  constructor(
    readonly spec: readonly FieldSpec[],
    readonly originals: Readonly<Record<string, string>>,
  ) {
    this.fields = new Map(spec.map((field) => [field.name, field]));
  }

  private field(name: string): FieldSpec {
    const field = this.fields.get(name);
    if (!field) throw new Error(`no config field ${name} in the spec`);
    return field;
  }

  /** True when the key (or an alias) is set explicitly. */
  has(name: string): boolean {
    return rawValue(this.field(name), this.originals) !== undefined;
  }

  /** The value, its default, or null. */
  string(name: string): string | null {
    return fieldValue(this.field(name), this.originals) ?? null;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === null) throw new Error(`config ${name} has no value`);
    return value;
  }

  /** Lower-cased enum value. */
  choice(name: string): string {
    return this.requiredString(name).trim().toLowerCase();
  }

  int(name: string): number {
    return Number(this.requiredString(name).trim());
  }

  bool(name: string): boolean {
    return this.requiredString(name).trim().toLowerCase() === 'true';
  }

  list(name: string): string[] {
    return splitList(this.string(name));
  }
}
