import type { ResetTarget } from '../../app/groups/sandbox-groups.js';
import { ConfigError } from '../../runtime/core/errors.js';
import { intFlag, withSandbox, type TargetFlags } from './topics.js';

const json = (value: unknown) => console.log(JSON.stringify(value, null, 2));

export async function groupsList(options: TargetFlags): Promise<void> {
  await withSandbox(options, async (sandbox) => {
    const groups = await sandbox.groups.list();
    if (options.json) return json(groups);
    if (groups.length === 0) return console.log('no consumer groups');
    const width = Math.max(5, ...groups.map((g) => g.group.length));
    console.log(`${'GROUP'.padEnd(width)}  ${'STATE'.padEnd(18)}  MEMBERS  LAG`);
    for (const g of groups) console.log(`${g.group.padEnd(width)}  ${g.state.padEnd(18)}  ${String(g.members).padEnd(7)}  ${g.lag}`);
  });
}

export async function groupsDescribe(group: string, options: TargetFlags): Promise<void> {
  await withSandbox(options, async (sandbox) => {
    const d = await sandbox.groups.describe(group);
    if (options.json) return json(d);
    console.log(`${d.group}  ${d.state}  ${d.members.length} member${d.members.length === 1 ? '' : 's'}  lag ${d.lag}`);
    for (const m of d.members) {
      const assigned = Object.entries(m.assignment).map(([t, ps]) => `${t}[${ps.join(',')}]`).join(' ');
      console.log(`  member ${m.memberId} (${m.clientId} on ${m.host})${assigned ? `: ${assigned}` : ''}`);
    }
    if (d.partitions.length === 0) return console.log('no committed offsets');
    const width = Math.max(5, ...d.partitions.map((p) => p.topic.length));
    console.log(`${'TOPIC'.padEnd(width)}  PARTITION  COMMITTED  END       LAG`);
    for (const p of d.partitions) {
      console.log(`${p.topic.padEnd(width)}  ${String(p.partition).padEnd(9)}  ${String(p.committed ?? '-').padEnd(9)}  ${String(p.end).padEnd(8)}  ${p.lag}`);
    }
  });
}

export interface ResetFlags extends TargetFlags {
  topic: string;
  partition?: string[];
  toEarliest?: boolean;
  toLatest?: boolean;
  toOffset?: string;
  toTime?: string;
  shiftBy?: string;
  dryRun?: boolean;
}

/** The one reset target the flags name; a ConfigError for none or several. */
export function resetTarget(flags: ResetFlags): ResetTarget {
  const given = [
    flags.toEarliest && '--to-earliest',
    flags.toLatest && '--to-latest',
    flags.toOffset !== undefined && '--to-offset',
    flags.toTime !== undefined && '--to-time',
    flags.shiftBy !== undefined && '--shift-by',
  ].filter((f): f is string => typeof f === 'string');
  if (given.length !== 1) {
    throw new ConfigError(given.length === 0 ? 'say where the offsets go' : `${given.join(' and ')} cannot be combined`, { hint: 'One of --to-earliest, --to-latest, --to-offset N, --to-time T, --shift-by N.' });
  }
  if (flags.toEarliest) return { toEarliest: true };
  if (flags.toLatest) return { toLatest: true };
  if (flags.toOffset !== undefined) return { toOffset: intFlag(flags.toOffset, '--to-offset')! };
  if (flags.toTime !== undefined) return { toTime: flags.toTime };
  return { shiftBy: intFlag(flags.shiftBy, '--shift-by', Number.MIN_SAFE_INTEGER)! };
}

export async function groupsReset(group: string, flags: ResetFlags): Promise<void> {
  const target = resetTarget(flags);
  const partitions = flags.partition?.map((p) => intFlag(p, '--partition')!);
  await withSandbox(flags, async (sandbox) => {
    const result = await sandbox.groups.reset(group, flags.topic, target, { ...(partitions ? { partitions } : {}), ...(flags.dryRun ? { dryRun: true } : {}) });
    if (flags.json) return json(result);
    console.log(`${result.dryRun ? 'would reset' : 'reset'} ${group} on ${result.topic}`);
    for (const p of result.partitions) console.log(`  partition ${p.partition}: ${p.before ?? '-'} -> ${p.after}`);
  });
}
