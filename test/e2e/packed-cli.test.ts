import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../runtime/core/package-root.js';

describe('the published package', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('installs from the npm pack tarball into an empty folder and runs --help without sources or dev dependencies', async () => {
    const packDir = await mkdtemp(join(tmpdir(), 'ksb-pack-'));
    const installDir = await mkdtemp(join(tmpdir(), 'ksb-install-'));
    dirs.push(packDir, installDir);
    const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: packageRoot() });
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    const paths = files.map((file) => file.path);
    expect(paths).toContain('dist/cli/bin.js');
    expect(paths).toContain('stacks/kit/kafka/Dockerfile');
    expect(paths.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);

    await execa('npm', ['init', '-y'], { cwd: installDir });
    await execa('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', join(packDir, filename)], { cwd: installDir });
    const help = await execa('npx', ['--no-install', 'kafka-sandbox', '--help'], { cwd: installDir, reject: false });
    expect(help.exitCode, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Usage: kafka-sandbox/);
    expect(help.stdout).toMatch(/images\s+build and list/);
    const list = await execa('npx', ['--no-install', 'kafka-sandbox', 'images', 'build', '--only', 'nope'], { cwd: installDir, reject: false });
    expect(list.stderr).toMatch(/unknown kit image nope/);
  }, 240_000);
});
