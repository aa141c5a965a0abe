/** A record ready to send: serialized value, string key, string headers, timestamp in ms. */
export interface SerializedRecord {
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: number;
}

/**
 * Where a run's records go. `send` resolves once every record of the batch is acknowledged (for
 * Kafka: by all in-sync replicas) and is never called again before it resolves, so batches land in
 * order. A rejected `send` means none of that batch counts as sent.
 */
export interface RecordSink {
  send(batch: readonly SerializedRecord[]): Promise<void>;
  close(): Promise<void>;
}

/** Keeps every batch in memory; for tests and dry runs. */
export class MemorySink implements RecordSink {
  readonly records: SerializedRecord[] = [];
  readonly batches: number[] = [];
  closed = false;

  async send(batch: readonly SerializedRecord[]): Promise<void> {
    this.batches.push(batch.length);
    this.records.push(...batch);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
