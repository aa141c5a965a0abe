/** How `produce` encodes a record value; `consume` decodes the same four (and guesses with `auto`). */
export const VALUE_FORMATS = ['string', 'json', 'avro', 'json-schema'] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];
export type DecodeFormat = ValueFormat | 'auto';

/** What a value turned out to be on consume. */
export type DecodedAs = 'null' | 'string' | 'json' | 'avro' | 'json-schema';

/**
 * What avsc types and `@kafkajs/confluent-schema-registry`'s JsonSchema both offer: a validity
 * check that reports each invalid path. (avsc passes the offending value and its type as the
 * 2nd and 3rd arguments, the JSON Schema validator ajv's message as the 2nd.)
 */
export interface SchemaValidator {
  isValid(value: unknown, options?: { errorHook?: (path: string[], detail: unknown, type?: unknown) => void; noUndeclaredFields?: boolean }): boolean;
}

/** The value of an input line in `format`: the text itself for `string`, parsed JSON otherwise; or why it is not valid. */
export function valueFromText(format: ValueFormat, text: string): { value: unknown } | { problem: string } {
  if (format === 'string') return { value: text };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: `not valid JSON${format === 'json' ? '' : ` (a ${format} value is written as JSON)`}: ${(error as Error).message}` };
  }
}

/** Why `value` cannot be written in `format` (with `validator` for avro and json-schema), or undefined. */
export function valueProblem(format: ValueFormat, value: unknown, validator?: SchemaValidator): string | undefined {
  if (value === null) return undefined; // a tombstone is valid in every format
  if (format === 'string') return typeof value === 'string' || Buffer.isBuffer(value) ? undefined : `a string value is expected, got ${typeof value}`;
  if (format === 'json') {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return `a JSON value is expected, got ${typeof value}`;
    return undefined;
  }
  if (!validator) throw new Error(`valueProblem: format ${format} needs a schema validator`);
  const problems: string[] = [];
  const valid =
    format === 'avro'
      ? validator.isValid(value, { noUndeclaredFields: true, errorHook: (path, detail, type) => problems.push(avroProblem(path, detail, type)) })
      : validator.isValid(value, { errorHook: (path, detail) => problems.push(`${path.join('') || '/'}: ${String(detail)}`) });
  if (valid) return undefined;
  const unique = [...new Set(problems)];
  return `does not match the ${format === 'avro' ? 'Avro' : 'JSON'} schema: ${unique.length > 0 ? unique.slice(0, 5).join('; ') : 'invalid'}${unique.length > 5 ? `; and ${unique.length - 5} more` : ''}`;
}

function avroProblem(path: string[], detail: unknown, type: unknown): string {
  const where = path.length > 0 ? path.join('.') : '(the value)';
  const t = type as { typeName?: string; name?: string; branchName?: string; fields?: { name: string }[] } | undefined;
  const typeName = t?.name ?? t?.branchName ?? t?.typeName ?? 'value';
  if (detail === undefined) return `${where}: missing (a ${typeName} is required)`;
  if (t?.typeName === 'record' && detail !== null && typeof detail === 'object') {
    const declared = new Set((t.fields ?? []).map((f) => f.name));
    const extra = Object.keys(detail).filter((k) => !declared.has(k));
    if (extra.length > 0) return `${where === '(the value)' ? '' : `${where}: `}field${extra.length === 1 ? '' : 's'} ${extra.join(', ')} not in record ${typeName}`;
  }
  return `${where}: ${JSON.stringify(detail) ?? String(detail)} is not a valid ${typeName}`;
}

/** Confluent wire format (magic byte 0, 4-byte schema id): the schema id, or undefined. */
export function wireSchemaId(bytes: Buffer | null): number | undefined {
  if (!bytes || bytes.length < 5 || bytes[0] !== 0) return undefined;
  return bytes.readInt32BE(1);
}

/** Decodes Confluent wire-format bytes through a registry; `schemaType` tells Avro from JSON Schema. */
export interface RegistryDecoder {
  decode(bytes: Buffer): Promise<unknown>;
  schemaType(id: number): Promise<string>;
}

export interface DecodedValue {
  value: unknown;
  as: DecodedAs;
  schemaId?: number;
  /** Why the value could not be decoded as asked; `value` is then its text. */
  error?: string;
}

/**
 * A consumed key or value. `auto`: Confluent wire format through the registry, else JSON when the
 * text is an object or an array (`looksJson`), else the text. An explicit format that does not
 * fit gives the text with `error`. Never throws for bad data.
 */
export async function decodeValue(bytes: Buffer | null, format: DecodeFormat, registry: RegistryDecoder | undefined, { looksJson = true } = {}): Promise<DecodedValue> {
  if (bytes === null) return { value: null, as: 'null' };
  const text = () => bytes.toString('utf8');
  const id = wireSchemaId(bytes);
  if (format === 'avro' || format === 'json-schema' || (format === 'auto' && id !== undefined && registry)) {
    if (id === undefined) return format === 'auto' ? { value: text(), as: 'string' } : { value: text(), as: 'string', error: `not in the Confluent wire format (no magic byte 0): not ${format}` };
    if (!registry) return { value: text(), as: 'string', schemaId: id, error: `schema id ${id}: no Schema Registry to decode it with` };
    try {
      const type = await registry.schemaType(id);
      const as: DecodedAs = type === 'JSON' ? 'json-schema' : 'avro';
      if (format !== 'auto' && as !== format) return { value: text(), as: 'string', schemaId: id, error: `schema id ${id} is ${type}, not ${format}` };
      return { value: await registry.decode(bytes), as, schemaId: id };
    } catch (error) {
      if (format === 'auto') return { value: text(), as: 'string', schemaId: id, error: `schema id ${id}: ${(error as Error).message}` };
      return { value: text(), as: 'string', schemaId: id, error: `schema id ${id}: ${(error as Error).message}` };
    }
  }
  if (format === 'string') return { value: text(), as: 'string' };
  const body = text();
  if (format === 'json' || (looksJson && /^\s*[[{]/.test(body))) {
    try {
      return { value: JSON.parse(body) as unknown, as: 'json' };
    } catch (error) {
      return format === 'json' ? { value: body, as: 'string', error: `not valid JSON: ${(error as Error).message}` } : { value: body, as: 'string' };
    }
  }
  return { value: body, as: 'string' };
}

/** Kafka headers (kafkajs: Buffer, string or arrays of them, undefined) as text. */
export function headersFromKafka(headers: Readonly<Record<string, unknown>> | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, raw] of Object.entries(headers ?? {})) {
    if (raw === undefined) continue;
    const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
    out[key] = Array.isArray(raw) ? raw.map(text) : text(raw);
  }
  return out;
}
