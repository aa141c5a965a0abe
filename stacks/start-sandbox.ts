import { randomUUID } from 'node:crypto';
import type { StartedTestContainer } from 'testcontainers';
import { ConfigError, StackError } from '../runtime/core/errors.js';
import { applyTopics, type TopicChange } from '../runtime/kafka/apply-topics.js';
import { waitForClusterReady } from '../runtime/kafka/cluster-readiness.js';
import { kafkaClient } from '../runtime/kafka/kafka-client.js';
import { loadPlugins } from '../runtime/plugins/load-plugins.js';
import { startBundledWorker, stopBundledWorker } from './bundled-worker.js';
import { buildMissingImages, chooseImageSetHere } from './choose-image-set.js';
import { ensureImages } from './ensure-images.js';
import { createSandboxNetwork, removeSandboxResources, sandboxContainers } from './docker-resources.js';
import { requireDockerEngine } from './docker-engine.js';
import { parsePortsOption, planHostPorts, type PortRequest } from './host-ports.js';
import { resolveImageSet, type ImageSet } from './image-set.js';
import type { ImageSetName } from './images.js';
import { brokerPorts, replicationDefaults, type BrokerNode, type ClusterLayout } from './kafka/broker-properties.js';
import { optionalServices, resolveSandboxOptions, type ResolvedSandboxOptions, type SandboxOptions } from './sandbox-options.js';
import { writeSandboxState, type Endpoints, type SandboxState } from './sandbox-state.js';
import { startService, type ServiceContext, type ServiceDraft } from './service-container.js';
import { draftBrokers } from './services/kafka-brokers.js';
import { draftConnect } from './services/kafka-connect.js';
import { draftElasticsearch } from './services/elasticsearch.js';
import { draftPostgres, generatePassword, postgresDatabase, postgresUser } from './services/postgres.js';
import { draftSchemaRegistry } from './services/schema-registry.js';
import { draftZookeeper } from './services/zookeeper.js';
import { defaultStackFilePath, loadStackFile, type StackFile } from './stack-file.js';
import { StartedSandbox } from './started-sandbox.js';

/** Host ports tutorials assume; `up` uses them when free. */
const preferredPorts: Record<string, number> = {
  'broker-1': 9092,
  'broker-2': 9093,
  'broker-3': 9094,
  zookeeper: 2181,
  'schema-registry': 8081,
  connect: 8083,
  'connect-worker': 8084,
  postgres: 5432,
  elasticsearch: 9200,
};

function checkImagesFitMode(options: ResolvedSandboxOptions, images: ImageSet): void {
  const broker = options.mode === 'zookeeper' ? images.kafkaZk : images.kafka;
  if (options.mode === 'zookeeper' && broker.kafkaVersion && Number(broker.kafkaVersion.split('.')[0]) >= 4) {
    throw new ConfigError(`--mode zookeeper needs Kafka 3.x, but ${broker.ref} runs Kafka ${broker.kafkaVersion}`, {
      hint: 'Kafka 4 removed ZooKeeper. Use --mode kraft, or a Kafka 3.9 image for zookeeper mode.',
    });
  }
}

/** Everything a start needs that can be checked without Docker: options, stack file, plugins, ports. */
interface ValidatedStart {
  options: ResolvedSandboxOptions;
  stackFile: StackFile | undefined;
  autoCreateTopics: boolean;
  portServices: string[];
  ports: ReturnType<typeof parsePortsOption>;
}

/**
 * Validates every input of `startSandbox` before Docker is asked anything: the options, the stack
 * file (read and parsed: a mistake is a ConfigError with `file:line:col` lines), the Connect
 * plugins (loaded once) and the `ports` option. Throws the first ConfigError found.
 */
export async function validateStart(input: SandboxOptions): Promise<ValidatedStart> {
  const options = resolveSandboxOptions(input);
  const stackFile = options.stackFile === false ? undefined : await loadStackFile(options.stackFile ?? defaultStackFilePath());
  // A plugin that does not load fails here, before any container starts (the worker loads it again).
  if (options.connectPlugins.length > 0) await loadPlugins(options.connectPlugins);
  const brokerAliases = Array.from({ length: options.brokers }, (_, index) => `broker-${index + 1}`);
  const portServices = [
    ...brokerAliases,
    ...(options.mode === 'zookeeper' ? ['zookeeper'] : []),
    ...optionalServices.filter((s) => options.services.has(s)),
    ...(options.services.has('connect') ? ['connect-worker'] : []),
  ];
  const ports = parsePortsOption(options.ports, portServices);
  const autoCreateTopics = options.autoCreateTopics ?? stackFile?.autoCreateTopics ?? true;
  return { options, stackFile, autoCreateTopics, portServices, ports };
}

/**
 * Starts a sandbox and returns once every service is usable (see docs of each readiness check).
 * Every input is validated first (validateStart), before Docker or any image work. Without an
 * `images` option the set is chosen like `npm test` does (chooseImageSet), with a `notice` event
 * saying which and why; missing offline images are then built.
 * Services start in parallel where dependencies allow: brokers, ZooKeeper, the registry, Postgres
 * and Elasticsearch at once; Connect and topic seeding once the cluster passes its round trip.
 * On any failure everything already started is removed before the error is thrown.
 */
export async function startSandbox(input: SandboxOptions = {}): Promise<StartedSandbox> {
  const started = Date.now();
  const { options, stackFile, autoCreateTopics, portServices, ports: portsOption } = await validateStart(input);
  const emit = (service: string, state: 'starting' | 'ready' | 'failed' | 'notice', extra: { endpoint?: string; message?: string } = {}) =>
    options.onEvent({ service, state, elapsedMs: Date.now() - started, ...extra });

  await requireDockerEngine();
  if ((await sandboxContainers(options.name)).length > 0) {
    throw new ConfigError(`a sandbox named "${options.name}" already exists`, {
      hint: `Stop it with \`kafka-sandbox down --name ${options.name}\`, or start another with --name.`,
    });
  }
  const choice = await chooseImageSetHere(options.images);
  const imageSet: ImageSetName = choice.set;
  if (choice.source !== 'option') emit('images', 'notice', { message: choice.reason });
  const images = resolveImageSet(imageSet);
  checkImagesFitMode(options, images);

  const brokerAliases = portServices.filter((service) => service.startsWith('broker-'));
  const requests: PortRequest[] = portServices.map((service) => ({ service, preferred: preferredPorts[service]! }));
  const { mode: portMode, explicit } = portsOption;
  const { ports, notices } = await planHostPorts(requests, portMode, explicit);
  for (const message of notices) emit('ports', 'notice', { message });

  const layout: ClusterLayout = {
    mode: options.mode,
    brokers: brokerAliases.map((alias, index): BrokerNode => ({ nodeId: index + 1, alias, hostPort: ports[alias]! })),
    zookeeperConnect: 'zookeeper:2181',
    autoCreateTopics,
  };
  const { replicationFactor } = replicationDefaults(options.brokers);
  const bootstrapServers = layout.brokers.map((b) => `127.0.0.1:${b.hostPort}`).join(',');
  const internalBootstrapServers = layout.brokers.map((b) => `${b.alias}:${brokerPorts.internal}`).join(',');
  const password = generatePassword();
  const endpoints: Endpoints = { bootstrapServers, internalBootstrapServers };

  const kafkaImage = options.mode === 'zookeeper' ? images.kafkaZk : images.kafka;
  const serviceImages = {
    'schema-registry': images.schemaRegistry,
    connect: images.connect,
    postgres: images.postgres,
    elasticsearch: images.elasticsearch,
  } as const;
  const imageRefs = [
    kafkaImage.ref,
    ...(options.mode === 'zookeeper' ? [images.zookeeper.ref] : []),
    ...optionalServices.filter((service) => options.services.has(service)).map((service) => serviceImages[service].ref),
  ];
  const built = await buildMissingImages(choice, imageRefs, (message) => emit('images', 'notice', { message }), (event) => {
    if (event.kind === 'building') emit('images', 'starting', { message: `${event.tag}: ${event.step}` });
    if (event.kind === 'built') emit('images', 'ready', { message: `${event.tag} built in ${(event.ms / 1000).toFixed(1)} s` });
  });
  if (built.length > 0) emit('images', 'ready', { message: `built ${built.join(', ')}` });
  await ensureImages(imageSet, imageRefs);

  const networkName = await createSandboxNetwork(options.name);
  const context: ServiceContext = { sandboxName: options.name, networkName, hostPorts: ports, startupTimeoutMs: options.startupTimeoutMs };
  const containers = new Map<string, StartedTestContainer>();
  /** Starts one service, or several containers together under the first one's name (events). */
  const run = async (drafts: ServiceDraft | ServiceDraft[], endpoint?: string) => {
    const group = Array.isArray(drafts) ? drafts : [drafts];
    const service = group[0]!.service;
    emit(service, 'starting');
    try {
      await Promise.all(group.map(async (draft) => void containers.set(draft.service, await startService(draft))));
    } catch (error) {
      emit(service, 'failed', { message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    emit(service, 'ready', endpoint ? { endpoint } : {});
  };

  let topicChanges: TopicChange[] = [];
  const kafka = async () => {
    if (options.mode === 'zookeeper') await run(draftZookeeper(context, images.zookeeper), `127.0.0.1:${ports.zookeeper}`);
    const clusterId = randomUUID().replace(/-/g, '').slice(0, 22);
    await Promise.all(draftBrokers(context, kafkaImage, layout, clusterId).map((draft) => run(draft, `127.0.0.1:${ports[draft.service]}`)));
    emit('kafka', 'starting', { message: `round trip with acks=all on an RF-${replicationFactor} topic` });
    await waitForClusterReady({ bootstrapServers, expectedBrokers: options.brokers, replicationFactor, timeoutMs: options.startupTimeoutMs });
    emit('kafka', 'ready', { endpoint: bootstrapServers });
    const later: Promise<void>[] = [];
    if (options.services.has('connect')) {
      endpoints.connectWorkerUrl = `http://127.0.0.1:${ports['connect-worker']}`;
      later.push(run(draftConnect(context, images.connect, internalBootstrapServers, replicationFactor), endpoints.connectWorkerUrl));
      later.push(bundledWorker());
    }
    if (stackFile) later.push(seedTopics(stackFile));
    await Promise.all(later);
  };
  let connectWorkerPid: number | undefined;
  const bundledWorker = async () => {
    emit('connect', 'starting', { message: 'bundled worker' });
    const worker = await startBundledWorker(options.name, endpoints, ports.connect!, replicationFactor, options.connectPlugins, options.connectPluginModules);
    connectWorkerPid = worker.pid;
    endpoints.connectUrl = worker.url;
    emit('connect', 'ready', { endpoint: worker.url });
  };
  const seedTopics = async (file: StackFile) => {
    const path = file.fileName;
    emit('topics', 'starting', { message: path });
    const admin = kafkaClient(bootstrapServers).admin();
    await admin.connect();
    try {
      topicChanges = await applyTopics(admin, file.topics, { brokerCount: options.brokers });
    } finally {
      await admin.disconnect();
    }
    emit('topics', 'ready', { message: `${topicChanges.length} topics from ${path}` });
  };

  const tasks: Promise<void>[] = [kafka()];
  if (options.services.has('schema-registry')) {
    endpoints.schemaRegistryUrl = `http://127.0.0.1:${ports['schema-registry']}`;
    tasks.push(run(draftSchemaRegistry(context, images.schemaRegistry), endpoints.schemaRegistryUrl));
  }
  if (options.services.has('postgres')) {
    endpoints.postgresUrl = `postgres://${postgresUser}:${password}@127.0.0.1:${ports.postgres}/${postgresDatabase}`;
    tasks.push(run(draftPostgres(context, images.postgres, password), `postgres://${postgresUser}:****@127.0.0.1:${ports.postgres}/${postgresDatabase}`));
  }
  if (options.services.has('elasticsearch')) {
    endpoints.elasticsearchUrl = `http://127.0.0.1:${ports.elasticsearch}`;
    tasks.push(run(draftElasticsearch(context, images.elasticsearch), endpoints.elasticsearchUrl));
  }

  try {
    await Promise.all(tasks);
  } catch (error) {
    // Remove first so services still starting fail fast, then again for any created meanwhile.
    await removeSandboxResources(options.name);
    await stopBundledWorker(connectWorkerPid);
    await Promise.race([Promise.allSettled(tasks), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
    await removeSandboxResources(options.name);
    if (error instanceof StackError || error instanceof ConfigError) throw error;
    throw new StackError(`the sandbox did not become ready: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  const state: SandboxState = {
    name: options.name,
    mode: options.mode,
    images: imageSet,
    networkName,
    startedAt: new Date(started).toISOString(),
    brokers: layout.brokers.map((b) => ({ id: b.nodeId, alias: b.alias, host: '127.0.0.1', port: b.hostPort })),
    endpoints,
    ...(connectWorkerPid ? { connectWorkerPid } : {}),
  };
  await writeSandboxState(state);
  return new StartedSandbox(state, containers, topicChanges);
}
