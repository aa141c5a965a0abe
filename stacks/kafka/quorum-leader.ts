import type { ImageChoice } from '../images.js';
import { askBroker } from './broker-tool.js';

/**
 * The active KRaft controller (quorum leader). Kafka clients only see a random broker as
 * "controller" in KRaft mode, so this asks the quorum itself with `kafka-metadata-quorum`, run
 * inside a running broker container. Undefined when no broker answers.
 */
export async function kraftQuorumLeader(containerNames: string[], flavor: ImageChoice['flavor']): Promise<number | undefined> {
  return askBroker(containerNames, flavor, 'kafka-metadata-quorum', ['describe', '--status'], (output) => {
    const leader = /LeaderId:\s*(\d+)/.exec(output)?.[1];
    return leader ? Number(leader) : undefined;
  });
}
