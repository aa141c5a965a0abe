import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import { loadPlugins } from './load-plugins.js';

/** A fresh folder with the given module files (real files, imported for real). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'plugins-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function loadError(paths: string[], cwd?: string): Promise<ConfigError> {
  const error = await loadPlugins(paths, cwd).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

const sink = (className: string) => `{ type: 'sink', className: '${className}', createTask: () => ({ start: async () => {}, put: async () => {}, flush: async () => {}, stop: async () => {} }) }`;

describe('loadPlugins', () => {
  it('sorts a module\'s default export and `plugins` array by kind and fills the optional parts', async () => {
    const dir = folder({
      'good.mjs': `export default [${sink('com.example.GoodSink')}, { kind: 'transformation', className: 'com.example.Noop', create: () => ({ apply: (r) => r }) }];
        export const plugins = [{ kind: 'converter', className: 'com.example.Conv', aliases: ['Conv'], create: () => ({}) }, { kind: 'predicate', className: 'com.example.Always', create: () => ({ test: () => true }) }];`,
    });
    const loaded = await loadPlugins([join(dir, 'good.mjs')]);
    expect(loaded.connectors.map((p) => [p.className, p.type, p.version, p.aliases, p.spec])).toEqual([['com.example.GoodSink', 'sink', '1.0.0', [], []]]);
    expect(loaded.transforms.map((p) => [p.className, p.doc, p.spec])).toEqual([['com.example.Noop', '', []]]);
    expect(loaded.predicates.map((p) => p.className)).toEqual(['com.example.Always']);
    expect(loaded.converters.map((p) => [p.className, p.aliases])).toEqual([['com.example.Conv', ['Conv']]]);
    expect(loaded.origins.get(loaded.connectors[0]!)).toBe(join(dir, 'good.mjs'));
  });

  it('loads the repository\'s TypeScript examples from their folder', async () => {
    const loaded = await loadPlugins(['examples/connectors']);
    expect(loaded.connectors.map((p) => `${p.type} ${p.className}`).sort()).toEqual(['sink com.example.HttpSink', 'source com.example.SequenceSource']);
    expect(loaded.transforms.map((p) => p.className)).toEqual(['com.example.Uppercase']);
  });

  it('takes a folder\'s own modules and <subfolder>/index.*, skipping tests, declarations and other files', async () => {
    const dir = folder({
      'a.mjs': `export default ${sink('com.example.A')};`,
      'a.test.mjs': 'throw new Error("a test file must not be loaded");',
      'types.d.ts': 'export type X = 1;',
      'README.md': '# not a module',
      'b/index.mjs': `import { name } from './helper.mjs'; export default ${sink('com.example.B')}; export const unused = name;`,
      'b/helper.mjs': 'export const name = "helper";',
    });
    const loaded = await loadPlugins([dir]);
    expect(loaded.connectors.map((p) => p.className)).toEqual(['com.example.A', 'com.example.B']);
  });

  it('names the file and the reason when a module does not load, without a stack trace', async () => {
    const dir = folder({ 'broken.mjs': 'export default {;', 'throws.mjs': 'throw new Error("no API key set");' });
    const syntax = await loadError(['broken.mjs'], dir);
    expect(syntax.message).toMatch(/^plugin .*broken\.mjs failed to load: /);
    expect(syntax.message).not.toMatch(/\n\s+at /);
    expect(syntax.exitCode).toBe(2);
    const thrown = await loadError([join(dir, 'throws.mjs')]);
    expect(thrown.message).toMatch(/throws\.mjs failed to load: no API key set$/);
  });

  it('refuses a module that exports nothing usable, saying what to export', async () => {
    const dir = folder({ 'helpers.mjs': 'export const add = (a, b) => a + b;' });
    const error = await loadError([join(dir, 'helpers.mjs')]);
    expect(error.message).toMatch(/^plugin .*helpers\.mjs exports no connector, transform, predicate or converter$/);
    expect(error.hint).toContain('export default defineSinkConnector');
  });

  it('refuses exports that are not plugins, naming the export and what is missing', async () => {
    const dir = folder({
      'untagged.mjs': 'export default { className: "com.example.X", createTask() {} };',
      'no-task.mjs': 'export default [{ type: "source", className: "com.example.NoTask" }];',
      'class.mjs': 'export default class MySink {}',
      'bad-name.mjs': 'export default { type: "sink", className: "not a class", createTask() {} };',
    });
    expect((await loadError([join(dir, 'untagged.mjs')])).message).toMatch(/untagged\.mjs: the default export has no `type` \("sink" or "source"\) nor `kind`/);
    expect((await loadError([join(dir, 'no-task.mjs')])).message).toMatch(/no-task\.mjs: the default export\[0\] com\.example\.NoTask is a source connector without a `createTask\(\)` function$/);
    expect((await loadError([join(dir, 'class.mjs')])).message).toMatch(/class\.mjs: the default export is a function or class/);
    expect((await loadError([join(dir, 'bad-name.mjs')])).message).toMatch(/bad-name\.mjs: the default export is a sink connector without a valid `className`/);
  });

  it('refuses paths that do not exist, files Node cannot import and empty folders', async () => {
    const dir = folder({ 'notes.txt': 'hello', 'empty/.keep': '' });
    expect((await loadError(['no-such-plugin.ts'], dir)).message).toBe('plugin path no-such-plugin.ts does not exist');
    expect((await loadError(['notes.txt'], dir)).message).toBe('plugin file notes.txt is not a module Node can load');
    expect((await loadError(['empty'], dir)).message).toBe('plugin folder empty holds no plugin modules');
  });
});
