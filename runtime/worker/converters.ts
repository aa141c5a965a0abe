import type { Converter } from '../converters/converter.js';
import { createConverter, selectConverter, SANDBOX_CONVERTER_DEFAULTS } from '../converters/converter-registry.js';
import { mapUrl } from './address-map.js';

export interface ConverterChoice {
  className: string;
  converter: Converter;
}

/**
 * The key or value converter of a connector (runtime/converters: String, ByteArray, Json, Avro,
 * JSON Schema under Connect's class names), else the worker default, schemaless JSON. One sandbox
 * nicety: with the default key converter, a key that is not JSON is read as a plain string (most
 * producers key by plain strings), where Connect would fail the record.
 */
export function converterFor(config: Readonly<Record<string, string>>, isKey: boolean, mapHostPort: (hostPort: string) => string = (a) => a): ConverterChoice {
  const { className, config: own } = selectConverter(config, SANDBOX_CONVERTER_DEFAULTS, isKey, (url) => mapUrl(mapHostPort, url));
  const converter = createConverter(className, own, isKey);
  const usesDefault = !config[isKey ? 'key.converter' : 'value.converter']?.trim();
  if (!isKey || !usesDefault) return { className, converter };
  return {
    className,
    converter: {
      async toConnectData(topic, bytes, headers) {
        try {
          return await converter.toConnectData(topic, bytes, headers);
        } catch {
          return { value: bytes === null ? null : bytes.toString('utf8') };
        }
      },
      fromConnectData: (topic, value, schema) => converter.fromConnectData(topic, value, schema),
    },
  };
}
