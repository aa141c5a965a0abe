import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering of ARCHITECTURE.md, checked on every import of every non-test source file:
 * `cli -> app -> (stacks, generators, runtime)`, `generators -> runtime`, `stacks -> testcontainers`.
 * Test files (*.test.ts, test/, bench/) may import what they need and are not checked.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** For files under a top-level folder: the folders and packages they must not import. */
const RULES: Record<string, { folders: string[]; packages?: string[] }> = {
  app: { folders: ['cli'] },
  stacks: { folders: ['cli', 'generators', 'app'] },
  generators: { folders: ['cli', 'stacks', 'app'] },
  runtime: { folders: ['cli', 'stacks', 'generators', 'app'], packages: ['testcontainers', '@testcontainers/'] },
  scenarios: { folders: ['cli'] },
  '.': { folders: ['cli'] },
};

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'test', 'bench']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) || entry.name.startsWith('.') ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module specifier a file names: static and type imports, re-exports, side-effect and dynamic imports. */
function importsOf(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specifiers: string[] = [];
  for (const pattern of [/\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g]) {
    for (const match of text.matchAll(pattern)) specifiers.push(match[1]!);
  }
  return specifiers;
}

const topFolder = (path: string) => {
  const rel = relative(ROOT, path);
  return rel.includes(sep) ? rel.split(sep)[0]! : '.';
};

function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(ROOT)) {
    const rule = RULES[topFolder(file)];
    if (!rule) continue;
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      const bad = specifier.startsWith('.')
        ? rule.folders.includes(topFolder(resolve(dirname(file), specifier)))
        : (rule.packages ?? []).some((name) => (name.endsWith('/') ? specifier.startsWith(name) : specifier === name || specifier.startsWith(`${name}/`)));
      if (bad) found.push(`${relative(ROOT, file)} -> ${specifier}`);
    }
  }
  return found.sort();
}

describe('layering', () => {
  it('finds the imports of a file, in every form', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "import './d.js';",
      'const e = await import("./e.js");',
      "// import { f } from './f.js';",
      'import {\n  g,\n  h,\n} from "testcontainers";',
    ].join('\n');
    expect(importsOf(source).sort()).toEqual(['../b.js', './a.js', './c.js', './d.js', './e.js', 'testcontainers']);
  });

  it('keeps every dependency pointing one way', () => {
    expect(violations(), `imports that break the layering (file -> import):\n${violations().join('\n')}`).toEqual([]);
  });
});
