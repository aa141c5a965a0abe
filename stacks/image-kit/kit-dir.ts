import { join } from 'node:path';
import { packageRoot } from '../../runtime/core/package-root.js';

/** Where stacks/kit/<parts> lives, in the sources and in the published package alike. */
export function kitDir(...parts: string[]): string {
  return join(packageRoot(), 'stacks', 'kit', ...parts);
}
