import { Wait } from 'testcontainers';
import type { ImageChoice } from '../images.js';
import { brokerPorts, brokerProperties, toPropertiesFile, type ClusterLayout } from '../kafka/broker-properties.js';
import { apacheKafkaEnvName, confluentEnvName, toEnv } from '../launch/env-conventions.js';
import { draftService, type ServiceContext, type ServiceDraft } from '../service-container.js';

/** The line every Kafka version and image prints once its broker is serving. */
export const brokerStartedLog = /Kafka ?Server.*started|\[KafkaServer id=\d+\] started/;

export const brokerHeap = '-Xmx384m -Xms384m';

/** Where the sandbox images read their server.properties. */
const sandboxServerProperties = '/opt/sandbox/config/server.properties';

function launch(image: ImageChoice, properties: Record<string, string>, clusterId: string) {
  const heap = { KAFKA_HEAP_OPTS: brokerHeap };
  switch (image.flavor) {
    case 'sandbox':
      return {
        env: { ...heap, CLUSTER_ID: clusterId },
        files: [{ target: sandboxServerProperties, content: toPropertiesFile(properties) }],
      };
    case 'apache-kafka':
      return { env: { ...heap, CLUSTER_ID: clusterId, ...toEnv(properties, apacheKafkaEnvName) } };
    case 'confluent':
      return { env: { ...heap, CLUSTER_ID: clusterId, ...toEnv(properties, (key) => confluentEnvName(key)) } };
    default:
      throw new Error(`image flavor ${image.flavor} cannot run a Kafka broker`);
  }
}

/**
 * One container per broker. All must be started together in KRaft mode: a node serves only once
 * two of the three controllers are up. broker-1 also answers to the alias `kafka`, the host name
 * tutorials use inside a compose network.
 */
export function draftBrokers(context: ServiceContext, image: ImageChoice, layout: ClusterLayout, clusterId: string): ServiceDraft[] {
  return layout.brokers.map((node) =>
    draftService(context, {
      service: node.alias,
      image,
      aliases: node.nodeId === 1 ? [node.alias, 'kafka'] : [node.alias],
      publish: brokerPorts.external,
      ...launch(image, brokerProperties(layout, node), clusterId),
      wait: Wait.forLogMessage(brokerStartedLog),
    }),
  );
}
