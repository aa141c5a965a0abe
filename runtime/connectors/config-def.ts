/**
 * Connector config specs in Kafka Connect's shape (ConfigDef): each field has a type, default,
 * importance and documentation; the spec drives validation (POST /connectors, the validate
 * endpoint) and typed reads. Config values may arrive as JSON strings, numbers or booleans, as
 * Connect accepts; they are normalized to strings first.
 */
export type FieldType = 'STRING' | 'INT' | 'LONG' | 'DOUBLE' | 'BOOLEAN' | 'LIST' | 'PASSWORD' | 'CLASS';

export interface FieldSpec {
  name: string;
  type: FieldType;
  doc: string;
  /** Absent: required. `null`: optional without a default. */
  default?: string | null;
  importance?: 'HIGH' | 'MEDIUM' | 'LOW';
  group?: string;
  /** Allowed values, compared case-insensitively. */
  oneOf?: readonly string[];
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** Extra check with the whole config at hand; returns an error message or undefined. */
  check?: (value: string | null, config: Readonly<Record<string, string>>) => string | undefined;
  /** Other names accepted for this key (e.g. `table.include.list` for `table.whitelist`). */
  aliases?: readonly string[];
}

export type RawConfig = Readonly<Record<string, unknown>>;

/** Connect accepts JSON numbers and booleans as values; everything becomes a string. */
export function normalizeConfig(raw: RawConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    out[key] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

function rawValue(field: FieldSpec, config: Readonly<Record<string, string>>): string | undefined {
  if (config[field.name] !== undefined) return config[field.name];
  for (const alias of field.aliases ?? []) if (config[alias] !== undefined) return config[alias];
  return undefined;
}

/** The value a field has in `config`, its default when absent; undefined when required and absent. */
export function fieldValue(field: FieldSpec, config: Readonly<Record<string, string>>): string | null | undefined {
  const value = rawValue(field, config);
  if (value !== undefined) return value;
  return field.default;
}

/** Every error of one field, [] when valid. */
export function validateField(field: FieldSpec, config: Readonly<Record<string, string>>): string[] {
  const value = fieldValue(field, config);
  if (value === undefined) return [`Missing required configuration "${field.name}" which has no default value.`];
  if (value === null) return [];
  const errors: string[] = [];
  const invalid = (why: string) => errors.push(`Invalid value ${field.type === 'PASSWORD' ? '[hidden]' : value} for configuration ${field.name}: ${why}`);
  switch (field.type) {
    case 'INT':
    case 'LONG':
      if (!/^-?\d+$/.test(value.trim())) invalid(`Not a number of type ${field.type}`);
      break;
    case 'DOUBLE':
      if (value.trim() === '' || !Number.isFinite(Number(value))) invalid('Not a number of type DOUBLE');
      break;
    case 'BOOLEAN':
      if (!/^(true|false)$/i.test(value.trim())) invalid('Expected value to be either true or false');
      break;
    default:
      break;
  }
  if (errors.length === 0 && (field.min !== undefined || field.max !== undefined)) {
    const n = Number(value);
    if (field.min !== undefined && n < field.min) invalid(`Value must be at least ${field.min}`);
    if (field.max !== undefined && n > field.max) invalid(`Value must be no more than ${field.max}`);
  }
  if (errors.length === 0 && field.oneOf && !field.oneOf.some((allowed) => allowed.toLowerCase() === value.trim().toLowerCase())) {
    invalid(`String must be one of: ${field.oneOf.join(', ')}`);
  }
  if (errors.length === 0 && field.check) {
    const problem = field.check(value, config);
    if (problem) invalid(problem);
  }
  return errors;
}

/** Typed reads of a validated config. */
export class ConnectorConfig {
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

  string(name: string): string | null {
    const value = fieldValue(this.field(name), this.originals);
    return value === undefined ? null : value;
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

export function splitList(value: string | null | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

/** Connect's mask for secrets in responses. */
export const HIDDEN = '[hidden]';

/** True for keys whose value is a secret, whatever the connector: passwords, secrets, tokens. */
export function isSecretKey(key: string, spec: readonly FieldSpec[] = []): boolean {
  if (spec.some((field) => field.type === 'PASSWORD' && (field.name === key || field.aliases?.includes(key)))) return true;
  return /password|secret|api\.key|token|credentials/i.test(key);
}

/** A copy with every secret replaced by `[hidden]` and passwords inside URLs masked. */
export function maskConfig(config: Readonly<Record<string, string>>, spec: readonly FieldSpec[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) out[key] = isSecretKey(key, spec) ? HIDDEN : maskSecretsInText(value);
  return out;
}

/** Masks `user:pass@` in URLs and `password=...` query parameters in any text (URLs, logs, traces). */
export function maskSecretsInText(text: string): string {
  return text.replace(/(\/\/[^:/@\s]+:)[^@\s/]*@/g, `$1${HIDDEN}@`).replace(/([?&;]password=)[^&;\s]*/gi, `$1${HIDDEN}`);
}
