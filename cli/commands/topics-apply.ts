import { withSandbox } from './topics.js';

/** `kafka-sandbox topics apply FILE`: makes the cluster's topics match a stack file, idempotently. */
export async function topicsApply(file: string, options: { name: string; bootstrapServer?: string; json?: boolean }): Promise<void> {
  await withSandbox(options, async (sandbox) => {
    const changes = await sandbox.topics.apply(file);
    if (options.json) {
      console.log(JSON.stringify(changes, null, 2));
      return;
    }
    for (const change of changes) console.log(`${change.kind.padEnd(12)} ${change.topic.padEnd(24)} ${change.detail}`);
  });
}
