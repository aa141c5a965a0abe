import { isMap, isScalar, type Node } from 'yaml';
import { didYouMean } from '../../runtime/core/did-you-mean.js';
import { fakerMethodProblem } from './faker-method.js';
import { FIELD_KINDS, FIELD_MODIFIERS, SHORTHAND_KINDS, type FieldKind, type FieldSpec } from './field-spec.js';

/** Records a problem at a node's position (the definition parser turns it into file:line:col). */
export type Report = (node: Node | null | undefined, message: string) => void;

/**
 * Parses how one field gets its value: a bare word (`uuid`, `sequence`, `event_time`, `event_id`)
 * or a mapping with exactly one kind key plus its modifiers. Reports every problem; returns
 * undefined when there was one. References are checked later, once every table is known.
 */
export function readField(at: Node, node: Node | null, context: 'table' | 'event', report: Report): FieldSpec | undefined {
  const shorthand = (kind: string): FieldSpec | undefined => {
    if (kind === 'uuid') return { kind: 'uuid' };
    if (kind === 'sequence') return { kind: 'sequence', start: 1 };
    if (kind === 'event_time') return { kind: 'event_time', format: 'iso' };
    if (kind === 'event_id') return { kind: 'event_id' };
    return undefined;
  };
  const eventOnly = (kind: FieldKind) => {
    if (context === 'table' && (kind === 'event_time' || kind === 'event_id')) {
      report(at, `${kind} exists only for event fields, not table rows`);
      return true;
    }
    return false;
  };
  if (isScalar(node) && typeof node.value === 'string') {
    const spec = shorthand(node.value);
    if (!spec) {
      report(node, `"${node.value}" is not a field kind${didYouMean(node.value, SHORTHAND_KINDS)}; write one of ${SHORTHAND_KINDS.join(', ')}, or a mapping like { faker: person.firstName }`);
      return undefined;
    }
    return eventOnly(spec.kind) ? undefined : spec;
  }
  if (!isMap(node)) {
    report(at, `a field is a mapping with one of ${FIELD_KINDS.join(', ')} (e.g. { range: [1, 100] })`);
    return undefined;
  }
  const keys = new Map<string, { key: Node; value: Node | null }>();
  for (const pair of node.items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : '';
    if ((FIELD_KINDS as readonly string[]).includes(name) || name in FIELD_MODIFIERS) keys.set(name, { key, value: (pair.value as Node | null) ?? null });
    else report(key, `unknown field key "${name}"${didYouMean(name, [...FIELD_KINDS, ...Object.keys(FIELD_MODIFIERS)])}`);
  }
  const kinds = [...keys.keys()].filter((k) => (FIELD_KINDS as readonly string[]).includes(k)) as FieldKind[];
  if (kinds.length !== 1) {
    report(node, kinds.length === 0 ? `a field needs one of ${FIELD_KINDS.join(', ')}` : `a field has one kind, this one has ${kinds.join(' and ')}`);
    return undefined;
  }
  const kind = kinds[0] as FieldKind;
  for (const [modifier, owner] of Object.entries(FIELD_MODIFIERS)) {
    if (keys.has(modifier) && owner !== kind) report(keys.get(modifier)!.key, `\`${modifier}\` goes with \`${owner}\`, not \`${kind}\``);
  }
  if (eventOnly(kind)) return undefined;
  const { value } = keys.get(kind)!;
  const js = value?.toJSON() as unknown;
  const bad = (message: string) => {
    report(value ?? keys.get(kind)!.key, message);
    return undefined;
  };
  switch (kind) {
    case 'faker': {
      if (typeof js !== 'string') return bad('`faker` names a method as module.method, e.g. person.firstName');
      const problem = fakerMethodProblem(js);
      if (problem) return bad(problem);
      const argsNode = keys.get('args')?.value;
      const args = argsNode === undefined || argsNode === null ? [] : (argsNode.toJSON() as unknown);
      if (!Array.isArray(args)) return bad('`args` must be a list of arguments, e.g. [{ min: 1, max: 9 }]');
      return { kind, method: js, args };
    }
    case 'range': {
      if (!Array.isArray(js) || js.length !== 2 || !js.every((n) => typeof n === 'number' && Number.isFinite(n)))
        return bad('`range` is [min, max], two numbers');
      const [min, max] = js as [number, number];
      if (min > max) return bad(`\`range\` min ${min} is greater than max ${max}`);
      const decimalsNode = keys.get('decimals')?.value;
      const decimals = decimalsNode ? (decimalsNode.toJSON() as unknown) : 0;
      if (typeof decimals !== 'number' || !Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
        report(decimalsNode ?? node, '`decimals` must be a whole number from 0 to 10');
        return undefined;
      }
      if (decimals === 0 && (!Number.isInteger(min) || !Number.isInteger(max))) return bad('an integer `range` needs whole bounds; add `decimals: 2` for decimals');
      return { kind, min, max, decimals };
    }
    case 'choice':
      if (!Array.isArray(js) || js.length === 0 || js.some((o) => o !== null && typeof o === 'object')) return bad('`choice` is a non-empty list of plain values');
      return { kind, options: js };
    case 'weighted': {
      if (js === null || typeof js !== 'object' || Array.isArray(js) || Object.keys(js).length === 0)
        return bad('`weighted` maps each value to its weight, e.g. { gold: 1, silver: 3 }');
      const options = Object.entries(js as Record<string, unknown>);
      if (options.some(([, w]) => typeof w !== 'number' || !(w > 0) || !Number.isFinite(w))) return bad('every weight must be a positive number');
      return { kind, options: options.map(([k, w]) => [k, w as number] as const) };
    }
    case 'ref': {
      if (typeof js !== 'string' || !/^[^.]+\.[^.]+$/.test(js)) return bad('`ref` names table.field, e.g. customers.customer_id');
      const [table, column] = js.split('.') as [string, string];
      return { kind, table, column };
    }
    case 'sequence':
      if (js !== null && js !== true && (typeof js !== 'number' || !Number.isSafeInteger(js))) return bad('`sequence` is its first value, a whole number');
      return { kind, start: typeof js === 'number' ? js : 1 };
    case 'const':
      return { kind, value: js };
    case 'uuid':
      return { kind };
    case 'event_time':
      if (js !== null && js !== true && js !== 'iso' && js !== 'epoch_ms') return bad('`event_time` is iso (default) or epoch_ms');
      return { kind, format: js === 'epoch_ms' ? 'epoch_ms' : 'iso' };
    case 'event_id':
      return { kind };
  }
}

