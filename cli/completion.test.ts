import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMPLETION_SHELLS, completionScript, printCompletion } from './completion.js';
import { buildProgram } from './main.js';

/** Every command path of the tree, e.g. ['jobs', 'start']. */
function paths(command: Command, parent: string[] = []): string[][] {
  return command.commands.flatMap((sub) => [[...parent, sub.name()], ...paths(sub, [...parent, sub.name()])]);
}

describe('completionScript', () => {
  const program = buildProgram();
  const all = paths(program);

  it('covers the whole tree', () => {
    expect(all.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['up', 'images build', 'jobs start', 'connect restart', 'completion']));
  });

  for (const shell of COMPLETION_SHELLS) {
    it(`names every command and subcommand for ${shell}`, () => {
      const script = completionScript(program, shell);
      for (const path of all) {
        expect(script, path.join(' ')).toContain(`kafka-sandbox ${path.join(' ')}`);
        expect(script, path.join(' ')).toMatch(new RegExp(`(^|[\\s'(])${path.at(-1)}([\\s':]|$)`, 'm'));
      }
      expect(script).toMatch(/bootstrap-server/);
    });
  }

  it('completes words in bash: commands, subcommands, options and option values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'completion-'));
    writeFileSync(join(dir, 'c.bash'), completionScript(program, 'bash'));
    const complete = (...words: string[]) =>
      execFileSync('bash', ['-c', `source c.bash; COMP_WORDS=("$@"); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _kafka_sandbox; echo "\${COMPREPLY[*]}"`, 'bash', ...words], {
        cwd: dir,
        encoding: 'utf8',
      }).trim();
    expect(complete('kafka-sandbox', 'jo')).toBe('jobs');
    expect(complete('kafka-sandbox', 'jobs', '')).toBe('start list status stop --help');
    expect(complete('kafka-sandbox', 'connect', 'status', '--u')).toBe('--url');
    expect(complete('kafka-sandbox', 'up', '--mode', '')).toBe('kraft zookeeper');
    expect(complete('kafka-sandbox', 'completion', '')).toBe('bash zsh fish --help');
  });

  it('refuses an unknown shell with a ConfigError', async () => {
    await expect(printCompletion(program, 'tcsh', () => undefined)).rejects.toMatchObject({ name: 'ConfigError', exitCode: 2 });
    let text = '';
    await printCompletion(program, 'fish', (chunk) => (text += chunk));
    expect(text).toContain('complete -c kafka-sandbox');
  });
});
