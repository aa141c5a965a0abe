import { describe, expect, it } from 'vitest';
import type { SinkRecord } from '../core/record.js';
import { bulkBody } from './elasticsearch-sink.js';
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
