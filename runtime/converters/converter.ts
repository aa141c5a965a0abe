import type { ConnectSchema, ConnectValue, RecordHeader } from '../core/record.js';

/**
 * A Kafka Connect converter: bytes on the topic <-> Connect data (+ optional schema). `isKey`
 * tells key from value converters (subject naming, `key.converter.*` vs `value.converter.*`).
 * Configured with the converter's own keys, prefix stripped (`schemas.enable`,
 * `schema.registry.url`, ...). Errors thrown are ConnectorError with `retriable` false for bad
 * data, so errors.tolerance and the DLQ can handle them.
 */
export interface Converter {
  toConnectData(topic: string, bytes: Buffer | null, headers?: readonly RecordHeader[]): Promise<{ value: ConnectValue; schema?: ConnectSchema }>;
  fromConnectData(topic: string, value: ConnectValue, schema?: ConnectSchema): Promise<Buffer | null>;
}

export type ConverterFactory = (config: Readonly<Record<string, string>>, isKey: boolean) => Converter;
