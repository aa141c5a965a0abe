import { Config, ConfigFieldsError, normalizeConfig, validateConfig, type FieldSpec } from '../core/config-spec.js';

/**
 * A converter's config (JSON numbers and booleans normalised to strings) checked against its spec: unknown keys are allowed (Connect passes every
 * `key.converter.*` key to the converter, and the Schema Registry clients have dozens), bad values
 * throw a ConfigFieldsError naming the full key (`value.converter.schemas.enable`).
 */
export function converterConfig(spec: readonly FieldSpec[], raw: Readonly<Record<string, unknown>>, isKey: boolean, className: string): Config {
  const config = normalizeConfig(raw);
  const errors = validateConfig(spec, config, { prefix: isKey ? 'key.converter.' : 'value.converter.', allowUnknown: true, owner: className });
  if (errors.length > 0) throw new ConfigFieldsError(`${isKey ? 'Key' : 'Value'} converter ${className} configuration`, errors);
  return new Config(spec, config);
}

/** Connect's `converter.type`, set from `isKey` by `configure(configs, isKey)`. */
export const converterTypeSpec: FieldSpec = {
  name: 'converter.type',
  type: 'STRING',
  default: null,
  oneOf: ['key', 'value', 'header'],
  importance: 'LOW',
  doc: 'How this converter will be used (set by the worker).',
};
