import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../connectors/connector-registry.js';
import { fileSinkPlugin } from '../connectors/file-sink.js';
import type { Herder } from './connect-worker.js';
import { RestServer } from './rest-server.js';

/** A herder with no connectors: enough to check routing and error bodies without Kafka. */
const herder = {
  registry: new ConnectorRegistry([fileSinkPlugin]),
  has: () => false,
  names: () => [],
  validate: () => undefined,
} as unknown as Herder;

describe('REST error shapes', () => {
  const server = new RestServer({ herder, version: '0.0.0', clusterId: 'c', log: () => undefined });
  let base = '';
  beforeAll(async () => {
    base = `http://127.0.0.1:${await server.listen(0)}`;
  });
  afterAll(() => server.close());

  const call = async (method: string, path: string, body?: string) => {
    const response = await fetch(`${base}${path}`, { method, ...(body ? { body, headers: { 'content-type': 'application/json' } } : {}) });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
  };

  it('answers Connect\'s {error_code, message} for unknown connectors, routes, methods and bad JSON', async () => {
    expect(await call('GET', '/connectors/x/status')).toEqual({ status: 404, body: { error_code: 404, message: 'Connector x not found' } });
    expect(await call('GET', '/nope')).toEqual({ status: 404, body: { error_code: 404, message: 'HTTP 404 Not Found' } });
    expect(await call('DELETE', '/connectors')).toEqual({ status: 405, body: { error_code: 405, message: 'HTTP 405 Method Not Allowed' } });
    const bad = await call('POST', '/connectors', '{not json');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^Request body is not valid JSON/);
    expect((await call('POST', '/connectors', '{"config":{}}')).body).toEqual({ error_code: 400, message: 'Connector name configuration must be provided' });
  });

  it('lists the available classes for an unknown one', async () => {
    const result = await call('PUT', '/connector-plugins/com.example.Nope/config/validate', '{}');
    expect(result.status).toBe(400);
    expect(result.body.message).toContain('available connectors are: io.kafkasandbox.connect.file.FileSinkConnector, org.apache.kafka.connect.file.FileStreamSinkConnector');
    expect((await call('GET', '/connectors')).body).toEqual([]);
    const implementation = 'kafka-sandbox io.kafkasandbox.connect.file.FileSinkConnector';
    expect((await call('GET', '/connector-plugins')).body).toEqual([
      { class: 'io.kafkasandbox.connect.file.FileSinkConnector', type: 'sink', version: '1.0.0', implementation },
      { class: 'org.apache.kafka.connect.file.FileStreamSinkConnector', type: 'sink', version: '1.0.0', implementation },
    ]);
  });
});
