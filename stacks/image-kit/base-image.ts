import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { StackError } from '../../runtime/core/errors.js';

export const defaultDebianMirror = 'http://deb.debian.org/debian';

/**
 * Builds the kit's base image: a debootstrap minbase root of Debian with `packages`, imported with
 * `docker import`. Needs root (debootstrap chroots). The temporary root is always removed.
 */
export async function buildBaseImage(tag: string, suite: string, packages: string[], workDir: string): Promise<void> {
  const mirror = process.env.KAFKA_SANDBOX_DEBIAN_MIRROR ?? defaultDebianMirror;
  const root = await mkdtemp(join(workDir, 'base-root-'));
  try {
    const bootstrap = await execa(
      'debootstrap',
      ['--variant=minbase', `--include=${packages.join(',')}`, suite, root, mirror],
      { reject: false, all: true },
    );
    if (bootstrap.exitCode !== 0) {
      throw new StackError(`debootstrap of Debian ${suite} failed`, {
        hint: `Check that ${mirror} is reachable (or set KAFKA_SANDBOX_DEBIAN_MIRROR) and that you run as root.`,
        nextSteps: [(bootstrap.all ?? '').split('\n').slice(-10).join('\n')],
      });
    }
    await rm(join(root, 'var/cache/apt/archives'), { recursive: true, force: true });
    await rm(join(root, 'var/lib/apt/lists'), { recursive: true, force: true });
    const imported = await execa(
      'bash',
      [
        '-c',
        'set -o pipefail; tar -C "$1" -c . | docker import --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" --change "ENV LANG=C.UTF-8" - "$2"',
        'import',
        root,
        tag,
      ],
      { reject: false, all: true },
    );
    if (imported.exitCode !== 0) throw new StackError(`docker import of ${tag} failed`, { nextSteps: [imported.all ?? ''] });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
