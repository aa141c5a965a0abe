import type { PlannedRecord } from '../core/planned-record.js';
import { LedgerBuilder } from '../ledger/ledger-builder.js';
import { jsonValue } from '../serialize/json-value.js';
import { jsonSerializer, type ValueSerializer } from '../serialize/value-serializer.js';
import { systemClock, type Clock } from '../../runtime/core/clock.js';
import type { RecordSink, SerializedRecord } from './record-sink.js';

export interface RunProgress {
  /** Records acknowledged so far. */
  readonly sent: number;
  /** Records the whole run sends. */
  readonly planned: number;
  readonly elapsedMs: number;
}

export interface RunRecordsOptions {
  readonly sink: RecordSink;
  readonly planned: number;
  readonly serializer?: ValueSerializer;
  readonly clock?: Clock;
  /** Send each record no earlier than its processing time (start + dueOffsetMs); else as fast as acknowledged. */
  readonly paced: boolean;
  /** Stops the run: records not yet handed to the sink are not sent; the batch in flight still is. */
  readonly signal?: AbortSignal;
  /** Records per send (default 5000: about 1 MB of clickstream JSON, ~170 KB per partition of six). */
  readonly maxBatchRecords?: number;
  /** In paced mode, how long a record may wait for others to share its batch (default 20 ms). */
  readonly lingerMs?: number;
  readonly onProgress?: (progress: RunProgress) => void;
}

export interface RunOutcome {
  /** Counts exactly the acknowledged records. */
  readonly ledger: LedgerBuilder;
  readonly stopped: 'completed' | 'interrupted' | 'failed';
  readonly error?: unknown;
  readonly elapsedMs: number;
}

/**
 * The runner's loop: takes planned records in order, batches them, serializes and sends one batch
 * while the next is generated, and adds a batch to the ledger once the sink acknowledged it. In
 * paced mode it sleeps on the injected clock until a record's processing time; a record waits at most
 * `lingerMs` for company. Never throws: a failed send ends the run with `stopped: 'failed'`.
 */
export async function runRecords(records: Iterable<PlannedRecord>, options: RunRecordsOptions): Promise<RunOutcome> {
  const { sink, paced, signal, onProgress, planned } = options;
  const serializer = options.serializer ?? jsonSerializer;
  const clock = options.clock ?? systemClock;
  const maxBatch = options.maxBatchRecords ?? 5000;
  const lingerMs = options.lingerMs ?? 20;
  const ledger = new LedgerBuilder();
  const start = clock.now();
  let batch: Array<{ record: PlannedRecord; json: Buffer }> = [];
  let batchOpenedAt = 0;
  let inflight: Promise<void> | undefined;

  const settle = async () => {
    const pending = inflight;
    inflight = undefined;
    await pending;
  };
  const dispatch = async () => {
    const entries = batch;
    batch = [];
    const serialized: SerializedRecord[] = [];
    for (const { record, json } of entries) {
      const value = serializer.format === 'json' ? json : await serializer.serialize(record, json);
      serialized.push({ topic: record.topic, key: record.key, value, headers: record.headers, timestamp: record.timestamp });
    }
    await settle();
    inflight = sink.send(serialized).then(() => {
      for (const { record, json } of entries) ledger.add(record, json);
      onProgress?.({ sent: ledger.size, planned, elapsedMs: clock.now() - start });
    });
    // Handled when settled; this only keeps a rejection during a sleep from counting as unhandled.
    inflight.catch(() => undefined);
  };

  let stopped: RunOutcome['stopped'] = 'completed';
  try {
    for (const record of records) {
      if (signal?.aborted) {
        stopped = 'interrupted';
        break;
      }
      if (paced) {
        const dueAt = start + record.dueOffsetMs;
        if (dueAt > clock.now()) {
          if (batch.length > 0 && dueAt - batchOpenedAt > lingerMs) await dispatch();
          await clock.sleep(dueAt - clock.now(), signal);
          if (signal?.aborted) {
            stopped = 'interrupted';
            break;
          }
        }
      }
      if (batch.length === 0) batchOpenedAt = clock.now();
      batch.push({ record, json: jsonValue(record) });
      if (batch.length >= maxBatch) await dispatch();
    }
    if (batch.length > 0) await dispatch();
    await settle();
  } catch (error) {
    await inflight?.catch(() => undefined);
    return { ledger, stopped: 'failed', error, elapsedMs: clock.now() - start };
  }
  return { ledger, stopped, elapsedMs: clock.now() - start };
}
