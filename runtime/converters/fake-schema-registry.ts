import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An in-process Confluent Schema Registry for unit tests: the endpoints the converters use
 * (register, lookup, latest version, schema by id). Optionally requires Basic auth.
 */
export interface FakeSchemaRegistry {
  url: string;
  /** Registered schemas by id - 1. */
  schemas: { subject: string; schema: string; schemaType: string }[];
  /** Every request as `METHOD path`. */
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeSchemaRegistry(options: { userInfo?: string } = {}): Promise<FakeSchemaRegistry> {
  const schemas: FakeSchemaRegistry['schemas'] = [];
  const requests: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const reply = (status: number, json: unknown) => {
        response.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
        response.end(JSON.stringify(json));
      };
      const url = decodeURIComponent(request.url ?? '');
      requests.push(`${request.method} ${url}`);
      if (options.userInfo && request.headers.authorization !== `Basic ${Buffer.from(options.userInfo).toString('base64')}`) return reply(401, { error_code: 401, message: 'Unauthorized' });
      const register = /^\/subjects\/([^/]+)\/versions$/.exec(url);
      const lookup = /^\/subjects\/([^/]+)$/.exec(url);
      const latest = /^\/subjects\/([^/]+)\/versions\/latest$/.exec(url);
      const byId = /^\/schemas\/ids\/(\d+)$/.exec(url);
      if (request.method === 'POST' && (register || lookup)) {
        const subject = (register ?? lookup)![1]!;
        const { schema, schemaType = 'AVRO' } = JSON.parse(body) as { schema: string; schemaType?: string };
        const index = schemas.findIndex((s) => s.subject === subject && s.schema === schema && s.schemaType === schemaType);
        if (lookup) return index >= 0 ? reply(200, { subject, id: index + 1, version: 1, schema }) : reply(404, { error_code: 40403, message: 'Schema not found' });
        return reply(200, { id: (index >= 0 ? index : schemas.push({ subject, schema, schemaType }) - 1) + 1 });
      }
      if (request.method === 'GET' && latest) {
        const id = schemas.map((s, i) => ({ ...s, id: i + 1 })).filter((s) => s.subject === latest[1]).pop();
        return id ? reply(200, { subject: id.subject, id: id.id, version: 1, schema: id.schema, schemaType: id.schemaType }) : reply(404, { error_code: 40401, message: 'Subject not found' });
      }
      const found = byId ? schemas[Number(byId[1]) - 1] : undefined;
      if (request.method === 'GET' && found) return reply(200, { schema: found.schema, schemaType: found.schemaType });
      reply(404, { error_code: 40403, message: 'Schema not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    schemas,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
