import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { didYouMean } from '../runtime/core/did-you-mean.js';
import { ConfigError } from '../runtime/core/errors.js';
import { YamlProblems, type ReportProblem } from '../runtime/core/yaml-problems.js';
import type { TopicSpec } from '../runtime/kafka/topic-spec.js';

/**
 * A parsed, fully validated stack file: the topics to seed into the cluster. Immutable plain data;
 * `applyTopics` (runtime/kafka) turns it into created and altered topics.
 */
export interface StackFile {
  /** The name the file was parsed under; every problem position starts with it. */
  readonly fileName: string;
  /** Topics in file order, names unique. */
  readonly topics: readonly TopicSpec[];
  /** `auto_create_topics`: the brokers' `auto.create.topics.enable`; absent means the default (true). */
  readonly autoCreateTopics?: boolean;
}

const TOP_LEVEL_KEYS = ['topics', 'auto_create_topics'];
const TOPIC_KEYS = ['name', 'partitions', 'replication_factor', 'config'];

type ValueKind = 'int' | 'number' | 'boolean' | 'list' | 'cleanup.policy' | readonly string[];

/** Kafka's topic-level configs (as a 4.3 broker's DescribeConfigs lists them) and their value kind. */
export const TOPIC_CONFIG_KEYS: Readonly<Record<string, ValueKind>> = {
  'cleanup.policy': 'cleanup.policy',
  'compression.type': ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'],
  'compression.gzip.level': 'int',
  'compression.lz4.level': 'int',
  'compression.zstd.level': 'int',
  'delete.retention.ms': 'int',
  'file.delete.delay.ms': 'int',
  'flush.messages': 'int',
  'flush.ms': 'int',
  'follower.replication.throttled.replicas': 'list',
  'index.interval.bytes': 'int',
  'leader.replication.throttled.replicas': 'list',
  'local.retention.bytes': 'int',
  'local.retention.ms': 'int',
  'max.compaction.lag.ms': 'int',
  'max.message.bytes': 'int',
  'message.timestamp.after.max.ms': 'int',
  'message.timestamp.before.max.ms': 'int',
  'message.timestamp.type': ['CreateTime', 'LogAppendTime'],
  'min.cleanable.dirty.ratio': 'number',
  'min.compaction.lag.ms': 'int',
  'min.insync.replicas': 'int',
  preallocate: 'boolean',
  'remote.log.copy.disable': 'boolean',
  'remote.log.delete.on.disable': 'boolean',
  'remote.storage.enable': 'boolean',
  'retention.bytes': 'int',
  'retention.ms': 'int',
  'segment.bytes': 'int',
  'segment.index.bytes': 'int',
  'segment.jitter.ms': 'int',
  'segment.ms': 'int',
  'unclean.leader.election.enable': 'boolean',
};

/** Topic configs older guides still mention; Kafka 4 brokers reject them. */
const REMOVED_TOPIC_CONFIG_KEYS: Readonly<Record<string, string>> = {
  'message.downconversion.enable': 'was removed in Kafka 4.0 (brokers no longer down-convert)',
  'message.format.version': 'was removed in Kafka 4.0',
  'message.timestamp.difference.max.ms':
    'was removed in Kafka 4.0; use message.timestamp.before.max.ms and message.timestamp.after.max.ms',
};

const TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;
const MAX_TOPIC_NAME_LENGTH = 249;

/**
 * Parses and validates a stack file. Throws one `ConfigError` listing every problem found (YAML
 * syntax, unknown keys with a "did you mean", invalid names and values), each as
 * `file:line:col message`. Config values come back as the strings Kafka expects.
 */
export function parseStackFile(text: string, fileName: string): StackFile {
  const problems = new YamlProblems(fileName);
  const doc = problems.parse(text, {
    intAsBigInt: true,
    syntaxMessage: (error) => (error.code === 'MULTIPLE_DOCS' ? 'a stack file holds a single YAML document; remove this "---" and what follows' : error.message),
  });
  const settings: { autoCreateTopics?: boolean } = {};
  const topics = doc ? readTopics(doc, problems.report, problems.where, settings) : [];
  if (problems.count > 0) throw problems.toError('stack file', 'Fix each problem at the file:line:col shown; stacks/default-stack.yaml is a valid example.');
  return { fileName, topics, ...settings };
}

/** Reads and parses a stack file from disk; a missing or unreadable file is a `ConfigError` too. */
export async function loadStackFile(path: string): Promise<StackFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(missing ? `Stack file not found: ${path}` : `Cannot read stack file ${path}`, {
      cause,
      hint: missing ? 'Check the path, or leave it out to use the default stack.' : undefined,
    });
  }
  return parseStackFile(text, path);
}

/** Path of the bundled default stack file, from sources (tsx) and from dist/ alike. */
export function defaultStackFilePath(): string {
  const candidates = ['./default-stack.yaml', '../../stacks/default-stack.yaml'].map((rel) =>
    fileURLToPath(new URL(rel, import.meta.url)),
  );
  return candidates.find((path) => existsSync(path)) ?? (candidates[0] as string);
}

type Report = ReportProblem;

/** `line:col` of a node, for cross-references inside a message. */
type Where = (node: Node) => string;

function readTopics(doc: Document, report: Report, where: Where, settings: { autoCreateTopics?: boolean }): TopicSpec[] {
  const deref = (node: unknown): Node | null =>
    isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? null) : ((node as Node | null) ?? null);

  const root = deref(doc.contents);
  if (root === null || (isScalar(root) && root.value === null)) return [];
  if (!isMap(root)) {
    report(root, 'a stack file is a mapping with a `topics` list');
    return [];
  }

  let topicsNode: Node | null = null;
  for (const pair of root.items) {
    const key = deref(pair.key);
    const name = isScalar(key) ? String(key.value) : '';
    if (name === 'topics') topicsNode = deref(pair.value);
    else if (name === 'auto_create_topics') {
      const value = deref(pair.value);
      if (isScalar(value) && typeof value.value === 'boolean') settings.autoCreateTopics = value.value;
      else report(isEmpty(value) ? key : value, `\`auto_create_topics\` must be true or false, got ${describe(value)}`);
    } else report(key, `unknown key "${name}"${didYouMean(name, TOP_LEVEL_KEYS)}`);
  }
  if (topicsNode === null || (isScalar(topicsNode) && topicsNode.value === null)) return [];
  if (!isSeq(topicsNode)) {
    report(topicsNode, '`topics` must be a list of topics (each item starts with "- name: ...")');
    return [];
  }

  const topics: TopicSpec[] = [];
  const seen = new Map<string, Node>();
  const seenCollision = new Map<string, { name: string; node: Node }>();

  for (const item of topicsNode.items) {
    const topicNode = deref(item);
    if (!isMap(topicNode)) {
      report(topicNode, 'each topic must be a mapping with at least `name` and `partitions`', topicsNode.range?.[0]);
      continue;
    }
    const fields = new Map<string, { key: Node | null; value: Node | null }>();
    for (const pair of topicNode.items) {
      const key = deref(pair.key);
      const name = isScalar(key) ? String(key.value) : '';
      if (TOPIC_KEYS.includes(name)) fields.set(name, { key, value: deref(pair.value) });
      else report(key, `unknown topic key "${name}"${didYouMean(name, TOPIC_KEYS)}`);
    }

    const name = readName(fields.get('name'), topicNode, report);
    const partitions = readPositiveInt(fields.get('partitions'), 'partitions', topicNode, report, true);
    const replicationFactor = readPositiveInt(fields.get('replication_factor'), 'replication_factor', topicNode, report, false);
    const config = readConfig(fields.get('config')?.value ?? null, deref, report);

    if (name !== undefined) {
      const nameNode = fields.get('name')?.value ?? topicNode;
      const first = seen.get(name);
      const collisionKey = name.replaceAll('.', '_');
      const collides = seenCollision.get(collisionKey);
      if (first) report(nameNode, `duplicate topic name "${name}" (first declared at ${where(first)})`);
      else if (collides)
        report(nameNode, `topic name "${name}" collides with "${collides.name}" (declared at ${where(collides.node)}): Kafka treats "." and "_" alike in metric names`);
      else {
        seen.set(name, nameNode);
        seenCollision.set(collisionKey, { name, node: nameNode });
      }
    }
    if (name !== undefined && typeof partitions === 'number' && replicationFactor !== null && config !== undefined) {
      topics.push({ name, partitions, ...(replicationFactor !== undefined ? { replicationFactor } : {}), config });
    }
  }
  return topics;
}

type Field = { key: Node | null; value: Node | null } | undefined;

function readName(field: Field, topicNode: Node, report: Report): string | undefined {
  if (!field) {
    report(topicNode, 'topic is missing `name`');
    return undefined;
  }
  const value = isScalar(field.value) ? field.value.value : undefined;
  if (typeof value !== 'string' || value === '') {
    const hint = typeof value === 'bigint' || typeof value === 'number' ? ` (quote it: "${String(value)}")` : '';
    report(isEmpty(field.value) ? field.key : field.value, `topic name must be a non-empty string${hint}`);
    return undefined;
  }
  if (value === '.' || value === '..') report(field.value, `topic name "${value}" is not allowed`);
  else if (value.length > MAX_TOPIC_NAME_LENGTH)
    report(field.value, `topic name is ${value.length} characters long, Kafka allows at most ${MAX_TOPIC_NAME_LENGTH}`);
  else if (!TOPIC_NAME.test(value)) {
    const bad = [...new Set(value.replace(/[a-zA-Z0-9._-]/g, ''))].map((c) => JSON.stringify(c)).join(', ');
    report(field.value, `topic name "${value}" contains ${bad}; Kafka allows only letters, digits, ".", "_" and "-"`);
  } else return value;
  return undefined;
}

/** Returns the integer, `undefined` when absent and optional, or `null` when invalid. */
function readPositiveInt(field: Field, key: string, topicNode: Node, report: Report, required: boolean): number | undefined | null {
  if (!field) {
    if (required) report(topicNode, `topic is missing \`${key}\``);
    return required ? null : undefined;
  }
  const value = isScalar(field.value) ? field.value.value : undefined;
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    report(isEmpty(field.value) ? field.key : field.value, `\`${key}\` must be a positive integer, got ${describe(field.value)}`);
    return null;
  }
  return n;
}

function readConfig(node: Node | null, deref: (n: unknown) => Node | null, report: Report): Record<string, string> | undefined {
  if (node === null || (isScalar(node) && node.value === null)) return {};
  if (!isMap(node)) {
    report(node, '`config` must be a mapping of Kafka topic configs, e.g. "retention.ms: 604800000"');
    return undefined;
  }
  const config: Record<string, string> = {};
  let ok = true;
  for (const pair of node.items) {
    const keyNode = deref(pair.key);
    const valueNode = deref(pair.value);
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const kind = Object.hasOwn(TOPIC_CONFIG_KEYS, key) ? TOPIC_CONFIG_KEYS[key] : undefined;
    const problem =
      kind === undefined
        ? Object.hasOwn(REMOVED_TOPIC_CONFIG_KEYS, key)
          ? { node: keyNode, message: `topic config "${key}" ${REMOVED_TOPIC_CONFIG_KEYS[key]}` }
          : { node: keyNode, message: `unknown topic config "${key}"${didYouMean(key, Object.keys(TOPIC_CONFIG_KEYS))}` }
        : checkValue(key, kind, valueNode, config);
    if (problem) {
      report(problem.node, problem.message, keyNode?.range?.[0]);
      ok = false;
    }
  }
  return ok ? config : undefined;
}

/** Normalises a config value into `config[key]`, or returns the problem with it. */
function checkValue(key: string, kind: ValueKind, node: Node | null, config: Record<string, string>): { node: Node | null; message: string } | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) {
    const listHint = kind === 'list' || kind === 'cleanup.policy' ? ' (write a list comma-separated, e.g. "delete,compact")' : '';
    // An empty value has a zero-width node after the colon; the key is the better place to point at.
    return { node: isEmpty(node) ? null : node, message: `topic config "${key}" must be a single value, got ${describe(node)}${listHint}` };
  }
  const raw = node.value;
  let value = typeof raw === 'string' ? raw.trim() : String(raw);
  const bad = (expected: string) => ({ node, message: `topic config "${key}" must be ${expected}, got ${describe(node)}` });
  if (kind === 'int' && !/^-?\d+$/.test(value)) return bad('an integer');
  if (kind === 'number' && (value === '' || !Number.isFinite(Number(value)))) return bad('a number');
  if (kind === 'boolean') {
    if (!/^(true|false)$/i.test(value)) return bad('true or false');
    value = value.toLowerCase();
  }
  if (kind === 'cleanup.policy') {
    const parts = value.split(',').map((p) => p.trim());
    if (parts.some((p) => p !== 'delete' && p !== 'compact') || new Set(parts).size !== parts.length)
      return bad('delete, compact or "delete,compact"');
    value = parts.join(',');
  }
  if (Array.isArray(kind) && !kind.includes(value)) return bad(`one of ${kind.join(', ')}`);
  config[key] = value;
  return undefined;
}

function isEmpty(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

function describe(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'nothing' : JSON.stringify(typeof node.value === 'bigint' ? Number(node.value) : node.value);
  return 'an alias';
}
