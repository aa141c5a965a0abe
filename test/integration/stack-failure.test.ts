import { describe, expect, inject, it } from 'vitest';
import { StackError } from '../../runtime/core/errors.js';
import { sandboxContainers } from '../../stacks/docker-resources.js';
import { requireDockerEngine } from '../../stacks/docker-engine.js';
import { labelKeys } from '../../stacks/labels.js';
import { startSandbox } from '../../stacks/start-sandbox.js';
import { unique } from '../helpers/unique.js';

describe('a service that fails to start', () => {
  it('removes everything already started and names the service, its image and its last log lines', async () => {
    const name = unique('fail');
    // A Kafka broker (two JVM starts: storage format, then the broker) cannot be ready within 0.5 s.
    const error = await startSandbox({
      name,
      images: inject('imageSet'),
      brokers: 1,
      without: ['schema-registry', 'connect', 'postgres', 'elasticsearch'],
      stackFile: false,
      startupTimeoutMs: 500,
    }).then(
      async (sandbox) => void (await sandbox.stop()),
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StackError);
    const stackError = error as StackError;
    expect(stackError.message).toMatch(/^broker-1 \(image \S+\) failed to start/);
    // The broker's JVM prints within a second or two; under heavy load it may not have yet.
    const logLines = stackError.nextSteps.join('\n').split('\n').filter(Boolean);
    expect(logLines.length).toBeLessThanOrEqual(30);
    if (logLines.length > 0) expect(stackError.hint).toBe(`Its last ${logLines.length} log lines are below.`);
    expect(await sandboxContainers(name)).toEqual([]);
    const docker = (await requireDockerEngine()).container.dockerode;
    expect(await docker.listNetworks({ filters: { label: [`${labelKeys.name}=${name}`] } })).toEqual([]);
  });
});
