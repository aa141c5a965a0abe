import kafkajs from 'kafkajs';
import { ConfigError, StackError } from '../../runtime/core/errors.js';
import { didYouMean } from '../../runtime/core/did-you-mean.js';
import { parseTimeFlag, resolveStartOffset, type StartPosition } from '../../runtime/kafka/start-offsets.js';
import type { SandboxContext } from '../sandbox-context.js';
import { SandboxTopics } from '../topics/sandbox-topics.js';

const { AssignerProtocol } = kafkajs;

export interface GroupSummary {
  group: string;
  state: string;
  members: number;
  protocolType: string;
  /** Records not yet committed, over every topic the group has committed offsets for. */
  lag: number;
}

export interface GroupPartitionOffsets {
  topic: string;
  partition: number;
  /** The committed offset; null when the group has committed nothing here. */
  committed: number | null;
  /** End offset (high watermark). */
  end: number;
  /** end - committed (end - log start when nothing is committed). */
  lag: number;
  /** The member the partition is assigned to, if any. */
  memberId?: string;
}

export interface GroupDescription {
  group: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: { memberId: string; clientId: string; host: string; assignment: Record<string, number[]> }[];
  partitions: GroupPartitionOffsets[];
  lag: number;
}

/** Exactly one of these says where `reset` moves the group's offsets. */
export type ResetTarget =
  | { toEarliest: true }
  | { toLatest: true }
  | { toOffset: number }
  /** Date, epoch ms, ISO-8601 text or a duration ago (`15m`). */
  | { toTime: Date | number | string }
  | { shiftBy: number };

export interface ResetResult {
  group: string;
  topic: string;
  partitions: { partition: number; before: number | null; after: number }[];
  /** True when nothing was changed. */
  dryRun: boolean;
}

/**
 * The handle's consumer groups: list, describe (members, committed and end offsets, lag per
 * partition), reset offsets. An unknown group is a ConfigError naming the groups that exist.
 */
export class SandboxGroups {
  constructor(private readonly ctx: SandboxContext) {}

  /** Every group with its state, member count and total lag, sorted. */
  async list(): Promise<GroupSummary[]> {
    const admin = await this.ctx.admin();
    const { groups } = await admin.listGroups();
    if (groups.length === 0) return [];
    const { groups: described } = await admin.describeGroups(groups.map((g) => g.groupId));
    const ends = new Map<string, Promise<Map<number, { low: number; high: number }>>>();
    const summaries = await Promise.all(
      groups.map(async (g) => {
        const d = described.find((x) => x.groupId === g.groupId);
        const partitions = await this.offsets(g.groupId, ends);
        return { group: g.groupId, state: d?.state ?? 'Unknown', members: d?.members.length ?? 0, protocolType: g.protocolType, lag: partitions.reduce((sum, p) => sum + p.lag, 0) };
      }),
    );
    return summaries.sort((a, b) => a.group.localeCompare(b.group));
  }

  /** State, members with their assignments, and committed offset, end offset and lag per partition. */
  async describe(group: string): Promise<GroupDescription> {
    await this.requireGroup(group);
    const admin = await this.ctx.admin();
    const { groups } = await admin.describeGroups([group]);
    const d = groups[0]!;
    const members = d.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.clientHost, assignment: decodeAssignment(m.memberAssignment) }));
    const owner = new Map<string, string>();
    for (const m of members) for (const [topic, parts] of Object.entries(m.assignment)) for (const p of parts) owner.set(`${topic}\0${p}`, m.memberId);
    const partitions = (await this.offsets(group, new Map())).map((p) => {
      const memberId = owner.get(`${p.topic}\0${p.partition}`);
      return memberId ? { ...p, memberId } : p;
    });
    return { group, state: d.state, protocolType: d.protocolType, protocol: d.protocol, members, partitions, lag: partitions.reduce((sum, p) => sum + p.lag, 0) };
  }

  /**
   * Moves the group's committed offsets on `topic` (every partition, or `partitions`). Refused
   * while the group has members: stop its consumers first. `dryRun` computes and changes nothing.
   */
  async reset(group: string, topic: string, target: ResetTarget, options: { partitions?: number[]; dryRun?: boolean } = {}): Promise<ResetResult> {
    const position = resetPosition(target);
    await this.requireGroup(group);
    await new SandboxTopics(this.ctx).requireTopic(topic);
    const admin = await this.ctx.admin();
    const { groups } = await admin.describeGroups([group]);
    const members = groups[0]?.members ?? [];
    if (members.length > 0) {
      throw new StackError(`group ${group} has ${members.length} active member${members.length === 1 ? '' : 's'} (${[...new Set(members.map((m) => m.clientId))].join(', ')}); offsets can only be reset while it has none`, {
        hint: 'Stop its consumers first (a stream job: `kafka-sandbox jobs stop APP`; a connector: `kafka-sandbox connect pause NAME`), then reset.',
      });
    }
    const offsets = await admin.fetchTopicOffsets(topic);
    const committed = (await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0]?.partitions ?? [];
    const atTime = position.kind === 'time' ? await admin.fetchTopicOffsetsByTimestamp(topic, position.timestamp) : [];
    const chosen = options.partitions ?? offsets.map((o) => o.partition);
    const unknown = chosen.filter((p) => !offsets.some((o) => o.partition === p));
    if (unknown.length > 0) throw new ConfigError(`topic ${topic} has no partition ${unknown.join(', ')}`);
    const partitions = chosen
      .sort((a, b) => a - b)
      .map((partition) => {
        const o = offsets.find((x) => x.partition === partition)!;
        const c = committed.find((x) => x.partition === partition);
        const before = c && Number(c.offset) >= 0 ? Number(c.offset) : null;
        const t = atTime.find((x) => x.partition === partition);
        const after = resolveStartOffset(position, { partition, low: Number(o.low), high: Number(o.high), committed: before, atTime: t ? Number(t.offset) : null });
        return { partition, before, after };
      });
    if (!options.dryRun) await admin.setOffsets({ groupId: group, topic, partitions: partitions.map((p) => ({ partition: p.partition, offset: String(p.after) })) });
    return { group, topic, partitions, dryRun: Boolean(options.dryRun) };
  }

  /** A ConfigError naming the groups that exist when `group` is not one. */
  private async requireGroup(group: string): Promise<void> {
    const admin = await this.ctx.admin();
    const names = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
    if (names.includes(group)) return;
    const close = didYouMean(group, names);
    throw new ConfigError(`unknown consumer group ${group}${close}`, {
      hint: names.length > 0 ? `Groups: ${names.join(', ')}.` : 'The cluster has no consumer groups yet.',
    });
  }

  /** Committed offsets of a group on every topic it committed to, with end offsets and lag. */
  private async offsets(group: string, ends: Map<string, Promise<Map<number, { low: number; high: number }>>>): Promise<GroupPartitionOffsets[]> {
    const admin = await this.ctx.admin();
    const committed = await admin.fetchOffsets({ groupId: group });
    const rows: GroupPartitionOffsets[] = [];
    for (const { topic, partitions } of committed) {
      let end = ends.get(topic);
      if (!end) {
        end = admin.fetchTopicOffsets(topic).then((o) => new Map(o.map((x) => [x.partition, { low: Number(x.low), high: Number(x.high) }] as const)));
        ends.set(topic, end);
      }
      const bounds = await end.catch(() => new Map<number, { low: number; high: number }>());
      for (const p of partitions) {
        const c = Number(p.offset);
        const { low, high } = bounds.get(p.partition) ?? { low: 0, high: 0 };
        const at = c >= 0 ? c : null;
        rows.push({ topic, partition: p.partition, committed: at, end: high, lag: Math.max(0, high - (at ?? low)) });
      }
    }
    return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }
}

function decodeAssignment(buffer: Buffer): Record<string, number[]> {
  try {
    return AssignerProtocol.MemberAssignment.decode(buffer)?.assignment ?? {};
  } catch {
    return {};
  }
}

function resetPosition(target: ResetTarget): StartPosition {
  const keys = Object.keys(target).filter((k) => (target as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1) throw new ConfigError(`reset needs exactly one of toEarliest, toLatest, toOffset, toTime, shiftBy; got ${keys.join(', ') || 'none'}`, { hint: 'On the CLI: --to-earliest, --to-latest, --to-offset N, --to-time T or --shift-by N.' });
  if ('toEarliest' in target) return { kind: 'earliest' };
  if ('toLatest' in target) return { kind: 'latest' };
  if ('toOffset' in target) {
    if (!Number.isSafeInteger(target.toOffset) || target.toOffset < 0) throw new ConfigError(`toOffset must be an offset (0 or more), got ${target.toOffset}`);
    return { kind: 'offset', offset: target.toOffset };
  }
  if ('toTime' in target) {
    const t = target.toTime;
    return { kind: 'time', timestamp: t instanceof Date ? t.getTime() : typeof t === 'number' ? t : parseTimeFlag(t) };
  }
  if (!Number.isSafeInteger(target.shiftBy)) throw new ConfigError(`shiftBy must be an integer, got ${target.shiftBy}`);
  return { kind: 'shift', by: target.shiftBy };
}
