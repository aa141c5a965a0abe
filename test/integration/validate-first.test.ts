import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../runtime/core/errors.js';
import { sandboxContainers } from '../../stacks/docker-resources.js';
import type { StackEvent } from '../../stacks/sandbox-options.js';
import { startSandbox } from '../../stacks/start-sandbox.js';
import { unique } from '../helpers/unique.js';

/**
 * startSandbox checks every input before Docker is asked anything. Proof without a clock: the
 * error is the input's ConfigError, not one event was emitted (choosing images, planning ports and
 * starting a service all emit events), and no container carries the sandbox's name.
 */
async function failsBeforeDocker(options: Parameters<typeof startSandbox>[0] & { name: string }): Promise<ConfigError> {
  const events: StackEvent[] = [];
  const error = await startSandbox({ ...options, onEvent: (event) => events.push(event) }).then(
    async (sandbox) => {
      await sandbox.stop();
      throw new Error('startSandbox should have failed');
    },
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect(events).toEqual([]);
  expect(await sandboxContainers(options.name)).toEqual([]);
  return error as ConfigError;
}

describe('startSandbox validates every input before any container starts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'validate-first-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a misspelt stack file fails with its file:line:col problems', async () => {
    const file = join(dir, 'bad-stack.yaml');
    await writeFile(file, 'topics:\n  - name: orders\n    partitons: 3\nauto_create_topics: maybe\n');
    const error = await failsBeforeDocker({ name: unique('vf'), stackFile: file });
    expect(error.problems).toEqual([
      `${file}:2:5 topic is missing \`partitions\``,
      `${file}:3:5 unknown topic key "partitons" (did you mean "partitions"?)`,
      `${file}:4:21 \`auto_create_topics\` must be true or false, got "maybe"`,
    ]);
  });

  it('a missing stack file, a missing plugin and a bad --ports value fail the same way', async () => {
    const missing = join(dir, 'nope.yaml');
    expect((await failsBeforeDocker({ name: unique('vf'), stackFile: missing })).message).toBe(`Stack file not found: ${missing}`);
    await failsBeforeDocker({ name: unique('vf'), stackFile: false, connectPlugins: [join(dir, 'missing-plugin.ts')] });
    expect((await failsBeforeDocker({ name: unique('vf'), stackFile: false, ports: 'broker-1=abc' })).message).toContain('--ports');
  });
});
