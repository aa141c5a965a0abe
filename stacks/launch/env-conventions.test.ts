import { describe, expect, it } from 'vitest';
import { apacheKafkaEnvName, confluentEnvName, debeziumConnectEnvName } from './env-conventions.js';

describe('env conventions of the official images', () => {
  it('apache/kafka: . to _, _ to __, - to ___', () => {
    expect(apacheKafkaEnvName('advertised.listeners')).toBe('KAFKA_ADVERTISED_LISTENERS');
    expect(apacheKafkaEnvName('some_key.with-dash')).toBe('KAFKA_SOME__KEY_WITH___DASH');
  });

  it('Confluent: . to _, - to __, _ to ___', () => {
    expect(confluentEnvName('zookeeper.connect')).toBe('KAFKA_ZOOKEEPER_CONNECT');
    expect(confluentEnvName('some_key.with-dash')).toBe('KAFKA_SOME___KEY_WITH__DASH');
  });

  it('Debezium connect: CONNECT_ prefix', () => {
    expect(debeziumConnectEnvName('key.converter')).toBe('CONNECT_KEY_CONVERTER');
  });
});
