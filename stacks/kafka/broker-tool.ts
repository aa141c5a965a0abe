import { requireDockerEngine } from '../docker-engine.js';
import type { ImageChoice } from '../images.js';
import { brokerPorts } from './broker-properties.js';

/**
 * Runs one of Kafka's command-line tools (`kafka-topics`, `kafka-metadata-quorum`, ...) against
 * `localhost` inside the first running broker container whose answer `parse` accepts, so it reads
 * what Kafka itself reports. Undefined when no broker gives one.
 */
export async function askBroker<T>(
  containerNames: readonly string[],
  flavor: ImageChoice['flavor'],
  tool: string,
  args: readonly string[],
  parse: (output: string) => T | undefined,
): Promise<T | undefined> {
  const client = await requireDockerEngine();
  const command = flavor === 'apache-kafka' ? `/opt/kafka/bin/${tool}.sh` : tool;
  for (const name of containerNames) {
    try {
      const result = await client.container.exec(client.container.getById(name), [command, '--bootstrap-server', `localhost:${brokerPorts.internal}`, ...args]);
      const parsed = result.exitCode === 0 ? parse(result.output) : undefined;
      if (parsed !== undefined) return parsed;
    } catch {
      // try the next broker
    }
  }
  return undefined;
}
