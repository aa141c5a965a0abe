import { ConfigError, SandboxError, StackError } from '../runtime/core/errors.js';
import type { GeneratorSpec } from './core/event-model.js';
import { createRun } from './core/generate-records.js';
import { exactCount } from './core/exact-positions.js';
import type { GenerateOptions } from './generate-options.js';
import { writeLedgerFile } from './ledger/ledger-file.js';
import type { Ledger } from './ledger/ledger.js';
import type { Clock } from '../runtime/core/clock.js';
import { openKafkaSink } from './runner/kafka-sink.js';
import { publishLedger } from './runner/ledger-topic.js';
import { writeDimensionTopics } from './runner/dimension-topics.js';
import { writeDimensionTables } from './runner/postgres-dimensions.js';
import type { RecordSink } from './runner/record-sink.js';
import { runRecords, type RunOutcome, type RunProgress } from './runner/run-records.js';
import { avroSerializer } from './serialize/avro-serializer.js';
import { jsonSchemaFromAvro } from './serialize/json-schema.js';
import { jsonSchemaSerializer } from './serialize/json-schema-serializer.js';
import { jsonSerializer, type ValueSerializer } from './serialize/value-serializer.js';

/** Where a run writes: any Kafka cluster, optionally Postgres and a Confluent-compatible registry. */
export interface GenerationTargets {
  readonly bootstrapServers?: string;
  readonly postgresUrl?: string;
  /** Base URL of the Confluent-compatible API (for Apicurio: `<url>/apis/ccompat/v7`). */
  readonly schemaRegistryUrl?: string;
}

export interface RunGenerationRequest {
  readonly spec: GeneratorSpec;
  readonly options: GenerateOptions;
  readonly targets: GenerationTargets;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  /** Replaces Kafka (tests, dry runs); `targets.bootstrapServers` is then not needed. */
  readonly sink?: RecordSink;
  readonly onProgress?: (progress: RunProgress) => void;
  /** Each step of the plan as it is done, as data (`formatGenerationStep` in the CLI makes a line of one). */
  readonly onStep?: (step: GenerationStep) => void;
}

/** One step of a run, in order: dimension tables, topic, schema, records, ledger. Figures as numbers. */
export type GenerationStep =
  /** Dimension tables upserted into Postgres: rows per table of `schema`. */
  | { readonly step: 'dimensions'; readonly schema: string; readonly tables: Readonly<Record<string, number>> }
  /** The generator has dimension tables but there is no Postgres to write them to. */
  | { readonly step: 'dimensions-skipped'; readonly reason: 'no-postgres' }
  /** Dimension tables also written to compacted topics: topic per table. */
  | { readonly step: 'dimension-topics'; readonly topics: Readonly<Record<string, string>> }
  /** The target topic (created when missing) and how the producer writes to it. */
  | { readonly step: 'topic'; readonly topic: string; readonly partitions: number; readonly created: boolean; readonly compression: string }
  /** The value schema registered (Avro or JSON Schema). */
  | { readonly step: 'schema'; readonly subject: string; readonly format: 'avro' | 'json-schema'; readonly schemaId: number }
  /** Records start to flow: how many events and records (events plus duplicates) the run sends. */
  | { readonly step: 'records'; readonly events: number; readonly planned: number }
  /** The ledger file written (also after a stop or a failure once records flowed). */
  | { readonly step: 'ledger'; readonly file: string; readonly checksum: string; readonly complete: boolean }
  /** The ledger summary published to a compacted topic. */
  | { readonly step: 'ledger-topic'; readonly topic: string };

export interface GenerationResult {
  readonly ledger: Ledger;
  readonly outcome: RunOutcome;
  /** Set when the run failed after records were sent: the ledger is written, then this is thrown. */
  readonly error?: SandboxError;
}

/**
 * One `generate` run, in the order that keeps foreign keys resolvable: dimension tables to Postgres
 * first, then the topic (created if missing), the schema (Avro), the records, and last the ledger
 * (file, and topic if asked). A failure before the first record throws and leaves no ledger; once
 * records flow, the ledger is always written and counts what the brokers acknowledged.
 */
export async function runGeneration(request: RunGenerationRequest): Promise<GenerationResult> {
  const { spec, options, targets, onStep = () => undefined } = request;
  const { settings } = options;
  const run = createRun(spec, settings);
  const { model } = run;
  if (exactCount(settings.count, settings.disorder.orphanRate) > 0 && model.foreignKeys.length === 0)
    throw new ConfigError(`--orphan-rate needs references to other entities, and generator "${spec.name}" has none`);
  if (options.format !== 'json' && !model.avroSchema) throw new ConfigError(`generator "${spec.name}" has no schema for --format ${options.format}; use --format json`);

  const startedAt = new Date();
  let dimensionsWritten: Record<string, number> = {};
  if (options.writeDimensions && model.dimensions.length > 0) {
    if (targets.postgresUrl) {
      dimensionsWritten = await writeDimensionTables(targets.postgresUrl, options.pgSchema, model.dimensions);
      onStep({ step: 'dimensions', schema: options.pgSchema, tables: dimensionsWritten });
    } else onStep({ step: 'dimensions-skipped', reason: 'no-postgres' });
  }
  if (options.dimensionTopicPrefix !== undefined && model.dimensions.length > 0 && !request.sink) {
    if (!targets.bootstrapServers) throw new ConfigError('--dimension-topics needs Kafka', { hint: 'Pass --name of a running sandbox or --bootstrap-server.' });
    const written = await writeDimensionTopics(targets.bootstrapServers, options.dimensionTopicPrefix, model.dimensions, options.compression);
    onStep({ step: 'dimension-topics', topics: written });
  }

  let sink = request.sink;
  if (!sink) {
    if (!targets.bootstrapServers) throw new ConfigError('no Kafka to send to', { hint: 'Pass --name of a running sandbox or --bootstrap-server.' });
    const kafkaSink = await openKafkaSink({
      bootstrapServers: targets.bootstrapServers,
      topic: settings.topic,
      compression: options.compression,
      partitions: options.partitions,
    });
    onStep({ step: 'topic', topic: settings.topic, partitions: kafkaSink.partitions, created: kafkaSink.topicCreated, compression: options.compression });
    sink = kafkaSink;
  }

  let serializer: ValueSerializer = jsonSerializer;
  try {
    if (options.format !== 'json') {
      if (!targets.schemaRegistryUrl) throw new ConfigError(`--format ${options.format} needs a Schema Registry`, { hint: 'Pass --name of a sandbox with its registry, or --schema-registry-url.' });
      const schemaful =
        options.format === 'avro'
          ? await avroSerializer(targets.schemaRegistryUrl, settings.topic, model.avroSchema!)
          : await jsonSchemaSerializer(targets.schemaRegistryUrl, settings.topic, model.avroSchema!, jsonSchemaFromAvro(model.avroSchema!));
      onStep({ step: 'schema', subject: `${settings.topic}-value`, format: options.format, schemaId: schemaful.schemaId });
      serializer = schemaful;
    }
  } catch (error) {
    await sink.close();
    throw error;
  }

  const planned = settings.count + run.plan.duplicates.size;
  onStep({ step: 'records', events: settings.count, planned });
  const outcome = await runRecords(run.records, {
    sink,
    planned,
    serializer,
    paced: options.paced,
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.clock ? { clock: request.clock } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
  });
  await sink.close();

  const finishedAt = new Date();
  const sent = outcome.ledger.size;
  const ledger = outcome.ledger.build({
    generator: spec.name,
    seed: settings.seed,
    startTime: new Date(settings.startTime).toISOString(),
    settings: {
      topic: settings.topic,
      count: settings.count,
      rate: settings.rate,
      ...(settings.burst ? { burst: settings.burst } : {}),
      paced: options.paced,
      lateRate: settings.disorder.lateRate,
      maxLatenessMs: settings.maxLatenessMs,
      duplicateRate: settings.disorder.duplicateRate,
      malformedRate: settings.disorder.malformedRate,
      orphanRate: settings.disorder.orphanRate,
      users: settings.model.users,
      products: settings.model.products,
      format: options.format,
      compression: options.compression,
      pgSchema: options.pgSchema,
    },
    complete: outcome.stopped === 'completed',
    planned: { events: settings.count, records: planned },
    dimensions: Object.fromEntries(model.dimensions.map((t) => [t.name, t.rows.length])),
    run: {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      elapsedMs: outcome.elapsedMs,
      recordsPerSecond: outcome.elapsedMs > 0 ? Math.round((sent * 1000) / outcome.elapsedMs) : null,
      stopped: outcome.stopped,
      dimensionsWritten,
      ...(targets.bootstrapServers ? { bootstrapServers: targets.bootstrapServers } : {}),
      ...(outcome.error ? { error: (outcome.error as Error).message } : {}),
    },
  });
  try {
    await writeLedgerFile(options.ledgerFile, ledger);
    onStep({ step: 'ledger', file: options.ledgerFile, checksum: ledger.checksum, complete: ledger.complete });
  } catch (cause) {
    throw new StackError(`${sent} records were sent, but the ledger could not be written to ${options.ledgerFile}: ${(cause as Error).message}`, {
      cause,
      hint: 'Pass --ledger with a writable path.',
    });
  }
  if (options.ledgerTopic && targets.bootstrapServers && outcome.stopped !== 'failed') {
    await publishLedger(targets.bootstrapServers, options.ledgerTopic, ledger);
    onStep({ step: 'ledger-topic', topic: options.ledgerTopic });
  }

  let error: SandboxError | undefined;
  if (outcome.stopped === 'failed') {
    const cause = outcome.error;
    const message = `${(cause as Error).message} (${sent} of ${planned} records acknowledged; ledger written to ${options.ledgerFile})`;
    error = cause instanceof SandboxError ? new StackError(message, { cause, hint: cause.hint }) : new StackError(message, { cause });
  }
  return { ledger, outcome, ...(error ? { error } : {}) };
}
