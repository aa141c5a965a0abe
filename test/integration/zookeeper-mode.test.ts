import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { kafkaClient } from '../../runtime/kafka/kafka-client.js';
import { startSandbox, type StartedSandboxHandle } from '../../app/start-sandbox.js';
import { SandboxEventStream, type SandboxEvent } from '../../app/sandbox-events.js';
import { sandboxContainers } from '../../stacks/docker-resources.js';
import { readSandboxState } from '../../stacks/sandbox-state.js';
import { unique } from '../helpers/unique.js';
import { createTopicsAndWait } from '../../runtime/kafka/create-topics.js';

/** Sends a ZooKeeper four-letter word and returns the whole answer. */
function fourLetterWord(port: number, word: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.end(word));
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('--mode zookeeper, through a handle started in this process', () => {
  let sandbox: StartedSandboxHandle;
  const events: SandboxEvent[] = [];

  beforeAll(async () => {
    const stream = new SandboxEventStream();
    stream.on((event) => events.push(event));
    sandbox = await startSandbox({
      events: stream,
      name: unique('zk'),
      mode: 'zookeeper',
      images: inject('imageSet'),
      without: ['schema-registry', 'connect', 'postgres', 'elasticsearch'],
      stackFile: false,
    });
  }, 300_000);

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('registers 3 brokers with ZooKeeper and round-trips an RF-3 topic', async () => {
    expect(sandbox.owned).toBe(true);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'stack', service: 'zookeeper', state: 'ready' }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'stack', service: 'kafka', state: 'ready', endpoint: sandbox.endpoints.bootstrapServers }));
    const zookeeperPort = Number(await sandbox.stack.container('zookeeper').getMappedPort(2181));
    expect(await fourLetterWord(zookeeperPort, 'srvr')).toMatch(/Zookeeper version: 3\.8\./);

    const kafka = kafkaClient(sandbox.endpoints.bootstrapServers);
    const admin = kafka.admin();
    await admin.connect();
    const topic = unique('zk-topic');
    try {
      expect((await admin.describeCluster()).brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
      await createTopicsAndWait(admin, [{ topic, numPartitions: 3, replicationFactor: 3 }]);
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'zookeeper-mode' }] });
      await producer.disconnect();
      const consumer = kafka.consumer({ groupId: unique('zk-group') });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const value = await new Promise<string>((resolve) => void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) }));
      await consumer.disconnect();
      expect(value).toBe('zookeeper-mode');
      const status = await sandbox.status();
      expect(status.mode).toBe('zookeeper');
      expect(status.kafka.topics.find((t) => t.name === topic)).toMatchObject({ partitions: 3, replicationFactor: 3, underReplicated: 0 });
    } finally {
      await admin.disconnect();
    }
  });

  it('stop() removes every container and the state file, and says so as events', async () => {
    const name = sandbox.name;
    const report = await sandbox.stop();
    expect(report).toMatchObject({ sandbox: name, jobs: [] });
    expect(report!.containers).toBeGreaterThanOrEqual(4);
    expect(await sandboxContainers(name)).toEqual([]);
    expect(await readSandboxState(name)).toBeUndefined();
    expect(events.map((e) => e.kind).slice(-2)).toEqual(['stopping', 'stopped']);
    expect(await sandbox.stop()).toBe(report); // idempotent
  });
});
