import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SinkRecord } from '../core/record.js';
import type { TaskContext } from './connector.js';
import { bulkBody, elasticsearchSinkPlugin } from './elasticsearch-sink.js';
import { pollQuery } from './postgres-source.js';

const record = { topic: 't', partition: 0, kafkaOffset: 1, key: 'k', value: null, timestamp: 0, headers: [] } as SinkRecord;

describe('Elasticsearch _bulk bodies', () => {
  it('writes index, upsert and delete actions as NDJSON', () => {
    expect(
      bulkBody([
        { op: 'index', index: 'orders', id: 'a', doc: { n: 1, at: new Date(0) }, record },
        { op: 'update', index: 'orders', id: 'b', doc: { n: 2 }, record },
        { op: 'delete', index: 'orders', id: 'c', record },
      ]),
    ).toBe(
      [
        '{"index":{"_index":"orders","_id":"a"}}',
        '{"n":1,"at":"1970-01-01T00:00:00.000Z"}',
        '{"update":{"_index":"orders","_id":"b"}}',
        '{"doc":{"n":2},"doc_as_upsert":true}',
        '{"delete":{"_index":"orders","_id":"c"}}',
        '',
      ].join('\n'),
    );
  });
});

describe('Postgres source queries', () => {
  const opts = { inc: 'id', ts: ['updated_at'], limit: 100, offset: { incrementing: 5, timestamp_micros: '1000' }, delayMs: 0 };
  it('selects after the stored offset with quoted columns and bind parameters', () => {
    expect(pollQuery('incrementing', '"orders"', opts)).toEqual({ text: 'SELECT * FROM "orders" WHERE "id" > $1 ORDER BY "id" ASC LIMIT 100', values: [5] });
    const both = pollQuery('timestamp+incrementing', '"orders"', opts);
    expect(both.values).toEqual(['0', '1000', 5]);
    expect(both.text).toContain('(("__ts" = $2 AND "id" > $3) OR "__ts" > $2)'.replaceAll('"__ts"', '(extract(epoch from "updated_at") * 1000000)::bigint'));
    expect(pollQuery('bulk', '"orders"', opts)).toEqual({ text: 'SELECT * FROM "orders"', values: [] });
  });
});

describe('Elasticsearch sink buffering', () => {
  /** Documents per _bulk request received, in order. */
  const bulks: number[] = [];
  let server: Server;
  let hostPort = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const actions = body.split('\n').filter((line) => line.startsWith('{"index"'));
        bulks.push(actions.length);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: false, items: actions.map(() => ({ index: { status: 201 } })) }));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const context = { connectorName: 'es', taskId: 0, fileDirectory: '/tmp', mapAddress: (a: string) => a, offset: () => undefined, log: () => undefined } satisfies TaskContext;
  const records = (n: number) => Array.from({ length: n }, (_, i) => ({ ...record, kafkaOffset: i, key: `k${i}`, value: { i } }) as SinkRecord);

  it('holds at most max.buffered.records before writing, and writes the rest on flush', async () => {
    bulks.length = 0;
    const task = elasticsearchSinkPlugin.createTask();
    await task.start({ 'connection.url': `http://${hostPort}`, 'batch.size': '100', 'max.buffered.records': '3' }, context);
    await task.put(records(7));
    expect(bulks).toEqual([3, 3]);
    await task.flush();
    expect(bulks).toEqual([3, 3, 1]);
    await task.flush();
    expect(bulks).toEqual([3, 3, 1]);
    await task.stop();
  });

  it('writes full batch.size batches while buffering up to max.buffered.records', async () => {
    bulks.length = 0;
    const task = elasticsearchSinkPlugin.createTask();
    await task.start({ 'connection.url': `http://${hostPort}`, 'batch.size': '2' }, context);
    await task.put(records(5));
    await task.flush();
    expect(bulks).toEqual([2, 2, 1]);
    await task.stop();
  });
});

describe('Elasticsearch sink requests in flight', () => {
  /** Document ids of each request, and the most requests open at once. */
  const requests: string[][] = [];
  let open = 0;
  let maxOpen = 0;
  const openIds = new Set<string>();
  let overlapped = false;
  let server: Server;
  let hostPort = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      open++;
      maxOpen = Math.max(maxOpen, open);
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const ids = body.split('\n').filter((line) => line.startsWith('{"index"')).map((line) => (JSON.parse(line) as { index: { _id: string } }).index._id);
        requests.push(ids);
        if (ids.some((id) => openIds.has(id))) overlapped = true;
        for (const id of ids) openIds.add(id);
        setTimeout(() => {
          open--;
          for (const id of ids) openIds.delete(id);
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ errors: false, items: ids.map(() => ({ index: { status: 201 } })) }));
        }, 30);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const context = { connectorName: 'es', taskId: 0, fileDirectory: '/tmp', mapAddress: (a: string) => a, offset: () => undefined, log: () => undefined } satisfies TaskContext;

  it('keeps up to max.in.flight.requests open, never two with the same document id', async () => {
    const task = elasticsearchSinkPlugin.createTask();
    await task.start({ 'connection.url': `http://${hostPort}`, 'batch.size': '2', 'max.in.flight.requests': '3' }, context);
    // keys a..f, then a again: the request holding the second "a" waits for the first one.
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'a', 'g'];
    await task.put(keys.map((key, i) => ({ ...record, kafkaOffset: i, key, value: { i } }) as SinkRecord));
    await task.flush();
    expect(requests.flat().sort()).toEqual([...keys].sort());
    expect(maxOpen).toBe(3);
    expect(overlapped).toBe(false);
    await task.stop();
  });
});
