import { parseDescribeTopics } from '../../runtime/kafka/describe-topics-output.js';
import type { TopicHealth } from '../../runtime/kafka/cluster-status.js';
import { requireDockerEngine } from '../docker-engine.js';
import type { ImageChoice } from '../images.js';
import { brokerPorts } from './broker-properties.js';

/**
 * Topic health as Kafka's own `kafka-topics --describe` reports it, run inside a running broker
 * container: it still answers when a partition has no leader, where kafkajs fails every metadata
 * request. Undefined when no broker answers.
 */
export async function describeTopicsInContainer(containerNames: string[], flavor: ImageChoice['flavor']): Promise<TopicHealth[] | undefined> {
  const client = await requireDockerEngine();
  const tool = flavor === 'apache-kafka' ? '/opt/kafka/bin/kafka-topics.sh' : 'kafka-topics';
  for (const name of containerNames) {
    try {
      const container = client.container.getById(name);
      const result = await client.container.exec(container, [tool, '--bootstrap-server', `localhost:${brokerPorts.internal}`, '--describe', '--exclude-internal']);
      if (result.exitCode === 0) return parseDescribeTopics(result.output);
    } catch {
      // try the next broker
    }
  }
  return undefined;
}
