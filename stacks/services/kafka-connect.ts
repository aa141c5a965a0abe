import { Wait } from 'testcontainers';
import type { ImageChoice } from '../images.js';
import { toPropertiesFile } from '../kafka/broker-properties.js';
import { debeziumConnectEnvName, toEnv } from '../launch/env-conventions.js';
import { draftService, type ServiceContext, type ServiceDraft } from '../service-container.js';

export const connectPort = 8083;

/** connect-distributed.properties for a worker on the sandbox network. */
export function connectProperties(bootstrapServers: string, replicationFactor: number): Record<string, string> {
  const rf = String(replicationFactor);
  return {
    'bootstrap.servers': bootstrapServers,
    'group.id': 'kafka-sandbox-connect',
    'config.storage.topic': '_connect-configs',
    'offset.storage.topic': '_connect-offsets',
    'status.storage.topic': '_connect-status',
    'config.storage.replication.factor': rf,
    'offset.storage.replication.factor': rf,
    'status.storage.replication.factor': rf,
    'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'key.converter.schemas.enable': 'false',
    'value.converter.schemas.enable': 'false',
    'listeners': `http://0.0.0.0:${connectPort}`,
    'rest.advertised.host.name': 'connect',
    'rest.advertised.port': String(connectPort),
    'plugin.path': '/opt/sandbox/plugins',
    // Read plugin manifests instead of scanning every jar: Connect starts in ~3 s instead of ~11 s.
    'plugin.discovery': 'service_load',
    'offset.flush.interval.ms': '5000',
  };
}

/** The real Kafka Connect worker (distributed mode), needed for Debezium and other Java plugins. */
export function draftConnect(context: ServiceContext, image: ImageChoice, bootstrapServers: string, replicationFactor: number): ServiceDraft {
  const properties = connectProperties(bootstrapServers, replicationFactor);
  const launch: { env: Record<string, string>; files?: { target: string; content: string }[] } =
    image.flavor === 'sandbox'
      ? { files: [{ target: '/opt/sandbox/config/connect-distributed.properties', content: toPropertiesFile(properties) }], env: { KAFKA_HEAP_OPTS: '-Xmx512m -Xms256m' } }
      : {
          env: {
            BOOTSTRAP_SERVERS: bootstrapServers,
            GROUP_ID: properties['group.id']!,
            CONFIG_STORAGE_TOPIC: properties['config.storage.topic']!,
            OFFSET_STORAGE_TOPIC: properties['offset.storage.topic']!,
            STATUS_STORAGE_TOPIC: properties['status.storage.topic']!,
            HEAP_OPTS: '-Xmx512m -Xms256m',
            ...toEnv(
              Object.fromEntries(Object.entries(properties).filter(([key]) => key.includes('replication') || key.includes('converter'))),
              debeziumConnectEnvName,
            ),
          },
        };
  return draftService(context, {
    // The stack's Connect URL (8083, service `connect`) is the bundled worker, which forwards here.
    service: 'connect-worker',
    image,
    aliases: ['connect', 'kafka-connect'],
    publish: connectPort,
    ...launch,
    wait: Wait.forHttp('/connector-plugins', connectPort).forStatusCode(200),
  });
}
