import type Dockerode from 'dockerode';
import { requireDockerEngine } from './docker-engine.js';
import { labelKeys, sandboxLabels } from './labels.js';

async function docker(): Promise<Dockerode> {
  return (await requireDockerEngine()).container.dockerode;
}

const labelFilter = (name?: string) => ({
  label: [`${labelKeys.managed}=true`, ...(name ? [`${labelKeys.name}=${name}`] : [])],
});

/** Containers of a sandbox (or of every sandbox), running or not. */
export async function sandboxContainers(name?: string): Promise<Dockerode.ContainerInfo[]> {
  return (await docker()).listContainers({ all: true, filters: labelFilter(name) });
}

/** Names of every sandbox that has at least one container. */
export async function sandboxNames(): Promise<string[]> {
  const containers = await sandboxContainers();
  return [...new Set(containers.map((container) => container.Labels[labelKeys.name] ?? 'default'))].sort();
}

/** The network a sandbox's containers share, labelled so `down` can remove it. */
export async function createSandboxNetwork(name: string): Promise<string> {
  const networkName = `kafka-sandbox-${name}-${Date.now().toString(36)}`;
  await (await docker()).createNetwork({ Name: networkName, Driver: 'bridge', Labels: sandboxLabels(name), CheckDuplicate: true });
  return networkName;
}

export interface RemovalReport {
  containers: number;
  networks: number;
  volumes: number;
}

/** Removes every container, network and volume labelled with this sandbox name. Idempotent. */
export async function removeSandboxResources(name: string): Promise<RemovalReport> {
  const engine = await docker();
  const containers = await engine.listContainers({ all: true, filters: labelFilter(name) });
  await Promise.all(
    containers.map((info) =>
      engine
        .getContainer(info.Id)
        .remove({ force: true, v: true })
        .catch((error: { statusCode?: number }) => {
          if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
        }),
    ),
  );
  const networks = await engine.listNetworks({ filters: labelFilter(name) });
  for (const network of networks) await engine.getNetwork(network.Id).remove().catch(() => undefined);
  const { Volumes: volumes } = await engine.listVolumes({ filters: labelFilter(name) });
  for (const volume of volumes ?? []) await engine.getVolume(volume.Name).remove().catch(() => undefined);
  return { containers: containers.length, networks: networks.length, volumes: volumes?.length ?? 0 };
}
