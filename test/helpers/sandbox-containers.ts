import { requireDockerEngine } from '../../stacks/docker-engine.js';
import type { SandboxState } from '../../stacks/sandbox-state.js';

/** The Docker container of one service of a sandbox, found by its name, for fault injection. */
export async function serviceContainer(state: SandboxState, service: string) {
  const client = await requireDockerEngine();
  return client.container.dockerode.getContainer(`kafka-sandbox-${state.name}-${service}`);
}

/** The host port Docker publishes for a container port, as "127.0.0.1:PORT". */
export async function publishedAddress(state: SandboxState, service: string, containerPort: number): Promise<string | undefined> {
  const info = await (await serviceContainer(state, service)).inspect();
  const binding = info.HostConfig.PortBindings?.[`${containerPort}/tcp`]?.[0];
  return binding ? `${binding.HostIp}:${binding.HostPort}` : undefined;
}
