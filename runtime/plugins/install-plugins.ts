import type { ConnectorPlugin } from '../connectors/connector.js';
import { findConverter, registerConverter } from '../converters/converter-registry.js';
import { ConfigError } from '../core/errors.js';
import { defaultTransformRegistry } from '../transforms/transform-registry.js';
import { displayPath, type LoadedPlugins } from './load-plugins.js';
import type { CustomPlugin } from './plugin-api.js';

interface Named {
  readonly className: string;
  readonly aliases: readonly string[];
}

const names = (plugin: Named) => [plugin.className, ...plugin.aliases];

/** The file of every plugin registered process-wide so far (for messages about later clashes). */
const installedFrom = new WeakMap<object, string>();

/**
 * Adds loaded plugins to a worker: returns the connector list for its ConnectorRegistry
 * (`builtIns` first), and registers transforms, predicates and converters process-wide, so
 * `transforms.x.type` and `value.converter` find them by class name or alias. Every name is
 * checked first: one already taken (by a built-in or another plugin file) is a ConfigError naming
 * both, and nothing is registered. Installing the same loaded plugins again is a no-op.
 */
export function installPlugins(loaded: LoadedPlugins, builtIns: readonly ConnectorPlugin[]): ConnectorPlugin[] {
  const origin = (plugin: CustomPlugin) => displayPath(loaded.origins.get(plugin) ?? 'a plugin file');
  const clash = (what: string, name: string, plugin: CustomPlugin, owner: string) =>
    new ConfigError(`${what} ${name} of plugin ${origin(plugin)} is already defined by ${owner}`, { hint: 'Give every plugin its own className and aliases.' });

  const connectorOwners = new Map<string, string>();
  for (const plugin of builtIns) for (const name of names(plugin)) connectorOwners.set(name, `the built-in ${plugin.className}`);
  for (const plugin of loaded.connectors) {
    for (const name of names(plugin)) {
      const owner = connectorOwners.get(name);
      if (owner) throw clash('connector class', name, plugin, owner);
      connectorOwners.set(name, origin(plugin));
    }
  }

  const check = <P extends Named & CustomPlugin>(what: string, plugins: readonly P[], existing: (name: string) => Named | undefined) => {
    const seen = new Map<string, string>();
    for (const plugin of plugins) {
      for (const name of names(plugin)) {
        const found = existing(name);
        if (found && found !== plugin) throw clash(what, name, plugin, installedFrom.get(found) ?? `the built-in ${found.className}`);
        const other = seen.get(name);
        if (other) throw clash(what, name, plugin, other);
        seen.set(name, origin(plugin));
      }
    }
  };
  check('transform', loaded.transforms, (name) => defaultTransformRegistry.transform(name));
  check('predicate', loaded.predicates, (name) => defaultTransformRegistry.predicate(name));
  check('converter', loaded.converters, (name) => findConverter(name));

  for (const plugin of [...loaded.transforms, ...loaded.predicates, ...loaded.converters]) installedFrom.set(plugin, origin(plugin));
  defaultTransformRegistry.add(loaded.transforms, loaded.predicates);
  for (const converter of loaded.converters) registerConverter(converter);
  return [...builtIns, ...loaded.connectors];
}
