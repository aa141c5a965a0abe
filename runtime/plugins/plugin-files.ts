import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';

/** Extensions a plugin module may have: TypeScript (run by Node's type stripping) or JavaScript. */
export const PLUGIN_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'] as const;

const isPluginFile = (name: string) =>
  (PLUGIN_EXTENSIONS as readonly string[]).includes(extname(name)) && !/\.d\.m?ts$/.test(name) && !/\.(test|spec)\.m?[jt]s$/.test(name);

const kind = async (path: string) => {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
};

/**
 * The module files behind `--plugin` paths, absolute, each once, in order. A file is taken as it
 * is; a folder (like Connect's `plugin.path`) gives its own plugin files plus `<sub>/index.*` of
 * each subfolder, so helpers can live in subfolders. Test and declaration files are skipped.
 */
export async function pluginFiles(paths: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    const what = await kind(path);
    if (what === 'missing') throw new ConfigError(`plugin path ${given} does not exist`, { hint: 'Pass a connector module (.ts, .mts, .js, .mjs) or a folder of them.' });
    if (what === 'file') {
      if (!(PLUGIN_EXTENSIONS as readonly string[]).includes(extname(path))) {
        throw new ConfigError(`plugin file ${given} is not a module Node can load`, { hint: `Use one of ${PLUGIN_EXTENSIONS.join(', ')}.` });
      }
      files.push(path);
      continue;
    }
    if (what !== 'dir') throw new ConfigError(`plugin path ${given} is neither a file nor a folder`);
    const found: string[] = [];
    for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isFile() && isPluginFile(entry.name)) found.push(join(path, entry.name));
      else if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        for (const ext of PLUGIN_EXTENSIONS) {
          const index = join(path, entry.name, `index${ext}`);
          if ((await kind(index)) === 'file') {
            found.push(index);
            break;
          }
        }
      }
    }
    if (found.length === 0) {
      throw new ConfigError(`plugin folder ${given} holds no plugin modules`, { hint: `Put ${PLUGIN_EXTENSIONS.join(', ')} files in it (or <subfolder>/index.ts).` });
    }
    files.push(...found);
  }
  return [...new Set(files)];
}
