import type { Clock } from '../../runtime/core/clock.js';
import type { RawGenerateOptions } from '../../generators/generate-options.js';
import type { RecordSink } from '../../generators/runner/record-sink.js';
import type { GenerationTargets } from '../../generators/run-generation.js';
import type { SandboxContext } from '../sandbox-context.js';
import { startGeneratorRun, type GeneratorRun } from './generator-run.js';
import { generatorListings, isPreparedGeneration, prepareGeneration, type GeneratorListing, type GeneratorSource, type PreparedGeneration } from './prepare-generation.js';

/**
 * The handle's generator runs: seeded records into Kafka, dimension tables into the sandbox's
 * Postgres, a ledger file. Each run reports `generator-step`, `generator-progress` and
 * `generator-done` events on `sandbox.events`; the handle stops runs still going on
 * `stop()`/`detach()` (the batch in flight is finished, the ledger written).
 */
export class SandboxGenerators {
  constructor(private readonly ctx: SandboxContext) {}

  /** The built-in generators (a YAML definition file is the way to your own). */
  list(): GeneratorListing[] {
    return generatorListings();
  }

  /**
   * Starts a run of `generator` (a built-in name, a `.yaml` definition file, `{ definition }`, your
   * own spec, or what `prepareGeneration` returned) with `generate`'s options as text
   * (`{ count: '1000', seed: '42' }`). Resolves once the generator and options are valid
   * (ConfigError otherwise, every problem at once); the run goes on in the background: `done`.
   */
  async start(generator: GeneratorSource | PreparedGeneration, options: RawGenerateOptions = {}, run: { sink?: RecordSink; clock?: Clock } = {}): Promise<GeneratorRun> {
    const prepared = isPreparedGeneration(generator) ? generator : await prepareGeneration(generator, options);
    const started = startGeneratorRun(prepared, { targets: this.targets(), events: this.ctx.events, ...run });
    const untrack = this.ctx.track({ close: async () => void (await started.stop()) });
    void started.done.then(untrack, untrack);
    return started;
  }

  /** Kafka, Postgres and the registry (its Confluent API answers at the root of the URL) of this sandbox. */
  private targets(): GenerationTargets {
    const { endpoints } = this.ctx;
    const schemaRegistryUrl = endpoints.schemaRegistryUrl;
    return {
      bootstrapServers: endpoints.bootstrapServers,
      ...(endpoints.postgresUrl ? { postgresUrl: endpoints.postgresUrl } : {}),
      ...(schemaRegistryUrl ? { schemaRegistryUrl } : {}),
    };
  }
}
