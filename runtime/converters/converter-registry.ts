import { ConfigFieldsError, normalizeConfig, withPrefixStripped, type FieldError, type FieldSpec } from '../core/config-spec.js';
import { AVRO_CONVERTER, avroConverterFactory } from './avro-converter.js';
import { BYTE_ARRAY_CONVERTER, byteArrayConverterFactory } from './byte-array-converter.js';
import type { Converter, ConverterFactory } from './converter.js';
import { JSON_CONVERTER, jsonConverterFactory, jsonConverterSpec } from './json-converter.js';
import { JSON_SCHEMA_CONVERTER, jsonSchemaConverterFactory } from './json-schema-converter.js';
import { registryConverterSpec } from './registry-converter-config.js';
import { numberConverterFactories } from './number-converters.js';
import { STRING_CONVERTER, stringConverterFactory, stringConverterSpec } from './string-converter.js';
import { converterTypeSpec } from './converter-config.js';

/** A converter as registered: Connect's class name, other accepted names, its keys, a constructor. */
export interface ConverterPlugin {
  readonly className: string;
  readonly aliases: readonly string[];
  readonly doc: string;
  /** The keys it reads (it accepts others and ignores them, as Connect's converters do). */
  readonly spec: readonly FieldSpec[];
  readonly create: ConverterFactory;
}

export const converterPlugins: readonly ConverterPlugin[] = [
  { className: JSON_CONVERTER, aliases: ['JsonConverter'], doc: 'JSON, with the {schema, payload} envelope when schemas.enable=true.', spec: jsonConverterSpec, create: jsonConverterFactory },
  { className: STRING_CONVERTER, aliases: ['StringConverter'], doc: 'UTF-8 (converter.encoding) text.', spec: stringConverterSpec, create: stringConverterFactory },
  { className: BYTE_ARRAY_CONVERTER, aliases: ['ByteArrayConverter'], doc: 'Raw bytes, unchanged.', spec: [converterTypeSpec], create: byteArrayConverterFactory },
  { className: AVRO_CONVERTER, aliases: ['AvroConverter'], doc: 'Avro in the Confluent wire format through the Schema Registry.', spec: registryConverterSpec, create: avroConverterFactory },
  { className: JSON_SCHEMA_CONVERTER, aliases: ['JsonSchemaConverter'], doc: 'JSON Schema in the Confluent wire format through the Schema Registry.', spec: registryConverterSpec, create: jsonSchemaConverterFactory },
  ...numberConverterFactories.map(({ className, simpleName, create }) => ({ className, aliases: [simpleName], doc: 'A big-endian fixed-size number (or boolean), as Kafka\'s serializers write it.', spec: [converterTypeSpec], create })),
];

const byName = new Map<string, ConverterPlugin>(converterPlugins.flatMap((plugin) => [plugin.className, ...plugin.aliases].map((name) => [name, plugin] as const)));

export function findConverter(className: string): ConverterPlugin | undefined {
  return byName.get(className.trim());
}

/** Adds a converter (a custom one from a plugin file); callers check its names are free first. */
export function registerConverter(plugin: ConverterPlugin): void {
  for (const name of [plugin.className, ...plugin.aliases]) byName.set(name, plugin);
}

/**
 * A converter by Connect class name (or simple name), configured with its own keys (prefix
 * `key.converter.`/`value.converter.` already stripped). Values may be JSON numbers or booleans.
 * Throws a ConfigFieldsError for an unknown class (listing the available ones) or a bad value.
 */
export function createConverter(className: string, config: Readonly<Record<string, unknown>>, isKey: boolean): Converter {
  const plugin = findConverter(className);
  const key = isKey ? 'key.converter' : 'value.converter';
  if (!plugin) {
    throw new ConfigFieldsError('Converter configuration', [
      { field: key, message: `Invalid value ${className} for configuration ${key}: Class ${className} could not be found. Available converters: ${[...new Set(byName.values())].map((p) => p.className).join(', ')}` },
    ]);
  }
  return plugin.create(normalizeConfig(config), isKey);
}

/** The sandbox worker's defaults: schemaless JSON keys and values, as most compose files set. */
export const SANDBOX_CONVERTER_DEFAULTS: Readonly<Record<string, string>> = {
  'key.converter': JSON_CONVERTER,
  'key.converter.schemas.enable': 'false',
  'value.converter': JSON_CONVERTER,
  'value.converter.schemas.enable': 'false',
};

export interface ConverterSelection {
  className: string;
  /** The converter's own keys, prefix stripped. */
  config: Record<string, string>;
}

/**
 * Which key or value converter a connector gets, Connect style: the connector's `key.converter`
 * when set (with only the connector's `key.converter.*` keys), else the worker's with the
 * worker's keys. Unlike Connect, a connector's `key.converter.*` keys also apply to the worker's
 * converter (Connect ignores them silently). `mapUrl` rewrites `schema.registry.url` entries
 * (in-network names such as `schema-registry:8081` to ones this process reaches).
 */
export function selectConverter(connectorConfig: Readonly<Record<string, unknown>>, workerConfig: Readonly<Record<string, unknown>>, isKey: boolean, mapUrl?: (url: string) => string): ConverterSelection {
  const key = isKey ? 'key.converter' : 'value.converter';
  const connector = normalizeConfig(connectorConfig);
  const worker = normalizeConfig(workerConfig);
  const overrides = connector[key] !== undefined && connector[key]!.trim() !== '';
  const className = overrides ? connector[key]! : (worker[key] ?? SANDBOX_CONVERTER_DEFAULTS[key]!);
  const workerOwn = overrides ? {} : { ...withPrefixStripped(worker[key] === undefined ? SANDBOX_CONVERTER_DEFAULTS : worker, `${key}.`) };
  const config = { ...workerOwn, ...withPrefixStripped(connector, `${key}.`) };
  if (mapUrl && config['schema.registry.url'] !== undefined) {
    config['schema.registry.url'] = config['schema.registry.url'].split(',').map((url) => mapUrl(url.trim())).join(',');
  }
  return { className: className.trim(), config };
}

/** The key and value converters of a connector (see `selectConverter`). */
export function convertersFor(
  connectorConfig: Readonly<Record<string, unknown>>,
  workerConfig: Readonly<Record<string, unknown>> = SANDBOX_CONVERTER_DEFAULTS,
  options: { mapUrl?: (url: string) => string } = {},
): { key: Converter; value: Converter } {
  const errors: FieldError[] = [];
  const build = (isKey: boolean): Converter | undefined => {
    const { className, config } = selectConverter(connectorConfig, workerConfig, isKey, options.mapUrl);
    try {
      return createConverter(className, config, isKey);
    } catch (error) {
      if (error instanceof ConfigFieldsError) errors.push(...error.fieldErrors);
      else throw error;
      return undefined;
    }
  };
  const key = build(true);
  const value = build(false);
  if (errors.length > 0 || !key || !value) throw new ConfigFieldsError('Converter configuration', errors);
  return { key, value };
}

/** Every problem with a connector's converter keys, for Connect's validate endpoint; [] when valid. */
export function validateConverters(connectorConfig: Readonly<Record<string, unknown>>, workerConfig: Readonly<Record<string, unknown>> = SANDBOX_CONVERTER_DEFAULTS): FieldError[] {
  try {
    convertersFor(connectorConfig, workerConfig);
    return [];
  } catch (error) {
    if (error instanceof ConfigFieldsError) return error.fieldErrors;
    throw error;
  }
}
