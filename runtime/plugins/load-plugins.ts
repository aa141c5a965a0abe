import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConnectorPlugin } from '../connectors/connector.js';
import { ConfigError } from '../core/errors.js';
import type { PredicatePlugin, TransformPlugin } from '../transforms/transform-plugin.js';
import type { CustomConverterPlugin, CustomPlugin } from './plugin-api.js';
import { pluginFiles } from './plugin-files.js';
import { exportedValues, toPlugin } from './plugin-shape.js';

/** The plugins of `--plugin` paths, by kind, each with the file it came from. */
export interface LoadedPlugins {
  connectors: ConnectorPlugin[];
  transforms: TransformPlugin[];
  predicates: PredicatePlugin[];
  converters: CustomConverterPlugin[];
  /** The file each plugin was exported by. */
  origins: Map<CustomPlugin, string>;
}

const HINTS: Record<string, string> = {
  ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX: 'Node runs .ts plugins by stripping types: use only erasable TypeScript (no enum, namespace or constructor parameter properties), or compile the plugin to .js.',
  ERR_INVALID_TYPESCRIPT_SYNTAX: 'Node runs .ts plugins by stripping types; check the syntax, or compile the plugin to .js.',
  ERR_UNKNOWN_FILE_EXTENSION: 'This Node cannot run .ts files (Node 22.18 or newer can); compile the plugin to .js.',
  ERR_MODULE_NOT_FOUND: 'A plugin\'s imports resolve from its own folder: install the package there, or import kafka-sandbox\'s types with `import type`.',
};

/** A path as the user would recognise it: relative to the working directory when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

async function importModule(file: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`plugin ${displayPath(file)} failed to load: ${message}`, {
      ...(typeof code === 'string' && HINTS[code] ? { hint: HINTS[code] } : { hint: 'Fix the module so that `node` can import it on its own.' }),
    });
  }
}

/**
 * Imports every plugin module behind `paths` (files or folders, see `pluginFiles`) and sorts what
 * they export by kind. Throws a ConfigError naming the file for a module that fails to load,
 * exports nothing usable, or exports something that is not a plugin. Registers nothing.
 */
export async function loadPlugins(paths: readonly string[], cwd = process.cwd()): Promise<LoadedPlugins> {
  const loaded: LoadedPlugins = { connectors: [], transforms: [], predicates: [], converters: [], origins: new Map() };
  for (const file of await pluginFiles(paths, cwd)) {
    const module = await importModule(file);
    const values = exportedValues(module);
    const shown = displayPath(file, cwd);
    if (values.length === 0) {
      throw new ConfigError(`plugin ${shown} exports no connector, transform, predicate or converter`, {
        hint: 'Export one as the default export (`export default defineSinkConnector({...})`), or an array of them as default or as `export const plugins = [...]`.',
      });
    }
    for (const { where, value } of values) {
      const plugin = toPlugin(value);
      if (typeof plugin === 'string') {
        throw new ConfigError(`plugin ${shown}: the ${where} ${plugin}`, { hint: 'See "Custom connectors" in the README for the shapes.' });
      }
      if (loaded.origins.has(plugin)) continue;
      loaded.origins.set(plugin, file);
      if ('type' in plugin) loaded.connectors.push(plugin);
      else if (plugin.kind === 'transformation') loaded.transforms.push(plugin);
      else if (plugin.kind === 'predicate') loaded.predicates.push(plugin);
      else loaded.converters.push(plugin);
    }
  }
  return loaded;
}
