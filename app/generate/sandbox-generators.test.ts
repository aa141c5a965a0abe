import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../generators/ledger/ledger.js';
import type { RecordSink, SerializedRecord } from '../../generators/runner/record-sink.js';
import { ConfigError } from '../../runtime/core/errors.js';
import { attachSandbox } from '../attach-sandbox.js';
import type { SandboxEvent } from '../sandbox-events.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-generators-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A sink that keeps what it got; `gate` holds each send until released (to stop a run mid-way). */
function memorySink(options: { slow?: boolean } = {}) {
  const records: SerializedRecord[] = [];
  const sink: RecordSink = {
    send: async (batch) => {
      if (options.slow) await new Promise((resolve) => setTimeout(resolve, 20));
      records.push(...batch);
    },
    close: async () => undefined,
  };
  return { sink, records };
}

/** A handle on endpoints nobody listens at: runs with a sink never touch them. */
async function handle() {
  const sandbox = await attachSandbox({ bootstrapServers: '127.0.0.1:1' });
  const events: SandboxEvent[] = [];
  sandbox.events.on((event) => events.push(event));
  return { sandbox, events };
}

describe('sandbox.generate', () => {
  it('lists the built-in generators', async () => {
    const { sandbox } = await handle();
    expect(sandbox.generate.list().map((g) => g.name)).toEqual(['clickstream', 'user-events', 'order-events']);
  });

  it('runs a generator: steps, progress and done as data, the ledger written, progress() at the end', async () => {
    const { sandbox, events } = await handle();
    const { sink, records } = memorySink();
    const ledgerFile = join(dir, 'ledger.json');
    const run = await sandbox.generate.start('clickstream', { count: '2000', seed: '7', dimensions: false, duplicateRate: '1%', ledger: ledgerFile }, { sink });
    expect(run.id).toMatch(/^clickstream-[0-9a-f]{8}$/);
    expect(run.topic).toBe('clickstream');
    const result = await run.done;
    expect(result.outcome.stopped).toBe('completed');
    expect(records).toHaveLength(2020);
    expect(run.progress()).toEqual({ sent: 2020, planned: 2020, elapsedMs: result.outcome.elapsedMs });

    const mine = events.filter((e) => 'runId' in e && e.runId === run.id);
    const steps = mine.filter((e) => e.kind === 'generator-step');
    expect(steps.map((e) => e.kind === 'generator-step' && e.step)).toEqual(['records', 'ledger']);
    expect(steps[0]).toEqual({ kind: 'generator-step', runId: run.id, generator: 'clickstream', step: 'records', events: 2000, planned: 2020 });
    expect(steps[1]).toMatchObject({ step: 'ledger', file: ledgerFile, complete: true, checksum: result.ledger.checksum });
    const progress = mine.filter((e) => e.kind === 'generator-progress');
    expect(progress.at(-1)).toMatchObject({ sent: 2020, planned: 2020 });
    expect(mine.at(-1)).toEqual({
      kind: 'generator-done',
      runId: run.id,
      generator: 'clickstream',
      topic: 'clickstream',
      outcome: 'completed',
      records: 2020,
      planned: 2020,
      complete: true,
      elapsedMs: result.outcome.elapsedMs,
      ledgerFile,
    });
    expect((JSON.parse(await readFile(ledgerFile, 'utf8')) as Ledger).checksum).toBe(result.ledger.checksum);
  });

  it('stop() finishes the batch in flight and still writes the ledger; detach() stops what runs', async () => {
    const { sandbox, events } = await handle();
    const slow = memorySink({ slow: true });
    const ledgerFile = join(dir, 'stopped.json');
    const run = await sandbox.generate.start('user-events', { count: '200000', dimensions: false, ledger: ledgerFile }, { sink: slow.sink });
    await new Promise<void>((resolve) => {
      const off = sandbox.events.onKind('generator-progress', () => (off(), resolve()));
    });
    const result = await run.stop();
    expect(result?.outcome.stopped).toBe('interrupted');
    expect(result!.ledger.complete).toBe(false);
    expect(result!.ledger.totals.records).toBe(slow.records.length);
    expect((JSON.parse(await readFile(ledgerFile, 'utf8')) as Ledger).totals.records).toBe(slow.records.length);
    expect(events.at(-1)).toMatchObject({ kind: 'generator-done', outcome: 'interrupted', complete: false, records: slow.records.length });

    const other = await sandbox.generate.start('order-events', { count: '200000', dimensions: false, ledger: join(dir, 'detached.json') }, { sink: memorySink({ slow: true }).sink });
    await sandbox.detach();
    expect((await other.done).outcome.stopped).toBe('interrupted');
  });

  it('refuses an unknown generator and invalid options when started; a failure before the first record rejects done', async () => {
    const { sandbox, events } = await handle();
    await expect(sandbox.generate.start('clikstream')).rejects.toThrow(/^unknown generator "clikstream" \(did you mean "clickstream"\?\)$/);
    await expect(sandbox.generate.start('clickstream', { count: '-1' })).rejects.toBeInstanceOf(ConfigError);
    // --format avro needs a registry, and this handle has none.
    const run = await sandbox.generate.start('clickstream', { count: '10', dimensions: false, format: 'avro', ledger: join(dir, 'x.json') }, { sink: memorySink().sink });
    await expect(run.done).rejects.toThrow(/needs a Schema Registry/);
    expect(events.at(-1)).toMatchObject({ kind: 'generator-done', runId: run.id, outcome: 'failed', records: 0, complete: false });
    expect(events.at(-1)).not.toHaveProperty('ledgerFile');
  });
});
