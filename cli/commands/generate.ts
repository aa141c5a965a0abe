import { attachFromFlags } from '../../app/attach-sandbox.js';
import { startGeneratorRun, type GeneratorRun } from '../../app/generate/generator-run.js';
import { prepareGeneration, type GeneratorSource } from '../../app/generate/prepare-generation.js';
import type { Sandbox } from '../../app/sandbox.js';
import { SandboxEventStream } from '../../app/sandbox-events.js';
import { formatElapsed } from '../../runtime/core/duration.js';
import { ConfigError, InterruptedError } from '../../runtime/core/errors.js';
import type { RawGenerateOptions } from '../../generators/generate-options.js';
import type { Ledger } from '../../generators/ledger/ledger.js';
import type { RecordSink, SerializedRecord } from '../../generators/runner/record-sink.js';
import type { RunProgress } from '../../generators/runner/run-records.js';
import type { GenerationResult, GenerationStep } from '../../generators/run-generation.js';
import { builtinGenerators } from '../../generators/generator-registry.js';

export interface GenerateCliOptions extends RawGenerateOptions {
  name: string;
  bootstrapServer?: string;
  postgresUrl?: string;
  schemaRegistryUrl?: string;
  definition?: string;
  dryRun?: boolean;
  /** A final JSON summary instead of the human lines. */
  json?: boolean;
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * `kafka-sandbox generate <generator> [options]`: a generator run on the sandbox handle (seeded
 * records into Kafka, dimension tables into Postgres, a ledger file). Progress as a bar in a TTY
 * (stderr), plain lines otherwise, or with `--json` one summary at the end; the first Ctrl-C stops
 * after the batch in flight and still writes the ledger (exit 130), a second one quits. Invalid
 * options are refused before any sandbox is looked up; `--dry-run` needs none.
 */
export async function generate(generatorName: string | undefined, options: GenerateCliOptions): Promise<void> {
  const prepared = await prepareGeneration(source(generatorName, options.definition), { ...options, ...(options.dryRun ? { dimensions: false } : {}) });
  // With --dry-run stdout carries the records; everything for humans (and --json's summary) goes to stderr.
  const out = options.dryRun ? (line: string) => void process.stderr.write(`${line}\n`) : (line: string) => console.log(line);
  const log = options.json ? () => undefined : out;

  let sandbox: Sandbox | undefined;
  let run: GeneratorRun;
  const events = options.dryRun ? new SandboxEventStream() : undefined;
  if (options.dryRun) run = startGeneratorRun(prepared, { targets: {}, events: events!, sink: stdoutSink() });
  else {
    sandbox = await attachFromFlags({ name: options.name, bootstrapServer: options.bootstrapServer, postgresUrl: options.postgresUrl, schemaRegistryUrl: options.schemaRegistryUrl });
    run = await sandbox.generate.start(prepared);
  }
  const progress = options.json ? { update: () => undefined, done: () => undefined } : progressReporter(prepared.options.paced, log);
  const unsubscribe = (sandbox?.events ?? events!).on((event) => {
    if (!('runId' in event) || event.runId !== run.id) return;
    if (event.kind === 'generator-step' && event.step !== 'ledger') {
      const line = formatGenerationStep(event);
      if (line !== undefined) log(line);
    }
    if (event.kind === 'generator-progress') progress.update(event);
  });
  let stopping = false;
  const onSigint = () => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write('\nstopping: finishing the batch in flight, then writing the ledger (Ctrl-C again to quit now)\n');
    void run.stop();
  };
  process.on('SIGINT', onSigint);
  try {
    const { settings } = prepared.options;
    log(
      `generate    ${prepared.spec.name}: ${n(settings.count)} events, seed ${settings.seed}, start ${new Date(settings.startTime).toISOString()}, ${prepared.options.paced ? `paced at ${n(settings.rate)}/s` : 'as fast as acknowledged'}`,
    );
    const result = await run.done;
    progress.done();
    if (options.json) out(JSON.stringify(jsonSummary(run, result), null, 2));
    for (const line of summary(result.ledger, prepared.options.ledgerFile)) log(line);
    if (result.error) throw result.error;
    if (result.outcome.stopped === 'interrupted') throw new InterruptedError(`Interrupted after ${n(result.ledger.totals.records)} records; the ledger says so (complete: false)`);
  } finally {
    progress.done();
    process.off('SIGINT', onSigint);
    unsubscribe();
    await sandbox?.detach();
  }
}

function source(name: string | undefined, definition: string | undefined): GeneratorSource {
  if (definition !== undefined) return { definition, ...(name !== undefined ? { name } : {}) };
  if (name === undefined) throw new ConfigError('which generator?', { hint: `Name one of ${builtinGenerators().names().join(', ')}, or pass --definition FILE.` });
  // A bare name is always a generator name on the command line (a definition file goes with --definition).
  if (/\.ya?ml$/i.test(name)) throw new ConfigError(`"${name}" looks like a definition file`, { hint: `Pass it with --definition ${name}.` });
  return name;
}

/** What `generate --json` prints: the ledger's totals, the topic, the ledger file and how to replay the run. */
export function jsonSummary(run: GeneratorRun, result: GenerationResult) {
  const { ledger } = result;
  return {
    generator: ledger.generator,
    topic: run.topic,
    outcome: result.outcome.stopped,
    complete: ledger.complete,
    totals: ledger.totals,
    planned: ledger.planned,
    eventTypes: Object.fromEntries(Object.entries(ledger.eventTypes).map(([type, counts]) => [type, counts.events])),
    ledgerFile: run.options.ledgerFile,
    checksum: ledger.checksum,
    seed: ledger.seed,
    startTime: ledger.startTime,
    elapsedMs: result.outcome.elapsedMs,
    recordsPerSecond: ledger.run?.recordsPerSecond ?? null,
    ...(result.error ? { error: result.error.message } : {}),
  };
}

/** The line `generate` prints for one step of a run (undefined: nothing to say). */
export function formatGenerationStep(step: GenerationStep): string | undefined {
  switch (step.step) {
    case 'dimensions':
      return `dimensions  ${Object.entries(step.tables)
        .map(([table, rows]) => `${step.schema}.${table} ${n(rows)} rows`)
        .join(', ')}`;
    case 'dimensions-skipped':
      return 'dimensions  not written: no Postgres (pass --postgres-url, or --no-dimensions to silence this)';
    case 'dimension-topics':
      return `dimensions  compacted topics ${Object.values(step.topics).join(', ')}`;
    case 'topic':
      return `topic       ${step.topic} (${step.partitions} partitions${step.created ? ', created' : ''}), ${step.compression} compression, acks=all, idempotent`;
    case 'schema':
      return `schema      ${step.subject} registered (${step.format}), id ${step.schemaId}`;
    case 'records':
      return undefined;
    case 'ledger':
      return `ledger      ${step.file} (${step.checksum.slice(0, 19)}...)`;
    case 'ledger-topic':
      return `ledger      published to ${step.topic}`;
  }
}

/** A bar redrawn in place on a TTY; otherwise a plain line at most every 2 s (paced) or 10 % (fast). */
function progressReporter(paced: boolean, log: (line: string) => void) {
  const tty = process.stderr.isTTY === true;
  let lastDraw = 0;
  let lastPercent = -1;
  let drawn = false;
  return {
    update: ({ sent, planned, elapsedMs }: RunProgress) => {
      const percent = Math.floor((sent * 100) / Math.max(1, planned));
      const rate = elapsedMs > 0 ? Math.round((sent * 1000) / elapsedMs) : 0;
      const now = Date.now();
      if (tty) {
        if (now - lastDraw < 100 && sent < planned) return;
        const width = 30;
        const filled = Math.round((width * sent) / Math.max(1, planned));
        process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%  ${n(sent)}/${n(planned)}  ${n(rate)} rec/s `);
        drawn = true;
      } else {
        const due = paced ? now - lastDraw >= 2000 : Math.floor(percent / 10) > Math.floor(lastPercent / 10);
        if (!due && sent < planned) return;
        log(`progress    ${n(sent)}/${n(planned)} records (${percent}%), ${n(rate)} records/s, ${formatElapsed(elapsedMs)}`);
        lastPercent = percent;
      }
      lastDraw = now;
    },
    done: () => {
      if (drawn) process.stderr.write('\n');
      drawn = false;
    },
  };
}

function summary(ledger: Ledger, ledgerFile: string): string[] {
  const t = ledger.totals;
  const elapsed = Number(ledger.run?.elapsedMs ?? 0);
  const extras = [`${n(t.duplicates)} duplicates`, `${n(t.malformed)} malformed`, `${n(t.late)} late`, `${n(t.orphans)} orphans`];
  return [
    `sent        ${n(t.records)} records to ${Object.keys(ledger.topics).join(', ') || String(ledger.settings.topic)}: ${n(t.events)} events, ${extras.join(', ')}`,
    `            in ${formatElapsed(elapsed)} (${n(Number(ledger.run?.recordsPerSecond ?? 0))} records/s)${ledger.complete ? '' : `, stopped early: ${n(t.records)} of ${n(ledger.planned.records)}`}`,
    `event types ${Object.entries(ledger.eventTypes)
      .map(([type, c]) => `${type} ${n(c.events)}`)
      .join(', ')}`,
    formatGenerationStep({ step: 'ledger', file: ledgerFile, checksum: ledger.checksum, complete: ledger.complete })!,
    `replay      --seed ${ledger.seed} --start-time ${ledger.startTime}`,
  ];
}

/** --dry-run: records as JSON lines on stdout (value as text), nothing sent anywhere. */
function stdoutSink(): RecordSink {
  return {
    send: async (batch: readonly SerializedRecord[]) => {
      const lines = batch.map((r) => JSON.stringify({ topic: r.topic, key: r.key, timestamp: new Date(r.timestamp).toISOString(), headers: r.headers, value: r.value.toString() }));
      process.stdout.write(`${lines.join('\n')}\n`);
    },
    close: async () => undefined,
  };
}
