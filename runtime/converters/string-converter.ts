import type { ConnectSchema, ConnectValue } from '../core/record.js';
import type { FieldSpec } from '../core/config-spec.js';
import { converterConfig, converterTypeSpec } from './converter-config.js';
import type { Converter, ConverterFactory } from './converter.js';
import { DataException } from './data-exception.js';

export const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';

const ENCODINGS: Record<string, BufferEncoding> = { 'utf-8': 'utf8', utf8: 'utf8', 'iso-8859-1': 'latin1', latin1: 'latin1', 'us-ascii': 'ascii', ascii: 'ascii', 'utf-16le': 'utf16le', utf16le: 'utf16le' };

function encoding(name: string): BufferEncoding | undefined {
  return ENCODINGS[name.trim().toLowerCase()];
}

const encodingSpec = (name: string): FieldSpec => ({
  name,
  type: 'STRING',
  default: null,
  importance: 'HIGH',
  check: (value) => (value === null || encoding(value) ? undefined : `Unsupported encoding; supported: ${Object.keys(ENCODINGS).join(', ')}`),
  doc: 'The name of the Java character set to use for encoding strings as byte arrays.',
});

export const stringConverterSpec: FieldSpec[] = [
  { ...encodingSpec('converter.encoding'), default: 'UTF8' },
  encodingSpec('serializer.encoding'),
  encodingSpec('deserializer.encoding'),
  converterTypeSpec,
];

const OPTIONAL_STRING: ConnectSchema = { type: 'string', optional: true };

/**
 * Kafka's StringConverter: bytes are text in `converter.encoding` (UTF-8 by default), with an
 * optional string schema. Writing a non-string value writes its text: numbers and booleans as
 * such, bytes decoded, dates ISO-8601, lists and objects as JSON (Java would use `toString()`).
 */
export class StringConverter implements Converter {
  private readonly serializeAs: BufferEncoding;
  private readonly deserializeAs: BufferEncoding;

  constructor(config: Readonly<Record<string, unknown>> = {}, isKey = false) {
    const parsed = converterConfig(stringConverterSpec, config, isKey, STRING_CONVERTER);
    const base = encoding(parsed.requiredString('converter.encoding'))!;
    this.serializeAs = encoding(parsed.string('serializer.encoding') ?? '') ?? base;
    this.deserializeAs = encoding(parsed.string('deserializer.encoding') ?? '') ?? base;
  }

  async toConnectData(_topic: string, bytes: Buffer | null): Promise<{ value: ConnectValue; schema?: ConnectSchema }> {
    return { value: bytes === null ? null : bytes.toString(this.deserializeAs), schema: OPTIONAL_STRING };
  }

  async fromConnectData(_topic: string, value: ConnectValue): Promise<Buffer | null> {
    if (value === null || value === undefined) return null;
    return Buffer.from(toText(value), this.serializeAs);
  }
}

function toText(value: ConnectValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch (cause) {
    throw new DataException('StringConverter cannot write this value as text', { cause });
  }
}

export const stringConverterFactory: ConverterFactory = (config, isKey) => new StringConverter(config, isKey);
