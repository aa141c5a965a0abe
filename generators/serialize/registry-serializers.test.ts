import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonValue } from './json-value.js';
import { testRun } from '../testing/test-run.js';
import { avroSerializer } from './avro-serializer.js';
import { jsonSchemaFromAvro } from './json-schema.js';
import { jsonSchemaSerializer } from './json-schema-serializer.js';

/** The two endpoints of the Confluent Schema Registry API the serializer and decoder use. */
function fakeRegistry(): Server {
  const schemas: Array<{ schema: string; schemaType: string }> = [];
  return createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const reply = (status: number, json: unknown) => {
        response.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
        response.end(JSON.stringify(json));
      };
      if (request.method === 'POST' && /^\/subjects\/[^/]+\/versions$/.test(request.url ?? '')) {
        const { schema, schemaType = 'AVRO' } = JSON.parse(body) as { schema: string; schemaType?: string };
        const existing = schemas.findIndex((s) => s.schema === schema && s.schemaType === schemaType);
        return reply(200, { id: (existing >= 0 ? existing : schemas.push({ schema, schemaType }) - 1) + 1 });
      }
      const byId = /^\/schemas\/ids\/(\d+)$/.exec(request.url ?? '');
      const found = byId ? schemas[Number(byId[1]) - 1] : undefined;
      if (request.method === 'GET' && found) return reply(200, found);
      reply(404, { error_code: 40403, message: 'not found' });
    });
  });
}

describe('schema registry serializers', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = fakeRegistry();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(['clickstream', 'user-events', 'order-events'])('%s: Confluent wire format that decodes back to the JSON value; malformed records do not decode', async (name) => {
    const run = testRun(name, { count: 300, disorder: { lateRate: 0, duplicateRate: 0, malformedRate: 0.05, orphanRate: 0 } });
    const serializer = await avroSerializer(url, 'topic', run.model.avroSchema!);
    expect(await avroSerializer(url, 'topic', run.model.avroSchema!)).toMatchObject({ schemaId: serializer.schemaId });
    const registry = new SchemaRegistry({ host: url });
    for (const record of run.list) {
      const bytes = await serializer.serialize(record, jsonValue(record));
      if (record.kind === 'malformed') {
        await expect(registry.decode(bytes)).rejects.toThrow();
        continue;
      }
      expect(bytes[0]).toBe(0);
      expect(bytes.readInt32BE(1)).toBe(serializer.schemaId);
      const decoded = JSON.parse(JSON.stringify(await registry.decode(bytes))) as Record<string, unknown>;
      if (name === 'user-events') {
        // Avro's data record has every optional field; JSON has only those of the event type.
        decoded.data = Object.fromEntries(Object.entries(decoded.data as object).filter(([, v]) => v !== null));
      }
      expect(decoded).toEqual(record.value);
    }
  });

  it.each(['clickstream', 'user-events', 'order-events'])('%s: JSON Schema wire format; the registry decoder accepts events and rejects malformed records', async (name) => {
    const run = testRun(name, { count: 300, disorder: { lateRate: 0, duplicateRate: 0, malformedRate: 0.2, orphanRate: 0 } });
    const schema = run.model.avroSchema!;
    const serializer = await jsonSchemaSerializer(url, `${name}-js`, schema, jsonSchemaFromAvro(schema));
    const registry = new SchemaRegistry({ host: url });
    for (const record of run.list) {
      const bytes = await serializer.serialize(record, jsonValue(record));
      expect(bytes.readInt32BE(1)).toBe(serializer.schemaId);
      if (record.kind === 'malformed') await expect(registry.decode(bytes)).rejects.toThrow();
      else expect(await registry.decode(bytes)).toEqual(record.value);
    }
  });

  it('reports an unreachable registry as a StackError', async () => {
    await expect(avroSerializer('http://127.0.0.1:9', 'topic', testRun('clickstream', { count: 1 }).model.avroSchema!)).rejects.toThrow(/Cannot register the Avro schema/);
  });
});
