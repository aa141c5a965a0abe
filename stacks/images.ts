/**
 * Every image and version kafka-sandbox uses, pinned in this one file.
 *
 * Two image sets run through the same stack code: `official` (registry images, the default for
 * users who can pull) and `offline` (built locally by `kafka-sandbox images build` from Debian
 * packages and Maven Central; see stacks/kit/README.md). Each image has a `flavor` that tells the
 * stack which small launch adapter it needs.
 */

/** Versions of everything the offline kit resolves; `${name}` placeholders in kit/<image>/maven.json. */
export const kitVersions = {
  debianSuite: 'bookworm',
  kafka4: '4.3.1',
  kafka39: '3.9.1',
  log4j2: '2.25.4',
  zookeeper: '3.8.4',
  /** ZooKeeper marks these `provided`, yet its server and CLI need them: versions from its own build. */
  zookeeperMetrics: '4.1.12.1',
  snappyJava: '1.1.10.5',
  commonsCli: '1.5.0',
  reload4j: '1.2.25',
  slf4jReload4j: '1.7.36',
  debezium: '3.6.0.Final',
  apicurio: '3.0.9',
  elasticsearch: '8.19.21',
  /** The Elasticsearch sink: Camel Kafka Connector's generic sink + camel-http (per-connector Camel packages are not on Central). */
  camelKafkaConnector: '0.11.0',
  camel3: '3.14.9',
  camel3Jackson: '2.12.7',
  postgres: '15',
} as const;

export type ImageSetName = 'official' | 'offline';
export const imageSetNames: readonly ImageSetName[] = ['official', 'offline'];

/** The roles the stack needs an image for. */
export type ServiceRole =
  | 'kafka'
  | 'kafkaZk'
  | 'zookeeper'
  | 'connect'
  | 'schemaRegistry'
  | 'postgres'
  | 'elasticsearch';

export const serviceRoles: readonly ServiceRole[] = [
  'kafka',
  'kafkaZk',
  'zookeeper',
  'connect',
  'schemaRegistry',
  'postgres',
  'elasticsearch',
];

/** How an image wants to be launched; one adapter per flavor in stacks/launch/. */
export type ImageFlavor =
  | 'sandbox'
  | 'apache-kafka'
  | 'confluent'
  | 'debezium-connect'
  | 'apicurio'
  | 'postgres'
  | 'elasticsearch';

export interface ImageChoice {
  role: ServiceRole;
  /** Full reference, e.g. `apache/kafka:4.1.0` or `kafka-sandbox/kafka:3f2a9c1d0b4e`. */
  ref: string;
  flavor: ImageFlavor;
  /** The Kafka line this image runs, for roles that run Kafka. */
  kafkaVersion?: string;
}

/** Registry images for users who can pull. Kept at the same major lines as the offline kit. */
export const officialImages: Record<ServiceRole, Omit<ImageChoice, 'role'>> = {
  kafka: { ref: 'apache/kafka:4.3.1', flavor: 'apache-kafka', kafkaVersion: '4.3.1' },
  kafkaZk: { ref: 'confluentinc/cp-kafka:7.9.4', flavor: 'confluent', kafkaVersion: '3.9.1' },
  zookeeper: { ref: 'confluentinc/cp-zookeeper:7.9.4', flavor: 'confluent' },
  connect: { ref: 'quay.io/debezium/connect:3.6.0.Final', flavor: 'debezium-connect' },
  schemaRegistry: { ref: 'apicurio/apicurio-registry:3.0.9', flavor: 'apicurio' },
  postgres: { ref: 'postgres:16', flavor: 'postgres' },
  elasticsearch: { ref: 'docker.elastic.co/elasticsearch/elasticsearch:8.19.21', flavor: 'elasticsearch' },
};

/** The kit folder (stacks/kit/<folder>) that builds the offline image for each role. */
export const kitFolders: Record<ServiceRole, string> = {
  kafka: 'kafka',
  kafkaZk: 'kafka39',
  zookeeper: 'zookeeper',
  connect: 'connect',
  schemaRegistry: 'schema-registry',
  postgres: 'postgres',
  elasticsearch: 'elasticsearch',
};

export const kitImagePrefix = 'kafka-sandbox/';

export function kitKafkaVersion(role: ServiceRole): string | undefined {
  if (role === 'kafka' || role === 'connect') return kitVersions.kafka4;
  if (role === 'kafkaZk') return kitVersions.kafka39;
  return undefined;
}
