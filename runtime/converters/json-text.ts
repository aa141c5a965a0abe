/**
 * JSON text with the precision Connect's Jackson-based converters keep: integers beyond 2^53 parse
 * to `bigint`, and output can carry raw number text (`1.0` for a float64, exact decimals, int64
 * bigints) through `JSON.rawJSON`.
 */
export type Json = null | boolean | number | bigint | string | Json[] | { [field: string]: Json };

/** A value `JSON.stringify` writes verbatim. */
export interface RawJson {
  readonly rawJSON: string;
}

/** What `writeJson` accepts: JSON plus raw number text. */
export type JsonOut = null | boolean | number | string | RawJson | JsonOut[] | { [field: string]: JsonOut };

const jsonWithRaw = JSON as unknown as { rawJSON(text: string): RawJson };

/** Number text written as is (`1.0`, `12345678901234567890`, `123.4500`). */
export function rawNumber(text: string): RawJson {
  return jsonWithRaw.rawJSON(text);
}

export function isRawJson(value: unknown): value is RawJson {
  return typeof value === 'object' && value !== null && 'rawJSON' in value;
}

type ReviverContext = { source?: string };

function bigIntReviver(_key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined && /^-?\d+$/.test(context.source)) return BigInt(context.source);
  return value;
}

/**
 * Parses JSON; integers that do not fit a double exactly become `bigint`. The reviver (slower)
 * runs only when the text has a run of 16+ digits.
 */
export function parseJson(text: string): Json {
  if (!/\d{16}/.test(text)) return JSON.parse(text) as Json;
  return JSON.parse(text, bigIntReviver as (key: string, value: unknown) => unknown) as Json;
}

export function writeJson(value: JsonOut): string {
  return JSON.stringify(value);
}

export function isJsonObject(value: Json | undefined): value is { [field: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The type name Jackson would report, for error messages. */
export function jsonNodeType(value: Json | undefined): string {
  if (value === undefined) return 'MISSING';
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return 'ARRAY';
  if (typeof value === 'object') return 'OBJECT';
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'boolean') return 'BOOLEAN';
  return 'NUMBER';
}
