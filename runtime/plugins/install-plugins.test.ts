import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPlugins } from '../connectors/connector-registry.js';
import { createConverter } from '../converters/converter-registry.js';
import { ConfigError } from '../core/errors.js';
import { createTransformChain } from '../transforms/transform-registry.js';
import { installPlugins } from './install-plugins.js';
import { loadPlugins } from './load-plugins.js';

function modules(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'install-'));
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

const sink = (className: string, aliases: string[] = []) => `{ type: 'sink', className: '${className}', aliases: ${JSON.stringify(aliases)}, createTask: () => ({}) }`;

async function installError(files: Record<string, string>): Promise<ConfigError> {
  const loaded = await loadPlugins(modules(files));
  let error: unknown;
  try {
    installPlugins(loaded, await defaultPlugins());
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('installPlugins', () => {
  it('adds connectors after the built-ins, and makes transforms and converters usable by class name', async () => {
    const loaded = await loadPlugins(modules({
      'all.mjs': `export default [${sink('com.example.InstSink')},
        { kind: 'transformation', className: 'com.example.Shout', aliases: ['Shout'], spec: [{ name: 'suffix', type: 'STRING', default: '!', doc: 'appended' }],
          create: (config) => ({ apply: (r) => ({ ...r, value: String(r.value).toUpperCase() + config.string('suffix') }) }) },
        { kind: 'converter', className: 'com.example.Reverse', create: () => ({
          toConnectData: async (_t, bytes) => ({ value: bytes === null ? null : [...bytes.toString()].reverse().join('') }),
          fromConnectData: async (_t, value) => Buffer.from([...String(value)].reverse().join('')) }) }];`,
    }));
    const builtIns = await defaultPlugins();
    const plugins = installPlugins(loaded, builtIns);
    expect(plugins.map((p) => p.className)).toEqual([...builtIns.map((p) => p.className), 'com.example.InstSink']);

    const chain = createTransformChain({ transforms: 'loud', 'transforms.loud.type': 'Shout', 'transforms.loud.suffix': '?' });
    const record = { topic: 't', partition: 0, key: null, value: 'hi', timestamp: null, headers: [], kafkaOffset: 0 };
    expect(chain(record)?.value).toBe('HI?');
    expect(() => createTransformChain({ transforms: 'loud', 'transforms.loud.type': 'Shout', 'transforms.loud.sufix': '?' })).toThrow(/Unknown configuration "transforms\.loud\.sufix".*did you mean "transforms\.loud\.suffix"/);

    const converter = createConverter('com.example.Reverse', {}, false);
    expect(await converter.toConnectData('t', Buffer.from('abc'))).toEqual({ value: 'cba' });

    // Installing the same modules again (a second worker in this process) is a no-op.
    expect(installPlugins(await loadPlugins([...loaded.origins.values()]), builtIns)).toHaveLength(plugins.length);
  });

  it('refuses a class name or alias two plugin files both claim, naming both files', async () => {
    const error = await installError({ 'first.mjs': `export default ${sink('com.example.Dup')};`, 'second.mjs': `export default ${sink('com.example.Other', ['com.example.Dup'])};` });
    expect(error.message).toMatch(/^connector class com\.example\.Dup of plugin .*second\.mjs is already defined by .*first\.mjs$/);
    expect(error.hint).toBe('Give every plugin its own className and aliases.');
  });

  it('refuses names of built-in connectors, transforms and converters', async () => {
    expect((await installError({ 'file.mjs': `export default ${sink('com.example.MyFile', ['FileStreamSink'])};` })).message).toMatch(/connector class FileStreamSink of plugin .*file\.mjs is already defined by the built-in io\.kafkasandbox\.connect\.file\.FileSinkConnector/);
    expect((await installError({ 'smt.mjs': 'export default { kind: "transformation", className: "org.apache.kafka.connect.transforms.ValueToKey", create: () => ({}) };' })).message).toMatch(/^transform org\.apache\.kafka\.connect\.transforms\.ValueToKey of plugin .*smt\.mjs is already defined by the built-in/);
    expect((await installError({ 'conv.mjs': 'export default { kind: "converter", className: "com.example.Json", aliases: ["JsonConverter"], create: () => ({}) };' })).message).toMatch(/^converter JsonConverter of plugin .*conv\.mjs is already defined by the built-in org\.apache\.kafka\.connect\.json\.JsonConverter$/);
  });

  it('registers nothing when one name clashes', async () => {
    await installError({ 'mixed.mjs': 'export default [{ kind: "transformation", className: "com.example.NotRegistered", create: () => ({ apply: (r) => r }) }, { kind: "converter", className: "StringConverter", create: () => ({}) }];' });
    expect(() => createTransformChain({ transforms: 'x', 'transforms.x.type': 'com.example.NotRegistered' })).toThrow(/could not be found/);
  });
});
