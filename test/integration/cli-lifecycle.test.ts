import { describe, expect, inject, it } from 'vitest';
import { pollUntil } from '../../runtime/core/poll.js';
import { sandboxContainers } from '../../stacks/docker-resources.js';
import { requireDockerEngine } from '../../stacks/docker-engine.js';
import { labelKeys } from '../../stacks/labels.js';
import { runCli } from '../helpers/run-cli.js';
import { unique } from '../helpers/unique.js';

const imageSet = inject('imageSet');
const kafkaOnly = ['--brokers', '1', '--without', 'schema-registry,connect,postgres,elasticsearch', '--ports', 'random', '--images', imageSet];

async function leftovers(name: string) {
  const docker = (await requireDockerEngine()).container.dockerode;
  const filters = { label: [`${labelKeys.name}=${name}`] };
  return {
    containers: (await sandboxContainers(name)).length,
    networks: (await docker.listNetworks({ filters })).length,
    volumes: ((await docker.listVolumes({ filters })).Volumes ?? []).length,
  };
}

describe('the CLI without a TTY', () => {
  it('up --detach, status --json, then down leaves nothing behind', async () => {
    const name = unique('cli');
    const up = await runCli(['up', '--detach', '--name', name, ...kafkaOnly]);
    expect(up.exitCode, up.all).toBe(0);
    expect(up.all).toMatch(/broker-1\s+ready/);
    try {
      const status = await runCli(['status', '--name', name, '--json']);
      expect(status.exitCode, status.all).toBe(0);
      const json = JSON.parse(status.stdout);
      expect(json).toMatchObject({
        name,
        mode: 'kraft',
        images: imageSet,
        kafka: { bootstrapServers: expect.stringMatching(/^127\.0\.0\.1:\d+$/), brokers: [{ id: 1, host: '127.0.0.1', port: expect.any(Number), alias: 'broker-1', running: true }] },
      });
      expect(json.kafka.topics.map((t: { name: string }) => t.name)).toContain('clickstream');

      const human = await runCli(['status', '--name', name]);
      expect(human.stdout).toMatch(/broker-1\s+127\.0\.0\.1:\d+\s+up/);
    } finally {
      const down = await runCli(['down', '--name', name]);
      expect(down.exitCode, down.all).toBe(0);
    }
    expect(await leftovers(name)).toEqual({ containers: 0, networks: 0, volumes: 0 });
    const gone = await runCli(['status', '--name', name]);
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toMatch(/no sandbox named/);
  });

  it('Ctrl-C during a foreground up tears everything down and exits with 130', async () => {
    const name = unique('sigint');
    const up = runCli(['up', '--name', name, ...kafkaOnly]);
    let output = '';
    up.all!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await pollUntil('up to report ready', async () => (/ready\. Ctrl-C stops/.test(output) ? true : undefined), { timeoutMs: 180_000 });
    up.kill('SIGINT');
    const result = await up;
    expect(result.exitCode, result.all).toBe(130);
    expect(await leftovers(name)).toEqual({ containers: 0, networks: 0, volumes: 0 });
  });

  it('bad input: unknown service in --without exits 2 with a one-line error and a hint', async () => {
    const result = await runCli(['up', '--name', unique('bad'), '--without', 'kafka-ui', '--images', imageSet]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/unknown service in --without: kafka-ui/);
    expect(result.stderr).toMatch(/hint: Services that can be left out/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
