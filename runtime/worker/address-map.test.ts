import { describe, expect, it } from 'vitest';
import { addressMapFor, mapAddress, mapUrl } from './address-map.js';

describe('address map', () => {
  const map = addressMapFor({
    bootstrapServers: '127.0.0.1:19092,127.0.0.1:19093',
    internalBootstrapServers: 'broker-1:9092,broker-2:9092',
    postgresUrl: 'postgres://u:p@127.0.0.1:15432/db',
    elasticsearchUrl: 'http://127.0.0.1:19200',
    schemaRegistryUrl: 'http://127.0.0.1:18081',
  });

  it('maps tutorial hostnames to published ports and leaves others alone', () => {
    expect(mapAddress(map, 'postgres:5432')).toBe('127.0.0.1:15432');
    expect(mapAddress(map, 'elasticsearch:9200')).toBe('127.0.0.1:19200');
    expect(mapAddress(map, 'broker-2:9092')).toBe('127.0.0.1:19093');
    expect(mapAddress(map, 'kafka:9092')).toBe('127.0.0.1:19092');
    expect(mapAddress(map, 'schema-registry:8081')).toBe('127.0.0.1:18081');
    expect(mapAddress(map, 'example.com:5432')).toBe('example.com:5432');
  });

  it('rewrites the authority of URLs', () => {
    expect(mapUrl((a) => mapAddress(map, a), 'http://elasticsearch:9200/idx/_doc')).toBe('http://127.0.0.1:19200/idx/_doc');
  });
});
