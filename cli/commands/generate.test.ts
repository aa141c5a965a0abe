import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../runtime/core/errors.js';
import { parseDefinition } from '../../generators/definition/definition-file.js';
import { buildProgram } from '../main.js';
import { formatGenerationStep, generate } from './generate.js';

function helpOf(command: string): string {
  const program = buildProgram();
  let out = '';
  for (const cmd of [program, ...program.commands]) cmd.exitOverride().configureOutput({ writeOut: (text) => (out += text), writeErr: () => undefined });
  try {
    program.parse(['node', 'kafka-sandbox', command, '--help']);
  } catch {
    // commander throws after printing help under exitOverride
  }
  return out;
}

describe('generate command', () => {
  it('its help shows a definition that parses', () => {
    const help = helpOf('generate');
    expect(help).toMatch(/--late-rate <fraction>/);
    const lines = help.split('\n');
    const start = lines.findIndex((line) => line.startsWith('A definition'));
    const end = lines.findIndex((line) => line.startsWith('Field kinds'));
    const yaml = lines
      .slice(start + 1, end)
      .map((line) => line.slice(2))
      .join('\n');
    const definition = parseDefinition(yaml, 'help.yaml');
    expect(definition.tables.map((t) => t.name)).toEqual(['customers']);
    expect(definition.event.key).toBe('customer_id');
  });

  it('refuses an unknown generator with a did-you-mean, and a missing one', async () => {
    await expect(generate('clikstream', { name: 'default' })).rejects.toThrow(/^unknown generator "clikstream" \(did you mean "clickstream"\?\)$/);
    await expect(generate(undefined, { name: 'default' })).rejects.toBeInstanceOf(ConfigError);
  });

  it('refuses invalid options before touching anything', async () => {
    const error = await generate('clickstream', { name: 'default', count: '-1', duplicateRate: 'lots' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    expect((error as ConfigError).problems).toHaveLength(2);
  });
});

describe('generate output', () => {
  it('makes one line of each step of a run', () => {
    expect(formatGenerationStep({ step: 'dimensions', schema: 'public', tables: { users: 1000, devices: 3000 } })).toBe('dimensions  public.users 1,000 rows, public.devices 3,000 rows');
    expect(formatGenerationStep({ step: 'topic', topic: 'clickstream', partitions: 6, created: true, compression: 'lz4' })).toBe(
      'topic       clickstream (6 partitions, created), lz4 compression, acks=all, idempotent',
    );
    expect(formatGenerationStep({ step: 'schema', subject: 'clickstream-value', format: 'avro', schemaId: 3 })).toBe('schema      clickstream-value registered (avro), id 3');
    expect(formatGenerationStep({ step: 'ledger-topic', topic: 'ledgers' })).toBe('ledger      published to ledgers');
    expect(formatGenerationStep({ step: 'records', events: 10, planned: 11 })).toBeUndefined();
  });

  it('takes a definition file only with --definition', async () => {
    await expect(generate('payments.yaml', { name: 'default' })).rejects.toThrow(/looks like a definition file/);
  });
});
