import { readFile, rm, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../runtime/core/package-root.js';

/** The README's library script: the ```ts block whose first line is `// orders.mts`. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(join(packageRoot(), 'README.md'), 'utf8');
  const block = /```ts\n(\/\/ orders\.mts\n[\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no ```ts block starting with `// orders.mts`');
  return block[1]!;
}

describe("the README's library example", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('runs as written in a new project that installed the packed tarball and kafkajs', async () => {
    const packDir = await mkdtemp(join(tmpdir(), 'ksb-pack-'));
    const project = await mkdtemp(join(tmpdir(), 'ksb-library-'));
    dirs.push(packDir, project);
    const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: packageRoot() });
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    await execa('npm', ['init', '-y'], { cwd: project });
    await execa('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', join(packDir, filename), 'kafkajs@2.2.4'], { cwd: project });
    await writeFile(join(project, 'orders.mts'), await readmeExample());

    const run = await execa(process.execPath, ['orders.mts'], { cwd: project, reject: false, all: true, env: { TESTCONTAINERS_RYUK_DISABLED: 'true' } });
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stdout).toMatch(/^order-1 \{ total: 42 \}$/m);
  }, 300_000);
});
