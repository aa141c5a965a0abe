import { requireDockerEngine } from '../docker-engine.js';
import type { ImageChoice } from '../images.js';
import { brokerPorts } from './broker-properties.js';

/**
 * The active KRaft controller (quorum leader). Kafka clients only see a random broker as
 * "controller" in KRaft mode, so this asks the quorum itself with `kafka-metadata-quorum`, run
 * inside a running broker container. Undefined when no broker answers.
 */
export async function kraftQuorumLeader(containerNames: string[], flavor: ImageChoice['flavor']): Promise<number | undefined> {
  const client = await requireDockerEngine();
  const tool = flavor === 'sandbox' ? 'kafka-metadata-quorum' : '/opt/kafka/bin/kafka-metadata-quorum.sh';
  for (const name of containerNames) {
    try {
      const container = client.container.getById(name);
      const result = await client.container.exec(container, [tool, '--bootstrap-server', `localhost:${brokerPorts.internal}`, 'describe', '--status']);
      const leader = /LeaderId:\s*(\d+)/.exec(result.output)?.[1];
      if (result.exitCode === 0 && leader) return Number(leader);
    } catch {
      // try the next broker
    }
  }
  return undefined;
}
