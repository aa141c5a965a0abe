import { StackError } from '../../runtime/core/errors.js';
import { applyTopics } from '../../runtime/kafka/apply-topics.js';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { readSandboxState } from '../../stacks/sandbox-state.js';
import { loadStackFile } from '../../stacks/stack-file.js';

/** `kafka-sandbox topics apply FILE`: makes the cluster's topics match a stack file, idempotently. */
export async function topicsApply(file: string, options: { name: string; bootstrapServer?: string }): Promise<void> {
  const stack = await loadStackFile(file);
  const bootstrap = options.bootstrapServer ?? (await readSandboxState(options.name))?.endpoints.bootstrapServers;
  if (!bootstrap) {
    throw new StackError(`no sandbox named "${options.name}" is running`, { hint: 'Start one with `kafka-sandbox up --detach`, or pass --bootstrap-server.' });
  }
  const admin = kafkaClient(bootstrap).admin();
  await admin.connect();
  try {
    const brokerCount = (await admin.describeCluster()).brokers.length;
    for (const change of await applyTopics(admin, stack.topics, { brokerCount })) {
      console.log(`${change.kind.padEnd(12)} ${change.topic.padEnd(24)} ${change.detail}`);
    }
  } finally {
    await admin.disconnect();
  }
}
