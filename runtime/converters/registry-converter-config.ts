import type { Config, FieldSpec } from '../core/config-spec.js';
import { converterTypeSpec } from './converter-config.js';
import { DataException } from './data-exception.js';
import { SchemaRegistryClient } from './schema-registry-client.js';

const STRATEGY_PKG = 'io.confluent.kafka.serializers.subject';
const STRATEGIES = ['TopicNameStrategy', 'RecordNameStrategy', 'TopicRecordNameStrategy'];

const strategySpec = (name: string): FieldSpec => ({
  name,
  type: 'CLASS',
  default: `${STRATEGY_PKG}.TopicNameStrategy`,
  importance: 'MEDIUM',
  check: (value) => (value === null || STRATEGIES.includes(value.trim().split('.').pop()!) ? undefined : `Unknown subject name strategy; supported: ${STRATEGIES.map((s) => `${STRATEGY_PKG}.${s}`).join(', ')}`),
  doc: 'Determines how to construct the subject name under which the schema is registered with the schema registry.',
});

/** The Confluent serde keys the Avro and JSON Schema converters read (others are accepted and ignored). */
export const registryConverterSpec: FieldSpec[] = [
  { name: 'schema.registry.url', type: 'LIST', importance: 'HIGH', check: (v) => (v === null || v.trim() === '' ? 'Empty list' : undefined), doc: 'Comma-separated list of URLs for Schema Registry instances that can be used to register or look up schemas.' },
  { name: 'auto.register.schemas', type: 'BOOLEAN', default: 'true', importance: 'MEDIUM', doc: 'Specify if the Serializer should attempt to register the Schema with Schema Registry' },
  { name: 'use.latest.version', type: 'BOOLEAN', default: 'false', importance: 'LOW', doc: 'Use the latest version of the schema in the subject instead of the one derived from the data.' },
  strategySpec('key.subject.name.strategy'),
  strategySpec('value.subject.name.strategy'),
  { name: 'basic.auth.credentials.source', type: 'STRING', default: 'URL', oneOf: ['URL', 'USER_INFO', 'SASL_INHERIT'], importance: 'MEDIUM', doc: 'Specify how to pick the credentials for the Basic authentication header.' },
  { name: 'basic.auth.user.info', type: 'PASSWORD', default: null, importance: 'MEDIUM', doc: 'Specify the user info for the Basic authentication in the form of {username}:{password}.' },
  converterTypeSpec,
];

/** What both registry converters need from their config. */
export interface RegistrySettings {
  client: SchemaRegistryClient;
  autoRegister: boolean;
  useLatest: boolean;
  /** The subject for a topic and (for the record strategies) a record's full name. */
  subject(topic: string, recordName: string | undefined): string;
}

export function registrySettings(config: Config, isKey: boolean, client?: SchemaRegistryClient): RegistrySettings {
  const userInfo = config.requiredString('basic.auth.credentials.source').toUpperCase() === 'USER_INFO' ? (config.string('basic.auth.user.info') ?? undefined) : undefined;
  const strategy = config.requiredString(isKey ? 'key.subject.name.strategy' : 'value.subject.name.strategy').trim().split('.').pop()!;
  const suffix = isKey ? 'key' : 'value';
  return {
    client: client ?? new SchemaRegistryClient({ url: config.list('schema.registry.url').join(','), ...(userInfo ? { userInfo } : {}) }),
    autoRegister: config.bool('auto.register.schemas'),
    useLatest: config.bool('use.latest.version'),
    subject(topic, recordName) {
      if (strategy === 'TopicNameStrategy') return `${topic}-${suffix}`;
      if (!recordName) throw new DataException(`${strategy} needs a named record schema; this ${suffix} has none`);
      return strategy === 'RecordNameStrategy' ? recordName : `${topic}-${recordName}`;
    },
  };
}
