import type { Admin, Kafka, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { pollUntil } from '../core/poll.js';
import { createTopicsAndWait } from '../kafka/create-topics.js';

export interface StoreTopics {
  configs: string;
  offsets: string;
  status: string;
}

export const defaultStoreTopics = (prefix = '_sandbox-connect'): StoreTopics => ({
  configs: `${prefix}-configs`,
  offsets: `${prefix}-offsets`,
  status: `${prefix}-status`,
});

export type TargetState = 'STARTED' | 'PAUSED';

/**
 * Connector configs, target states, source offsets and statuses kept in three compacted topics,
 * in Kafka Connect's key and value formats (`connector-<name>` -> `{"properties":{..}}`,
 * `target-state-<name>` -> `{"state":"PAUSED"}`, `["<name>",{partition}]` -> `{offset}`,
 * `status-connector-<name>` / `status-task-<name>-<id>`). Read to the end once at start; every
 * write is acknowledged by all in-sync replicas before it resolves.
 */
export class KafkaBackingStore {
  readonly configs = new Map<string, Record<string, string>>();
  readonly targetStates = new Map<string, TargetState>();
  private readonly offsets = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly producer: Producer,
    readonly topics: StoreTopics,
  ) {}

  async start(replicationFactor: number): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const wanted = [
      { topic: this.topics.configs, numPartitions: 1 },
      { topic: this.topics.offsets, numPartitions: 5 },
      { topic: this.topics.status, numPartitions: 3 },
    ].filter((t) => !existing.has(t.topic));
    if (wanted.length > 0) {
      await createTopicsAndWait(
        this.admin,
        wanted.map((t) => ({ ...t, replicationFactor, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] })),
      );
    }
    await this.readToEnd();
  }

  private async readToEnd(): Promise<void> {
    const topics = [this.topics.configs, this.topics.offsets];
    const targets = new Map<string, number>();
    for (const topic of topics) {
      // Right after creation a partition may not have settled on its leader yet.
      const offsets = await pollUntil(`offsets of ${topic}`, () => this.admin.fetchTopicOffsets(topic), { timeoutMs: 30_000, intervalMs: 500 });
      for (const p of offsets) if (Number(p.high) > Number(p.low)) targets.set(`${topic}:${p.partition}`, Number(p.high));
    }
    if (targets.size === 0) return;
    const groupId = `_sandbox-connect-reader-${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics, fromBeginning: true });
      let resolveDone!: () => void;
      const done = new Promise<void>((resolve) => (resolveDone = resolve));
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          this.apply(topic, message.key?.toString('utf8') ?? '', message.value);
          const id = `${topic}:${partition}`;
          const target = targets.get(id);
          if (target !== undefined && Number(message.offset) + 1 >= target) targets.delete(id);
          if (targets.size === 0) resolveDone();
        },
      });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out reading ${topics.join(', ')}`)), 60_000)))]);
      clearTimeout(timer);
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await this.admin.deleteGroups([groupId]).catch(() => undefined);
    }
  }

  private apply(topic: string, key: string, value: Buffer | null): void {
    const json = value ? (JSON.parse(value.toString('utf8')) as Record<string, unknown>) : null;
    if (topic === this.topics.configs) {
      if (key.startsWith('connector-')) {
        const name = key.slice('connector-'.length);
        if (json) this.configs.set(name, (json.properties ?? {}) as Record<string, string>);
        else this.configs.delete(name);
      } else if (key.startsWith('target-state-')) {
        const name = key.slice('target-state-'.length);
        const state = (json?.['state.v2'] ?? json?.state) as string | undefined;
        if (state === 'PAUSED' || state === 'STOPPED') this.targetStates.set(name, 'PAUSED');
        else this.targetStates.delete(name);
      }
    } else if (topic === this.topics.offsets) {
      if (json) this.offsets.set(key, json);
      else this.offsets.delete(key);
    }
  }

  private async write(topic: string, entries: { key: string; value: unknown }[]): Promise<void> {
    await this.producer.send({
      topic,
      acks: -1,
      messages: entries.map((e) => ({ key: e.key, value: e.value === null ? null : JSON.stringify(e.value) })),
    });
    for (const e of entries) this.apply(topic, e.key, e.value === null ? null : Buffer.from(JSON.stringify(e.value)));
  }

  putConfig(name: string, config: Record<string, string>): Promise<void> {
    return this.write(this.topics.configs, [{ key: `connector-${name}`, value: { properties: config } }]);
  }

  async removeConnector(name: string): Promise<void> {
    await this.write(this.topics.configs, [
      { key: `connector-${name}`, value: null },
      { key: `target-state-${name}`, value: null },
    ]);
  }

  putTargetState(name: string, state: TargetState): Promise<void> {
    return this.write(this.topics.configs, [{ key: `target-state-${name}`, value: { state, 'state.v2': state } }]);
  }

  static offsetKey(connector: string, partition: Record<string, unknown>): string {
    return JSON.stringify([connector, partition]);
  }

  offset(connector: string, partition: Record<string, unknown>): Record<string, unknown> | undefined {
    return this.offsets.get(KafkaBackingStore.offsetKey(connector, partition));
  }

  putOffsets(connector: string, entries: { partition: Record<string, unknown>; offset: Record<string, unknown> }[]): Promise<void> {
    return this.write(this.topics.offsets, entries.map((e) => ({ key: KafkaBackingStore.offsetKey(connector, e.partition), value: e.offset })));
  }

  async putStatus(key: string, status: { state: string; trace: string | null; worker_id: string; generation: number }): Promise<void> {
    await this.producer.send({ topic: this.topics.status, acks: 1, messages: [{ key, value: JSON.stringify(status) }] });
  }
}
