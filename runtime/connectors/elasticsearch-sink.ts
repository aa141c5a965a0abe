import { ConnectorError } from '../core/errors.js';
import type { ConnectValue, SinkRecord } from '../core/record.js';
import { Config, splitList, type FieldSpec } from '../core/config-spec.js';
import { maskSecretsInText } from '../core/secret-mask.js';
import type { SinkPlugin, SinkTask, TaskContext } from './connector.js';

export const elasticsearchSinkSpec: readonly FieldSpec[] = [
  { name: 'connection.url', type: 'LIST', doc: 'Elasticsearch URLs, e.g. http://elasticsearch:9200', importance: 'HIGH', group: 'Connector', check: (v) => (splitList(v).every((u) => /^https?:\/\//.test(u)) ? undefined : 'every URL must start with http:// or https://') },
  { name: 'connection.username', type: 'STRING', default: null, doc: 'Basic auth user', importance: 'MEDIUM', group: 'Connector' },
  { name: 'connection.password', type: 'PASSWORD', default: null, doc: 'Basic auth password', importance: 'MEDIUM', group: 'Connector' },
  { name: 'batch.size', type: 'INT', default: '2000', min: 1, doc: 'Records per _bulk request', importance: 'MEDIUM', group: 'Connector' },
  { name: 'max.buffered.records', type: 'INT', default: '20000', min: 1, doc: 'Records a task holds before writing them out (bounds its memory; batch.size, when smaller, writes sooner)', importance: 'LOW', group: 'Connector' },
  { name: 'max.in.flight.requests', type: 'INT', default: '5', min: 1, doc: '_bulk requests a task has in flight at once (a document id is never in two of them)', importance: 'MEDIUM', group: 'Connector' },
  { name: 'flush.timeout.ms', type: 'LONG', default: '180000', min: 1, doc: 'How long one bulk write may take before the task retries', importance: 'LOW', group: 'Connector' },
  { name: 'max.retries', type: 'INT', default: '5', min: 0, doc: 'Retries of a bulk request answered 429 or 5xx', importance: 'LOW', group: 'Connector' },
  { name: 'retry.backoff.ms', type: 'LONG', default: '100', min: 0, doc: 'First backoff between retries (doubles each time)', importance: 'LOW', group: 'Connector' },
  { name: 'key.ignore', type: 'BOOLEAN', default: 'false', doc: 'true: document id is topic+partition+offset; false: the record key', importance: 'HIGH', group: 'Data Conversion' },
  { name: 'schema.ignore', type: 'BOOLEAN', default: 'false', doc: 'Accepted: mappings are left to Elasticsearch dynamic mapping', importance: 'LOW', group: 'Data Conversion' },
  { name: 'behavior.on.null.values', type: 'STRING', default: 'fail', oneOf: ['ignore', 'delete', 'fail'], doc: 'What a tombstone does', importance: 'LOW', group: 'Data Conversion' },
  { name: 'behavior.on.malformed.documents', type: 'STRING', default: 'fail', oneOf: ['ignore', 'warn', 'fail'], doc: 'What a document Elasticsearch rejects does', importance: 'LOW', group: 'Data Conversion' },
  { name: 'write.method', type: 'STRING', default: 'insert', oneOf: ['insert', 'upsert'], doc: 'insert (index) or upsert (update with doc_as_upsert)', importance: 'LOW', group: 'Data Conversion' },
  { name: 'type.name', type: 'STRING', default: null, doc: 'Deprecated: Elasticsearch 8 has no mapping types; ignored', importance: 'LOW', group: 'Data Conversion' },
];

type BulkItem = { op: 'index' | 'update' | 'delete'; index: string; id: string; doc?: ConnectValue; record: SinkRecord };

function documentId(record: SinkRecord, keyIgnore: boolean): string {
  if (keyIgnore) return `${record.topic}+${record.partition}+${record.kafkaOffset}`;
  const key = record.key;
  if (key === null || key === undefined) throw new ConnectorError(`key.ignore=false but the record at ${record.topic}-${record.partition}@${record.kafkaOffset} has no key`, { retriable: false });
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'bigint' || typeof key === 'boolean') return String(key);
  return JSON.stringify(key);
}

/** Dates as ISO-8601 (their toJSON), bytes as base64, bigints as numbers. */
function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Uint8Array) return Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64');
  if (typeof value === 'bigint') return Number(value);
  return value;
}
const docJson = (value: ConnectValue) => JSON.stringify(value ?? null, jsonReplacer);

/** The NDJSON body of a _bulk request; pure. */
export function bulkBody(items: readonly BulkItem[]): string {
  const lines: string[] = [];
  for (const item of items) {
    lines.push(JSON.stringify({ [item.op]: { _index: item.index, _id: item.id } }));
    if (item.op === 'index') lines.push(docJson(item.doc ?? null));
    if (item.op === 'update') lines.push(`{"doc":${docJson(item.doc ?? null)},"doc_as_upsert":true}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Buffers records as _bulk actions: a full buffer (batch.size or max.buffered.records, whichever is
 * smaller) becomes a _bulk request, with up to max.in.flight.requests of them in flight (and no more
 * than max.buffered.records held in all); `flush` writes the rest and waits for all of them. Two
 * requests in flight never share a document id, so writes to one document stay in record order.
 */
class ElasticsearchSinkTask implements SinkTask {
  private buffer: BulkItem[] = [];
  private inFlight = new Map<Promise<void>, { ids: Set<string> }>();
  private failures: unknown[] = [];
  private heldInFlight = 0;
  private urls: string[] = [];
  private next = 0;
  private auth: string | undefined;
  private config!: Config;
  private context!: TaskContext;

  async start(raw: Readonly<Record<string, string>>, context: TaskContext): Promise<void> {
    this.config = new Config(elasticsearchSinkSpec, raw);
    this.context = context;
    this.urls = this.config.list('connection.url').map((url) => {
      const parsed = new URL(url);
      const mapped = context.mapAddress(`${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`);
      return `${parsed.protocol}//${mapped}${parsed.pathname.replace(/\/$/, '')}`;
    });
    const user = this.config.string('connection.username');
    if (user) this.auth = `Basic ${Buffer.from(`${user}:${this.config.string('connection.password') ?? ''}`).toString('base64')}`;
    if (this.config.string('type.name')) context.log('warn', 'type.name is deprecated and ignored: Elasticsearch 8 has no mapping types');
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    const keyIgnore = this.config.bool('key.ignore');
    const onNull = this.config.choice('behavior.on.null.values');
    const upsert = this.config.choice('write.method') === 'upsert';
    const maxHeld = this.config.int('max.buffered.records');
    const limit = Math.min(this.config.int('batch.size'), maxHeld);
    try {
      for (const record of records) {
        // Backpressure: buffered plus in-flight records stay within max.buffered.records.
        while (this.inFlight.size > 0 && this.buffer.length + this.heldInFlight >= maxHeld) await Promise.race(this.inFlight.keys());
        const index = record.topic.toLowerCase();
        if (record.value === null || record.value === undefined) {
          if (onNull === 'ignore') continue;
          if (onNull === 'fail') throw new ConnectorError(`a null value at ${record.topic}-${record.partition}@${record.kafkaOffset} and behavior.on.null.values=fail`, { retriable: false });
          this.buffer.push({ op: 'delete', index, id: documentId(record, false), record });
        } else {
          this.buffer.push({ op: upsert ? 'update' : 'index', index, id: documentId(record, keyIgnore), doc: record.value, record });
        }
        if (this.buffer.length >= limit) await this.writeBuffer();
      }
    } catch (error) {
      // The worker puts the same records again (or one by one): start from an empty buffer, with
      // nothing of this attempt still in flight.
      this.buffer = [];
      await this.settle().catch(() => undefined);
      throw error;
    }
  }

  /** Starts _bulk requests for the buffer, waiting while the in-flight limits or a shared id say so. */
  private async writeBuffer(): Promise<void> {
    const items = this.buffer;
    this.buffer = [];
    const batchSize = this.config.int('batch.size');
    const maxInFlight = this.config.int('max.in.flight.requests');
    const maxHeld = this.config.int('max.buffered.records');
    for (let i = 0; i < items.length; i += batchSize) {
      const chunk = items.slice(i, i + batchSize);
      const ids = new Set(chunk.map((item) => `${item.index}\u0000${item.id}`));
      const blocked = () =>
        this.inFlight.size >= maxInFlight ||
        (this.inFlight.size > 0 && this.heldInFlight + chunk.length > maxHeld) ||
        [...this.inFlight.values()].some((request) => [...request.ids].some((id) => ids.has(id)));
      while (blocked()) await Promise.race(this.inFlight.keys());
      this.throwFailure();
      const done = () => {
        this.inFlight.delete(request);
        this.heldInFlight -= chunk.length;
      };
      const request: Promise<void> = this.bulk(chunk).then(done, (error: unknown) => {
        this.failures.push(error);
        done();
      });
      this.inFlight.set(request, { ids });
      this.heldInFlight += chunk.length;
    }
  }

  /** Rethrows the first failure of a request that already finished. */
  private throwFailure(): void {
    const [failure] = this.failures;
    this.failures = [];
    if (failure !== undefined) throw failure;
  }

  /** Waits for every request in flight; throws the first failure among them. */
  private async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.keys());
    this.throwFailure();
  }

  private async bulk(items: BulkItem[]): Promise<void> {
    const maxRetries = this.config.int('max.retries');
    let backoff = this.config.int('retry.backoff.ms');
    let pending = items;
    for (let attempt = 0; ; attempt++) {
      const url = this.urls[this.next++ % this.urls.length]!;
      let retry: BulkItem[] = [];
      let lastProblem = '';
      try {
        // Only what the item loop reads: a far smaller response for Elasticsearch to write and us to read.
        const response = await fetch(`${url}/_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', ...(this.auth ? { authorization: this.auth } : {}) },
          body: bulkBody(pending),
          signal: AbortSignal.timeout(this.config.int('flush.timeout.ms')),
        });
        const text = await response.text();
        if (response.status === 429 || response.status >= 500) {
          retry = pending;
          lastProblem = `Elasticsearch answered ${response.status}: ${text.slice(0, 200)}`;
        } else if (!response.ok) {
          throw new ConnectorError(`Elasticsearch refused the bulk request (${response.status}): ${text.slice(0, 500)}`, { retriable: false });
        } else if (!/^\{\s*"errors"\s*:\s*false\b/.test(text.slice(0, 40))) {
          // Only a response with errors needs reading item by item (ES writes "errors" first).
          const body = JSON.parse(text) as { errors: boolean; items: Record<string, { status: number; error?: { type: string; reason: string } }>[] };
          if (body.errors) {
            const failures: string[] = [];
            body.items.forEach((entry, i) => {
              const result = Object.values(entry)[0];
              const item = pending[i]!;
              if (!result || result.status < 300 || (item.op === 'delete' && result.status === 404)) return;
              if (result.status === 429 || result.status >= 500) retry.push(item);
              else if (this.config.choice('behavior.on.malformed.documents') === 'fail') failures.push(`${item.record.topic}-${item.record.partition}@${item.record.kafkaOffset}: ${result.error?.type}: ${result.error?.reason}`);
              else this.context.log('warn', `Elasticsearch rejected ${item.index}/${item.id}: ${result.error?.reason}`);
            });
            if (failures.length > 0) throw new ConnectorError(`Elasticsearch rejected ${failures.length} document(s): ${failures.slice(0, 3).join('; ')}`, { retriable: false });
            lastProblem = `${retry.length} document(s) answered 429/5xx`;
          }
        }
      } catch (error) {
        if (error instanceof ConnectorError) throw error;
        retry = pending;
        lastProblem = maskSecretsInText(error instanceof Error ? error.message : String(error));
      }
      if (retry.length === 0) return;
      if (attempt >= maxRetries) throw new ConnectorError(`Elasticsearch bulk write failed after ${attempt + 1} attempts: ${lastProblem}`, { retriable: true });
      pending = retry;
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, 10_000);
    }
  }

  /** Writes what is buffered and waits for every request: each is acknowledged after Elasticsearch wrote it to its translog. */
  async flush(): Promise<void> {
    try {
      await this.writeBuffer();
      await this.settle();
    } catch (error) {
      this.buffer = [];
      await this.settle().catch(() => undefined);
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.buffer = [];
    await this.settle().catch(() => undefined);
  }
}

export const elasticsearchSinkPlugin: SinkPlugin = {
  type: 'sink',
  className: 'io.kafkasandbox.connect.elasticsearch.ElasticsearchSinkConnector',
  aliases: ['io.confluent.connect.elasticsearch.ElasticsearchSinkConnector', 'ElasticsearchSinkConnector'],
  version: '1.0.0',
  spec: elasticsearchSinkSpec,
  validate(config) {
    if (config.choice('behavior.on.null.values') === 'delete' && config.bool('key.ignore')) {
      return [{ field: 'behavior.on.null.values', message: 'delete needs the record key as document id (key.ignore=false)' }];
    }
    return [];
  },
  createTask: () => new ElasticsearchSinkTask(),
};
