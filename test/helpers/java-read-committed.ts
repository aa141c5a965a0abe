import { GenericContainer, Wait } from 'testcontainers';
import { inject } from 'vitest';
import { resolveImageSet } from '../../stacks/image-set.js';

/**
 * The JSON-object values in `topic` as Kafka's own console consumer reads them, read_committed, from
 * a container on the sandbox network: until 20 s pass without a record. The reference for
 * exactly-once checks.
 */
export async function javaReadCommitted(topic: string): Promise<string[]> {
  const state = inject('sandboxState');
  const image = resolveImageSet(inject('imageSet')).kafka;
  const tool = image.flavor === 'sandbox' ? 'kafka-console-consumer' : '/opt/kafka/bin/kafka-console-consumer.sh';
  const command = `${tool} --bootstrap-server ${state.endpoints.internalBootstrapServers} --topic ${topic} --from-beginning --isolation-level read_committed --timeout-ms 20000 2>/dev/null; true`;
  let output = '';
  const container = await new GenericContainer(image.ref)
    .withNetworkMode(state.networkName)
    .withEntrypoint(['sh', '-c'])
    .withCommand([command])
    .withLogConsumer((stream) => stream.on('data', (chunk: Buffer) => (output += chunk.toString())))
    .withWaitStrategy(Wait.forOneShotStartup())
    .withStartupTimeout(180_000)
    .start();
  await container.stop();
  return output.split('\n').filter((line) => line.startsWith('{'));
}
