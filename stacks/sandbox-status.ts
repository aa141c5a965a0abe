import { clusterStatus, type TopicHealth } from '../runtime/kafka/cluster-status.js';
import { sandboxContainers } from './docker-resources.js';
import { connectFileDirectory, isAlive } from './bundled-worker.js';
import { resolveImageSet } from './image-set.js';
import { describeTopicsInContainer } from './kafka/describe-topics.js';
import { kraftQuorumLeader } from './kafka/quorum-leader.js';
import { labelKeys } from './labels.js';
import type { SandboxState } from './sandbox-state.js';

export interface ServiceStatus {
  service: string;
  state: string;
  running: boolean;
}

/** The `status --json` document; the keys the issue fixes come first, more may follow. */
export interface SandboxStatus {
  name: string;
  mode: SandboxState['mode'];
  images: SandboxState['images'];
  kafka: {
    bootstrapServers: string;
    brokers: { id: number; host: string; port: number; alias: string; running: boolean; controller: boolean }[];
    topics: TopicHealth[];
    error?: string;
  };
  schemaRegistry?: { url: string };
  /** `url`: the Connect REST API users call (the bundled worker); `workerUrl`: the real Connect worker. */
  /** `fileDirectory`: where the bundled FileStream connectors' `file` paths resolve. */
  connect?: { url: string; workerUrl?: string; fileDirectory: string };
  postgres?: { url: string };
  elasticsearch?: { url: string };
  services: ServiceStatus[];
}

/** The bundled Connect worker is a host process, not a container: its state is its PID's. */
function bundledWorkerStatus(pid: number): ServiceStatus {
  const running = isAlive(pid);
  return { service: 'connect', state: running ? `running (pid ${pid})` : 'exited', running };
}

/** Container states from Docker plus broker and topic health from the cluster itself. */
export async function sandboxStatus(state: SandboxState): Promise<SandboxStatus> {
  const containers = await sandboxContainers(state.name);
  const services = containers
    .map((info) => ({ service: info.Labels[labelKeys.service] ?? info.Names[0] ?? info.Id, state: info.State, running: info.State === 'running' }))
    .concat(state.connectWorkerPid ? [bundledWorkerStatus(state.connectWorkerPid)] : [])
    .sort((a, b) => a.service.localeCompare(b.service));
  const running = (service: string) => services.some((s) => s.service === service && s.running);
  let controllerId: number | null = null;
  let topics: TopicHealth[] = [];
  let error: string | undefined;
  const live = state.brokers.filter((broker) => running(broker.alias));
  if (live.length > 0) {
    const containerNames = live.map((b) => `kafka-sandbox-${state.name}-${b.alias}`);
    const flavor = resolveImageSet(state.images).kafka.flavor;
    try {
      const cluster = await clusterStatus(live.map((broker) => `${broker.host}:${broker.port}`).join(','));
      topics = cluster.topics;
      controllerId = cluster.controllerId;
    } catch (cause) {
      // kafkajs fails every metadata request while any partition has no leader: ask Kafka's own tool.
      const described = await describeTopicsInContainer(containerNames, flavor);
      if (described) topics = described;
      else error = cause instanceof Error ? cause.message : String(cause);
    }
    // In KRaft mode clients see a random broker as controller; ask the quorum for its leader.
    if (state.mode === 'kraft') controllerId = (await kraftQuorumLeader(containerNames, flavor)) ?? null;
  }
  const { endpoints } = state;
  return {
    name: state.name,
    mode: state.mode,
    images: state.images,
    kafka: {
      bootstrapServers: endpoints.bootstrapServers,
      brokers: state.brokers.map((broker) => ({ ...broker, running: running(broker.alias), controller: broker.id === controllerId })),
      topics,
      ...(error ? { error } : {}),
    },
    ...(endpoints.schemaRegistryUrl ? { schemaRegistry: { url: endpoints.schemaRegistryUrl } } : {}),
    ...(endpoints.connectUrl ? { connect: { url: endpoints.connectUrl, ...(endpoints.connectWorkerUrl ? { workerUrl: endpoints.connectWorkerUrl } : {}), fileDirectory: connectFileDirectory(state.name) } } : {}),
    ...(endpoints.postgresUrl ? { postgres: { url: endpoints.postgresUrl } } : {}),
    ...(endpoints.elasticsearchUrl ? { elasticsearch: { url: endpoints.elasticsearchUrl } } : {}),
    services,
  };
}
