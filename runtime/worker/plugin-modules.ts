import { pathToFileURL } from 'node:url';
import type { ConnectorPlugin } from '../connectors/connector.js';

/**
 * The connector plugins of modules that export `connectorPlugins: ConnectorPlugin[]`, in order.
 * This is how the code assembling a worker adds plugins living outside runtime/ (the datagen
 * source, with the generators) to a worker running in another process, which cannot be handed
 * plugin objects. `modules` are absolute paths or file URLs.
 */
export async function importPluginModules(modules: readonly string[]): Promise<ConnectorPlugin[]> {
  const plugins: ConnectorPlugin[] = [];
  for (const module of modules) {
    const url = module.startsWith('file:') ? module : pathToFileURL(module).href;
    const exported = (await import(url)) as { connectorPlugins?: unknown };
    if (!Array.isArray(exported.connectorPlugins)) throw new Error(`${module} exports no connectorPlugins array`);
    plugins.push(...(exported.connectorPlugins as ConnectorPlugin[]));
  }
  return plugins;
}
