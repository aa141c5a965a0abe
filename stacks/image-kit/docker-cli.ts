import { execa } from 'execa';
import { StackError } from '../../runtime/core/errors.js';

/** True when the local engine has an image with this reference. */
export async function imageExists(ref: string): Promise<boolean> {
  const result = await execa('docker', ['image', 'inspect', '--format', '{{.Id}}', ref], { reject: false });
  return result.exitCode === 0;
}

/**
 * `docker build` of a kit context. Docker tags only a complete build, so a failure leaves no tag.
 * The build log goes nowhere unless the build fails, then its tail is in the error.
 */
export async function dockerBuild(context: string, tag: string, buildArgs: Record<string, string>): Promise<void> {
  const args = ['build', '-q', '-t', tag, ...Object.entries(buildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]), context];
  const result = await execa('docker', args, { reject: false, all: true });
  if (result.exitCode !== 0) {
    throw new StackError(`docker build of ${tag} failed`, {
      nextSteps: [(result.all ?? '').split('\n').slice(-20).join('\n')],
    });
  }
}
