/** Container ports every broker uses; the host port of the EXTERNAL listener differs per broker. */
export const brokerPorts = { internal: 9092, external: 29092, controller: 9093 } as const;

export type KafkaMode = 'kraft' | 'zookeeper';

export interface BrokerNode {
  nodeId: number;
  /** Network alias other containers use: broker-1, broker-2, ... */
  alias: string;
  /** Port on 127.0.0.1 published to the EXTERNAL listener. */
  hostPort: number;
}

export interface ClusterLayout {
  mode: KafkaMode;
  brokers: BrokerNode[];
  /** The ZooKeeper connect string in zookeeper mode. */
  zookeeperConnect?: string;
  /**
   * `auto.create.topics.enable` (default true, as in Kafka): an unknown topic a client produces to
   * or asks metadata for is created with `num.partitions` and `default.replication.factor`.
   */
  autoCreateTopics?: boolean;
}

/** Replication defaults for a cluster of `count` brokers: RF 3 and min ISR 2 on three brokers. */
export function replicationDefaults(count: number): { replicationFactor: number; minInsyncReplicas: number } {
  const replicationFactor = Math.min(3, count);
  return { replicationFactor, minInsyncReplicas: Math.max(1, Math.min(2, replicationFactor - 1)) };
}

/**
 * server.properties of one broker. Two client listeners: INTERNAL advertised as `alias:9092` for
 * containers on the network, EXTERNAL advertised as `127.0.0.1:hostPort` for clients on the host.
 * In KRaft mode every node is a combined broker+controller with a static voter list; the
 * CONTROLLER listener is never advertised.
 */
export function brokerProperties(layout: ClusterLayout, node: BrokerNode): Record<string, string> {
  const { replicationFactor, minInsyncReplicas } = replicationDefaults(layout.brokers.length);
  const rf = String(replicationFactor);
  const listeners = [`INTERNAL://0.0.0.0:${brokerPorts.internal}`, `EXTERNAL://0.0.0.0:${brokerPorts.external}`];
  const protocols = ['INTERNAL:PLAINTEXT', 'EXTERNAL:PLAINTEXT'];
  const common: Record<string, string> = {
    'advertised.listeners': `INTERNAL://${node.alias}:${brokerPorts.internal},EXTERNAL://127.0.0.1:${node.hostPort}`,
    'inter.broker.listener.name': 'INTERNAL',
    'log.dirs': '/var/lib/kafka/data',
    'num.partitions': '3',
    'default.replication.factor': rf,
    'min.insync.replicas': String(minInsyncReplicas),
    'offsets.topic.replication.factor': rf,
    'transaction.state.log.replication.factor': rf,
    'transaction.state.log.min.isr': String(minInsyncReplicas),
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': String(layout.autoCreateTopics ?? true),
    'offsets.topic.num.partitions': '10',
  };
  if (layout.mode === 'kraft') {
    return {
      'process.roles': 'broker,controller',
      'node.id': String(node.nodeId),
      'controller.quorum.voters': layout.brokers.map((b) => `${b.nodeId}@${b.alias}:${brokerPorts.controller}`).join(','),
      'controller.listener.names': 'CONTROLLER',
      listeners: [...listeners, `CONTROLLER://0.0.0.0:${brokerPorts.controller}`].join(','),
      'listener.security.protocol.map': [...protocols, 'CONTROLLER:PLAINTEXT'].join(','),
      ...common,
    };
  }
  return {
    'broker.id': String(node.nodeId),
    'zookeeper.connect': layout.zookeeperConnect ?? 'zookeeper:2181',
    listeners: listeners.join(','),
    'listener.security.protocol.map': protocols.join(','),
    ...common,
  };
}

/** `key=value` lines, sorted, for a .properties file. */
export function toPropertiesFile(properties: Record<string, string>): string {
  return Object.keys(properties)
    .sort()
    .map((key) => `${key}=${properties[key]}`)
    .join('\n')
    .concat('\n');
}
