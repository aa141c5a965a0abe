import type { SinkPlugin, SinkRecord, SinkTask } from 'kafka-sandbox';

/**
 * A sink connector: POSTs the records to `http.url` as a JSON array of `{ topic, partition,
 * offset, key, value }`, one request per flush. `put` only buffers; `flush` sends, so the worker
 * commits offsets only after the endpoint answered 2xx (a failure fails the task, with its trace).
 */
class HttpSinkTask implements SinkTask {
  private url = '';
  private buffer: SinkRecord[] = [];

  async start(config: Readonly<Record<string, string>>): Promise<void> {
    this.url = config['http.url']!;
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    this.buffer.push(...records);
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    // Taken out first: after a failure the worker hands the same records to `put` again.
    const batch = this.buffer;
    this.buffer = [];
    const body = batch.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.kafkaOffset, key: r.key, value: r.value }));
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`POST ${this.url} answered ${response.status}`);
  }

  async stop(): Promise<void> {
    this.buffer = [];
  }
}

const httpSink: SinkPlugin = {
  type: 'sink',
  className: 'com.example.HttpSink',
  aliases: ['HttpSink'],
  version: '1.0.0',
  spec: [
    {
      name: 'http.url', type: 'STRING', importance: 'HIGH', doc: 'Where batches are POSTed',
      check: (v) => (v && /^https?:\/\//.test(v) ? undefined : 'must be an http:// or https:// URL'),
    },
  ],
  createTask: () => new HttpSinkTask(),
};

export default httpSink;
