import { request as httpRequest } from 'node:http';
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

describe('REST body limit', () => {
  const limit = 64 * 1024;
  const server = new RestServer({ herder, version: '0.0.0', clusterId: 'c', log: () => undefined, maxBodyBytes: limit });
  let port = 0;
  beforeAll(async () => {
    port = await server.listen(0);
  });
  afterAll(() => server.close());

  /** A POST whose body is sent in `chunks` (chunked transfer encoding: no Content-Length), answered or not. */
  const streamed = (chunks: number, chunkSize: number) =>
    new Promise<{ status: number; body: any; sent: number }>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/connectors', headers: { 'content-type': 'application/json' } });
      let sent = 0;
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text), sent }));
      });
      request.on('error', reject);
      const write = () => {
        while (sent < chunks) {
          sent++;
          if (!request.write(Buffer.alloc(chunkSize, 0x20))) return void request.once('drain', write);
        }
        request.end();
      };
      write();
    });

  it('answers 413 with Connect\'s error body when Content-Length is over the limit, before reading it', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/connectors`, { method: 'POST', body: Buffer.alloc(limit + 1, 0x20), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error_code: 413, message: expect.stringMatching(/^Request body is larger than the limit of 65536 bytes/) });
  });

  it('answers 413 while a body without Content-Length streams past the limit, and closes the connection', async () => {
    // 64 MiB offered in 64 KiB chunks: the answer comes long before it could all be sent.
    const result = await streamed(1024, 64 * 1024);
    expect(result.status).toBe(413);
    expect(result.body.error_code).toBe(413);
  });

  it('still reads a body of exactly the limit', async () => {
    const body = `{${' '.repeat(limit - 1)}`;
    const response = await fetch(`http://127.0.0.1:${port}/connectors`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    // Read to its end and parsed: it is not JSON.
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/^Request body is not valid JSON/);
  });
});
