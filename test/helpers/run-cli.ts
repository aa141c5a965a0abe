import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { packageRoot } from '../../runtime/core/package-root.js';

/** The built CLI (dist/), exactly as `npx kafka-sandbox` runs it; `npm test` builds before testing. */
export const cliPath = () => join(packageRoot(), 'dist', 'cli', 'bin.js');

/** Runs the built CLI without a TTY and never rejects: tests assert on exitCode and output. */
export function runCli(args: string[], options: { env?: Record<string, string> } = {}): ResultPromise<{ reject: false; all: true }> {
  return execa(process.execPath, [cliPath(), ...args], { reject: false, all: true, env: { ...options.env, CI: 'true' } });
}
