import type { ConnectorPlugin } from './connector.js';
import { elasticsearchSinkPlugin } from './elasticsearch-sink.js';
import { fileSinkPlugin } from './file-sink.js';
import { fileSourcePlugin } from './file-source.js';
import { postgresSinkPlugin } from './postgres-sink.js';
import { postgresSourcePlugin } from './postgres-source.js';

/**
 * The connector plugins of one worker, found by class name or alias (case-sensitive, as Connect;
 * a simple name like `FileStreamSink` works too). Tests build a fresh registry with their own plugins.
 */
export class ConnectorRegistry {
  private readonly byName = new Map<string, ConnectorPlugin>();

  constructor(readonly plugins: readonly ConnectorPlugin[]) {
    for (const plugin of plugins) {
      for (const name of [plugin.className, ...plugin.aliases]) this.byName.set(name, plugin);
    }
  }

  find(className: string | undefined): ConnectorPlugin | undefined {
    if (!className) return undefined;
    return this.byName.get(className.trim());
  }

  /** Every class name this registry answers to. */
  classNames(): string[] {
    return [...this.byName.keys()];
  }
}

/** The connectors runtime implements; the datagen source lives with the generators and is added by whoever assembles the worker (`pluginModules`). */
export async function defaultPlugins(): Promise<ConnectorPlugin[]> {
  return [postgresSinkPlugin, postgresSourcePlugin, elasticsearchSinkPlugin, fileSinkPlugin, fileSourcePlugin];
}
