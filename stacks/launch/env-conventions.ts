/**
 * Official images take configuration from environment variables, each with its own way of
 * spelling a dotted property name. These turn a property map into those variables.
 */

/** apache/kafka: `.` becomes `_`, `_` becomes `__`, `-` becomes `___`, upper case, prefix KAFKA_. */
export function apacheKafkaEnvName(property: string): string {
  return `KAFKA_${property.replace(/_/g, '__').replace(/-/g, '___').replace(/\./g, '_').toUpperCase()}`;
}

/** Confluent images: `.` becomes `_`, `-` becomes `__`, `_` becomes `___`, upper case, with a prefix. */
export function confluentEnvName(property: string, prefix = 'KAFKA_'): string {
  return `${prefix}${property.replace(/_/g, '___').replace(/-/g, '__').replace(/\./g, '_').toUpperCase()}`;
}

/** Debezium's connect image: CONNECT_ + upper case with `.` as `_` (it lower-cases and maps back). */
export function debeziumConnectEnvName(property: string): string {
  return `CONNECT_${property.replace(/\./g, '_').toUpperCase()}`;
}

export function toEnv(properties: Record<string, string>, name: (property: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [name(key), value]));
}
