import { execa } from 'execa';
import { StackError } from '../../runtime/core/errors.js';

const installHints: Record<string, string> = {
  mvn: 'Install Apache Maven (Debian/Ubuntu: `apt-get install maven`; macOS: `brew install maven`).',
  debootstrap: 'Install debootstrap (Debian/Ubuntu: `apt-get install debootstrap`); it needs a Linux host and root.',
  docker: 'Install Docker and make sure `docker info` works.',
  unzip: 'Install unzip (`apt-get install unzip`).',
  tar: 'Install tar.',
};

async function onPath(tool: string): Promise<boolean> {
  const result = await execa('sh', ['-c', `command -v ${tool}`], { reject: false });
  return result.exitCode === 0;
}

/** Fails with one error naming every missing tool and how to install it. */
export async function requireTools(tools: string[]): Promise<void> {
  const missing: string[] = [];
  for (const tool of tools) if (!(await onPath(tool))) missing.push(tool);
  if (missing.length === 0) return;
  throw new StackError(`images build needs ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not on PATH`, {
    hint: missing.map((tool) => installHints[tool] ?? `Install ${tool}.`).join(' '),
    exitCode: 1,
  });
}
