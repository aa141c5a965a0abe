import { randomUUID } from 'node:crypto';
import type { Clock } from '../../runtime/core/clock.js';
import type { GenerateOptions } from '../../generators/generate-options.js';
import type { RecordSink } from '../../generators/runner/record-sink.js';
import { runGeneration, type GenerationResult, type GenerationTargets } from '../../generators/run-generation.js';
import type { SandboxEventStream } from '../sandbox-events.js';
import type { PreparedGeneration } from './prepare-generation.js';

/** How far a run is: records acknowledged, records planned (events plus duplicates), time since the records began. */
export interface GeneratorProgress {
  sent: number;
  planned: number;
  elapsedMs: number;
}

/** One generator run, started by `sandbox.generate.start(...)`. */
export interface GeneratorRun {
  /** Tags this run's `generator-*` events. */
  readonly id: string;
  readonly generator: string;
  readonly topic: string;
  /** The validated options: seed, start time, counts, format, ledger file. */
  readonly options: GenerateOptions;
  progress(): GeneratorProgress;
  /**
   * Resolves with the ledger and the outcome once the run ended. A failure after records flowed
   * still resolves (the ledger is written; `result.error` says what failed); one before the first
   * record rejects (no ledger). Either way a `generator-done` event says how it ended.
   */
  readonly done: Promise<GenerationResult>;
  /** Stops the run: the batch in flight is finished and the ledger still written (`complete: false`). Never throws. */
  stop(): Promise<GenerationResult | undefined>;
}

/** Where a run writes and reports. */
export interface GeneratorRunTarget {
  targets: GenerationTargets;
  events: SandboxEventStream;
  /** Replaces Kafka (dry runs, tests). */
  sink?: RecordSink;
  clock?: Clock;
}

/**
 * Starts a prepared run; its work begins on the next turn of the event loop, so a caller that
 * subscribes after `start` returns still sees every event of it.
 */
export function startGeneratorRun(prepared: PreparedGeneration, target: GeneratorRunTarget): GeneratorRun {
  const { spec, options } = prepared;
  const id = `${spec.name}-${randomUUID().slice(0, 8)}`;
  const generator = spec.name;
  const topic = options.settings.topic;
  const { events } = target;
  const controller = new AbortController();
  let current: GeneratorProgress = { sent: 0, planned: options.settings.count, elapsedMs: 0 };
  let recordsStartedAt: number | undefined;
  let finished = false;

  const done = (async (): Promise<GenerationResult> => {
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const result = await runGeneration({
        spec,
        options,
        targets: target.targets,
        signal: controller.signal,
        ...(target.sink ? { sink: target.sink } : {}),
        ...(target.clock ? { clock: target.clock } : {}),
        onStep: (step) => {
          if (step.step === 'records') {
            recordsStartedAt = Date.now();
            current = { ...current, planned: step.planned };
          }
          events.emit({ kind: 'generator-step', runId: id, generator, ...step });
        },
        onProgress: (progress) => {
          current = { ...progress };
          events.emit({ kind: 'generator-progress', runId: id, generator, ...progress });
        },
      });
      finished = true;
      current = { sent: result.ledger.totals.records, planned: result.ledger.planned.records, elapsedMs: result.outcome.elapsedMs };
      events.emit({
        kind: 'generator-done',
        runId: id,
        generator,
        topic,
        outcome: result.outcome.stopped,
        records: result.ledger.totals.records,
        planned: result.ledger.planned.records,
        complete: result.ledger.complete,
        elapsedMs: result.outcome.elapsedMs,
        ledgerFile: options.ledgerFile,
        ...(result.error ? { error: result.error.message } : {}),
      });
      return result;
    } catch (error) {
      finished = true;
      events.emit({
        kind: 'generator-done',
        runId: id,
        generator,
        topic,
        outcome: 'failed',
        records: current.sent,
        planned: current.planned,
        complete: false,
        elapsedMs: recordsStartedAt === undefined ? 0 : Date.now() - recordsStartedAt,
        error: (error as Error).message ?? String(error),
      });
      throw error;
    }
  })();
  // The caller sees a failure through `done` (and the event); nothing else may count it as unhandled.
  done.catch(() => undefined);

  return {
    id,
    generator,
    topic,
    options,
    progress: () => (finished || recordsStartedAt === undefined ? { ...current } : { ...current, elapsedMs: Date.now() - recordsStartedAt }),
    done,
    stop: async () => {
      controller.abort();
      return done.catch(() => undefined);
    },
  };
}
