import type { ConnectSchema, ConnectValue } from '../core/record.js';
import { describeType } from './connect-schema.js';
import { converterConfig, converterTypeSpec } from './converter-config.js';
import type { Converter, ConverterFactory } from './converter.js';
import { DataException } from './data-exception.js';

export const BYTE_ARRAY_CONVERTER = 'org.apache.kafka.connect.converters.ByteArrayConverter';

const OPTIONAL_BYTES: ConnectSchema = { type: 'bytes', optional: true };

/**
 * Kafka's ByteArrayConverter: the bytes pass through as they are, with an optional bytes schema.
 * Writing anything but bytes (or a schema other than bytes) is a DataException.
 */
export class ByteArrayConverter implements Converter {
  constructor(config: Readonly<Record<string, unknown>> = {}, isKey = false) {
    converterConfig([converterTypeSpec], config, isKey, BYTE_ARRAY_CONVERTER);
  }

  async toConnectData(_topic: string, bytes: Buffer | null): Promise<{ value: ConnectValue; schema?: ConnectSchema }> {
    return { value: bytes, schema: OPTIONAL_BYTES };
  }

  async fromConnectData(_topic: string, value: ConnectValue, schema?: ConnectSchema): Promise<Buffer | null> {
    if (schema && schema.type !== 'bytes') throw new DataException(`Invalid schema type for ByteArrayConverter: ${schema.type.toUpperCase()}`);
    if (value === null || value === undefined) return null;
    if (!(value instanceof Uint8Array)) throw new DataException(`ByteArrayConverter is not compatible with objects of type ${describeType(value)}`);
    return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
}

export const byteArrayConverterFactory: ConverterFactory = (config, isKey) => new ByteArrayConverter(config, isKey);
