import type { TopicHealth } from '../../runtime/kafka/cluster-status.js';
import { parseDescribeTopics } from '../../runtime/kafka/describe-topics-output.js';
import type { ImageChoice } from '../images.js';
import { askBroker } from './broker-tool.js';

/**
 * Topic health as Kafka's own `kafka-topics --describe` reports it, run inside a running broker
 * container: it still answers when a partition has no leader, where kafkajs fails every metadata
 * request. Undefined when no broker answers.
 */
export async function describeTopicsInContainer(containerNames: string[], flavor: ImageChoice['flavor']): Promise<TopicHealth[] | undefined> {
  return askBroker(containerNames, flavor, 'kafka-topics', ['--describe', '--exclude-internal'], parseDescribeTopics);
}
