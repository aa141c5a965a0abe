import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The module holding the generators' connector plugins (the datagen source), for a worker's
 * `pluginModules`: `.ts` when running from sources, `.js` from dist.
 */
export function generatorConnectorModule(): string {
  const ext = extname(fileURLToPath(import.meta.url));
  return fileURLToPath(new URL(`./datagen-source${ext}`, import.meta.url));
}
