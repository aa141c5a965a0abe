import { ConfigError, InterruptedError, StackError } from '../../runtime/core/errors.js';
import { formatElapsed } from '../../runtime/core/duration.js';
import type { GeneratorSpec } from '../../generators/core/event-model.js';
import { loadDefinitionFile } from '../../generators/definition/definition-file.js';
import { parseGenerateOptions, type RawGenerateOptions } from '../../generators/generate-options.js';
import { builtinGenerators } from '../../generators/generator-registry.js';
import type { Ledger } from '../../generators/ledger/ledger.js';
import type { RecordSink, SerializedRecord } from '../../generators/runner/record-sink.js';
import type { RunProgress } from '../../generators/runner/run-records.js';
import { runGeneration, type GenerationTargets } from '../../generators/run-generation.js';
import { readSandboxState } from '../../stacks/sandbox-state.js';
import { confluentCompatPath } from '../../stacks/services/schema-registry.js';
import { didYouMean } from '../../runtime/core/did-you-mean.js';

export interface GenerateCliOptions extends RawGenerateOptions {
  name: string;
  bootstrapServer?: string;
  postgresUrl?: string;
  schemaRegistryUrl?: string;
  definition?: string;
  dryRun?: boolean;
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * `kafka-sandbox generate <generator> [options]`: seeded records into Kafka, dimension tables into
 * Postgres, a ledger file. Progress as a bar in a TTY (stderr), plain lines otherwise; the first
 * Ctrl-C stops after the batch in flight and still writes the ledger (exit 130), a second one quits.
 */
export async function generate(generatorName: string | undefined, options: GenerateCliOptions): Promise<void> {
  const spec = await resolveGenerator(generatorName, options.definition);
  const parsed = parseGenerateOptions({ ...options, ...(options.dryRun ? { dimensions: false } : {}) }, { topic: spec.defaultTopic, now: Date.now() });
  const targets = options.dryRun ? {} : await resolveTargets(options);
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping: finishing the batch in flight, then writing the ledger (Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  // With --dry-run stdout carries the records; everything for humans goes to stderr.
  const log = options.dryRun ? (line: string) => void process.stderr.write(`${line}\n`) : (line: string) => console.log(line);
  const progress = progressReporter(parsed.paced, log);
  try {
    const { settings } = parsed;
    log(`generate    ${spec.name}: ${n(settings.count)} events, seed ${settings.seed}, start ${new Date(settings.startTime).toISOString()}, ${parsed.paced ? `paced at ${n(settings.rate)}/s` : 'as fast as acknowledged'}`);
    const result = await runGeneration({
      spec,
      options: parsed,
      targets,
      signal: controller.signal,
      ...(options.dryRun ? { sink: stdoutSink() } : {}),
      onProgress: progress.update,
      onStep: log,
    });
    progress.done();
    for (const line of summary(result.ledger, parsed.ledgerFile)) log(line);
    if (result.error) throw result.error;
    if (result.outcome.stopped === 'interrupted') throw new InterruptedError(`Interrupted after ${n(result.ledger.totals.records)} records; the ledger says so (complete: false)`);
  } finally {
    progress.done();
    process.off('SIGINT', onSigint);
  }
}

async function resolveGenerator(name: string | undefined, definition: string | undefined): Promise<GeneratorSpec> {
  if (definition !== undefined) {
    const spec = await loadDefinitionFile(definition);
    if (name !== undefined && name !== spec.name)
      throw new ConfigError(`--definition ${definition} defines generator "${spec.name}", not "${name}"`, { hint: 'Leave the generator name out when you pass --definition.' });
    return spec;
  }
  const registry = builtinGenerators();
  const names = registry.names();
  if (name === undefined) throw new ConfigError('which generator?', { hint: `Name one of ${names.join(', ')}, or pass --definition FILE.` });
  const spec = registry.get(name);
  if (!spec) throw new ConfigError(`unknown generator "${name}"${didYouMean(name, names)}`, { hint: `Generators: ${names.join(', ')}; or your own with --definition FILE.` });
  return spec;
}

async function resolveTargets(options: GenerateCliOptions): Promise<GenerationTargets> {
  if (options.bootstrapServer) {
    return {
      bootstrapServers: options.bootstrapServer,
      ...(options.postgresUrl ? { postgresUrl: options.postgresUrl } : {}),
      ...(options.schemaRegistryUrl ? { schemaRegistryUrl: options.schemaRegistryUrl } : {}),
    };
  }
  const state = await readSandboxState(options.name);
  if (!state) {
    throw new StackError(`no sandbox named "${options.name}" is running`, {
      hint: 'Start one with `kafka-sandbox up --detach`, or pass --bootstrap-server (and --postgres-url), or --dry-run.',
    });
  }
  const { endpoints } = state;
  const postgresUrl = options.postgresUrl ?? endpoints.postgresUrl;
  const registry = options.schemaRegistryUrl ?? (endpoints.schemaRegistryUrl ? `${endpoints.schemaRegistryUrl}${confluentCompatPath}` : undefined);
  return { bootstrapServers: endpoints.bootstrapServers, ...(postgresUrl ? { postgresUrl } : {}), ...(registry ? { schemaRegistryUrl: registry } : {}) };
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
    `event types ${Object.entries(ledger.eventTypes).map(([type, c]) => `${type} ${n(c.events)}`).join(', ')}`,
    `ledger      ${ledgerFile} (${ledger.checksum.slice(0, 19)}...)`,
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

