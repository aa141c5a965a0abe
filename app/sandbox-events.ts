import type { ConnectorMetrics } from '../runtime/worker/connect-worker.js';
import type { JobEvent } from '../runtime/streams/kafka-job-runner.js';
import type { StackEvent } from '../stacks/sandbox-options.js';
import type { GenerationStep } from '../generators/run-generation.js';
import type { RunOutcome } from '../generators/runner/run-records.js';

/**
 * Everything a sandbox reports, as data (figures are numbers, never preformatted strings). The CLI
 * renders these as lines, the dashboard as views, scenarios as a report.
 */
export type SandboxEvent =
  /** A service's state while the sandbox starts or runs (`service` is `broker-1`, `postgres`, ...). */
  | ({ kind: 'stack' } & StackEvent)
  | { kind: 'connector-state'; connector: string; state: string; trace?: string }
  | { kind: 'task-state'; connector: string; task: number; state: string; trace?: string }
  | { kind: 'connector-metrics'; metrics: ConnectorMetrics }
  /**
   * A stream job's own event, tagged with its application id: `ready` (sources, sinks, restored
   * entries, table sizes), every 5 s `metrics` (totals, input/output rates, lag per partition, state
   * size, watermark), `stopped` (final totals). Only for jobs running in this process.
   */
  | { kind: 'job'; applicationId: string; job: string; event: JobEvent }
  /** An in-process job ended with an error (its `done` rejects with it). */
  | { kind: 'job-failed'; applicationId: string; job: string; message: string }
  /** A generator run: one step of its plan as data (`dimensions` with rows per table, `topic`, `schema`, `records`, `ledger`, ...). */
  | ({ kind: 'generator-step'; runId: string; generator: string } & GenerationStep)
  /** After every acknowledged batch: records sent and planned (events plus duplicates), ms since the records began. */
  | { kind: 'generator-progress'; runId: string; generator: string; sent: number; planned: number; elapsedMs: number }
  /**
   * How a run ended: `completed`, `interrupted` (stopped; the ledger says `complete: false`) or
   * `failed` (`error`; `ledgerFile` only when records flowed and the ledger was written).
   */
  | {
      kind: 'generator-done';
      runId: string;
      generator: string;
      topic: string;
      outcome: RunOutcome['stopped'];
      records: number;
      planned: number;
      complete: boolean;
      elapsedMs: number;
      ledgerFile?: string;
      error?: string;
    }
  /** `stop()` began (`stopping`) and ended (`stopped`), with what it removed. */
  | { kind: 'stopping'; sandbox: string }
  | { kind: 'stopped'; sandbox: string; containers: number; networks: number; volumes: number; jobs: number };

export type SandboxEventKind = SandboxEvent['kind'];
export type SandboxEventOf<K extends SandboxEventKind> = Extract<SandboxEvent, { kind: K }>;

/**
 * A typed, synchronous event stream. Listeners run in the order they subscribed; a listener that
 * throws is removed from the emit loop's concerns (its error is reported to `onListenerError`, the
 * others still run), so a broken renderer never stops the sandbox.
 */
export class SandboxEventStream {
  private readonly listeners = new Set<(event: SandboxEvent) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  /** Subscribes to every event; returns the unsubscribe function. */
  on(listener: (event: SandboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to events of one kind. */
  onKind<K extends SandboxEventKind>(kind: K, listener: (event: SandboxEventOf<K>) => void): () => void {
    return this.on((event) => {
      if (event.kind === kind) listener(event as SandboxEventOf<K>);
    });
  }

  emit(event: SandboxEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
