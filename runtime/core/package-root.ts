import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { dir: string; version: string } | undefined;

function isOurPackage(dir: string): { version: string } | undefined {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
  return pkg.name === 'kafka-sandbox' ? { version: pkg.version ?? '0.0.0' } : undefined;
}

function locate(): { dir: string; version: string } {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const found = isOurPackage(dir);
    if (found) return (cached = { dir, version: found.version });
    const parent = dirname(dir);
    if (parent === dir) throw new Error('kafka-sandbox package root not found');
    dir = parent;
  }
}

/** The folder holding kafka-sandbox's package.json, whether running from sources (tsx) or dist/. */
export function packageRoot(): string {
  return locate().dir;
}

/** kafka-sandbox's own version. */
export function packageVersion(): string {
  return locate().version;
}
