import { ConfigError } from '../core/errors.js';

/**
 * Config specs of transforms, predicates and converters in Kafka Connect's ConfigDef shape
 * (structurally the same fields as the connectors' `FieldSpec`, so the worker can list and
 * validate them together). Values arrive as strings; JSON numbers and booleans are normalised
 * first with `normalizeConfig`. Messages use Connect's wording, naming the full key.
 */
export type FieldType = 'STRING' | 'INT' | 'LONG' | 'DOUBLE' | 'BOOLEAN' | 'LIST' | 'PASSWORD' | 'CLASS';

export interface FieldSpec {
  name: string;
  type: FieldType;
  doc: string;
  /** Absent: required. `null`: optional without a default. */
  default?: string | null;
  importance?: 'HIGH' | 'MEDIUM' | 'LOW';
  /** Allowed values, compared case-insensitively. */
  oneOf?: readonly string[];
  /** Extra check with the whole (prefix-stripped) config; returns an error message or undefined. */
  check?: (value: string | null, config: Readonly<Record<string, string>>) => string | undefined;
  /** Older names still accepted (ReplaceField's `whitelist` for `include`). */
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

/** Connect accepts JSON numbers and booleans as config values; everything becomes a string. */
export function normalizeConfig(raw: Readonly<Record<string, unknown>>): Record<string, string> {
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

export function splitList(value: string | null | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

function rawValue(field: FieldSpec, config: Readonly<Record<string, string>>): string | undefined {
  if (config[field.name] !== undefined) return config[field.name];
  for (const alias of field.aliases ?? []) if (config[alias] !== undefined) return config[alias];
  return undefined;
}

/**
 * Every problem of `config` against `spec`: missing required keys, bad values, and (unless
 * `allowUnknown`) keys the spec does not know, with a "did you mean". `prefix` is put in front of
 * key names in messages; `extraKeys` are known keys handled elsewhere (`type`, `predicate`).
 */
export function validateConfig(spec: readonly FieldSpec[], config: Readonly<Record<string, string>>, options: { prefix?: string; allowUnknown?: boolean; extraKeys?: readonly string[]; owner?: string } = {}): FieldError[] {
  const prefix = options.prefix ?? '';
  const errors: FieldError[] = [];
  for (const field of spec) {
    const full = prefix + field.name;
    const raw = rawValue(field, config);
    const value = raw !== undefined ? raw : field.default;
    if (value === undefined) {
      errors.push({ field: full, message: `Missing required configuration "${full}" which has no default value.` });
      continue;
    }
    if (value === null) {
      const problem = field.check?.(null, config);
      if (problem) errors.push({ field: full, message: `Invalid value null for configuration ${full}: ${problem}` });
      continue;
    }
    const invalid = (why: string) => errors.push({ field: full, message: `Invalid value ${field.type === 'PASSWORD' ? '[hidden]' : value} for configuration ${full}: ${why}` });
    const trimmed = value.trim();
    if ((field.type === 'INT' || field.type === 'LONG') && !/^[-+]?\d+$/.test(trimmed)) invalid(`Not a number of type ${field.type}`);
    else if (field.type === 'DOUBLE' && (trimmed === '' || !Number.isFinite(Number(trimmed)))) invalid('Not a number of type DOUBLE');
    else if (field.type === 'BOOLEAN' && !/^(true|false)$/i.test(trimmed)) invalid('Expected value to be either true or false');
    else if (field.oneOf && !field.oneOf.some((allowed) => allowed.toLowerCase() === trimmed.toLowerCase())) invalid(`String must be one of: ${field.oneOf.join(', ')}`);
    else {
      const problem = field.check?.(value, config);
      if (problem) invalid(problem);
    }
  }
  if (!options.allowUnknown) {
    const known = new Set([...spec.flatMap((f) => [f.name, ...(f.aliases ?? [])]), ...(options.extraKeys ?? [])]);
    for (const key of Object.keys(config)) {
      if (known.has(key)) continue;
      const suggestion = didYouMean(key, [...known]);
      const owner = options.owner ? ` of ${options.owner}` : '';
      errors.push({
        field: prefix + key,
        message: `Unknown configuration "${prefix + key}"${owner}${suggestion ? `; did you mean "${prefix + suggestion}"?` : `; known keys: ${[...known].map((k) => prefix + k).join(', ')}`}`,
      });
    }
  }
  return errors;
}

/** The closest candidate by edit distance, when close enough to be a typo. */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Typed reads of a config already checked with `validateConfig`. */
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
    const field = this.field(name);
    const raw = rawValue(field, this.originals);
    return raw !== undefined ? raw : (field.default ?? null);
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === null) throw new Error(`config ${name} has no value`);
    return value;
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
