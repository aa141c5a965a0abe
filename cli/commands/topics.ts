import { attachFromFlags } from '../../app/attach-sandbox.js';
import type { Sandbox } from '../../app/sandbox.js';
import { ConfigError } from '../../runtime/core/errors.js';

/** The flags every Kafka tool takes to find its cluster. */
export interface TargetFlags {
  name?: string;
  bootstrapServer?: string;
  schemaRegistryUrl?: string;
  json?: boolean;
}

/** Attaches as the flags say, runs `work`, detaches (the sandbox keeps running). */
export async function withSandbox<T>(flags: TargetFlags, work: (sandbox: Sandbox) => Promise<T>): Promise<T> {
  const sandbox = await attachFromFlags({
    ...(flags.name ? { name: flags.name } : {}),
    ...(flags.bootstrapServer ? { bootstrapServer: flags.bootstrapServer } : {}),
    ...(flags.schemaRegistryUrl ? { schemaRegistryUrl: flags.schemaRegistryUrl } : {}),
  });
  try {
    return await work(sandbox);
  } finally {
    await sandbox.detach();
  }
}

/** An integer flag (`min` and up), or a ConfigError naming the flag. */
export function intFlag(value: string | undefined, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new ConfigError(`${flag} ${JSON.stringify(value)} is not ${min > 0 ? 'a positive' : min === 0 ? 'a non-negative' : 'an'} integer`);
  }
  return Number(value);
}

const json = (value: unknown) => console.log(JSON.stringify(value, null, 2));

export async function topicsList(options: TargetFlags & { all?: boolean }): Promise<void> {
  await withSandbox(options, async (sandbox) => {
    const topics = (await sandbox.topics.list()).filter((t) => options.all || !t.internal);
    if (options.json) return json(topics);
    if (topics.length === 0) return console.log('no topics');
    const width = Math.max(5, ...topics.map((t) => t.name.length));
    console.log(`${'TOPIC'.padEnd(width)}  PARTITIONS  RF`);
    for (const t of topics) console.log(`${t.name.padEnd(width)}  ${String(t.partitions).padEnd(10)}  ${t.replicationFactor}${t.internal ? '  (internal)' : ''}`);
  });
}

export async function topicsDescribe(topic: string, options: TargetFlags): Promise<void> {
  await withSandbox(options, async (sandbox) => {
    const d = await sandbox.topics.describe(topic);
    if (options.json) return json(d);
    console.log(`${d.name}  partitions ${d.partitions}  rf ${d.replicationFactor}  records ${d.records}${d.internal ? '  (internal)' : ''}`);
    const overrides = Object.entries(d.overrides);
    console.log(`config ${overrides.length === 0 ? '(broker defaults)' : overrides.map(([k, v]) => `${k}=${v}`).join(' ')}`);
    console.log('PARTITION  LEADER  REPLICAS  ISR       LOW  HIGH');
    for (const p of d.partitionDetails) {
      const isr = p.isr.join(',') + (p.isr.length < p.replicas.length ? ' (under-replicated)' : '');
      console.log(`${String(p.partition).padEnd(9)}  ${String(p.leader).padEnd(6)}  ${p.replicas.join(',').padEnd(8)}  ${isr.padEnd(8)}  ${String(p.low).padEnd(3)}  ${p.high}`);
    }
  });
}

/** `--config k=v` flags as a record; a flag without `=` is a ConfigError. */
export function parseConfigFlags(flags: readonly string[] = []): Record<string, string> {
  const config: Record<string, string> = {};
  for (const flag of flags) {
    const at = flag.indexOf('=');
    if (at <= 0) throw new ConfigError(`--config ${JSON.stringify(flag)}: expected KEY=VALUE`, { hint: 'e.g. --config retention.ms=86400000 --config cleanup.policy=compact' });
    config[flag.slice(0, at).trim()] = flag.slice(at + 1).trim();
  }
  return config;
}

export async function topicsCreate(topic: string, options: TargetFlags & { partitions?: string; replicationFactor?: string; config?: string[] }): Promise<void> {
  const partitions = intFlag(options.partitions, '--partitions', 1);
  const replicationFactor = intFlag(options.replicationFactor, '--replication-factor', 1);
  const config = parseConfigFlags(options.config);
  await withSandbox(options, async (sandbox) => {
    const [created] = await sandbox.topics.create({
      name: topic,
      ...(partitions === undefined ? {} : { partitions }),
      ...(replicationFactor === undefined ? {} : { replicationFactor }),
      config,
    });
    if (options.json) return json(created);
    const extra = Object.entries(config).map(([k, v]) => ` ${k}=${v}`).join('');
    console.log(`created ${topic}: ${created?.partitions} partitions, replication factor ${created?.replicationFactor}${extra}`);
  });
}

export async function topicsDelete(topic: string, options: TargetFlags): Promise<void> {
  await withSandbox(options, async (sandbox) => {
    await sandbox.topics.delete(topic);
    if (options.json) return json({ deleted: topic });
    console.log(`deleted ${topic}`);
  });
}
