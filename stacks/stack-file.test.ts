import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../runtime/core/errors.js';
import { defaultStackFilePath, loadStackFile, parseStackFile } from './stack-file.js';

/** The ConfigError `parseStackFile` throws for `text`, or a failure if it does not throw one. */
function problemsOf(text: string): ConfigError {
  try {
    parseStackFile(text, 'stack.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected parseStackFile to throw a ConfigError');
}

describe('parseStackFile', () => {
  it('parses a valid file and normalises config values to strings', () => {
    const stack = parseStackFile(
      [
        'topics:',
        '  - name: clickstream',
        '    partitions: 6',
        '    replication_factor: 3',
        '    config:',
        '      cleanup.policy: delete, compact',
        '      retention.ms: 604800000',
        '      flush.ms: 9223372036854775807',
        '      min.cleanable.dirty.ratio: 0.25',
        '      preallocate: TRUE',
        '  - name: users',
        '    partitions: 3',
      ].join('\n'),
      'stack.yaml',
    );
    expect(stack).toEqual({
      fileName: 'stack.yaml',
      topics: [
        {
          name: 'clickstream',
          partitions: 6,
          replicationFactor: 3,
          config: {
            'cleanup.policy': 'delete,compact',
            'retention.ms': '604800000',
            'flush.ms': '9223372036854775807',
            'min.cleanable.dirty.ratio': '0.25',
            preallocate: 'true',
          },
        },
        { name: 'users', partitions: 3, config: {} },
      ],
    });
  });

  it('accepts an empty file and an empty topics list', () => {
    expect(parseStackFile('', 'empty.yaml').topics).toEqual([]);
    expect(parseStackFile('topics: []\n', 'empty.yaml').topics).toEqual([]);
  });

  it('parses the bundled default stack', async () => {
    const stack = await loadStackFile(defaultStackFilePath());
    const byName = new Map(stack.topics.map((t) => [t.name, t]));
    expect([...byName.keys()]).toEqual([
      'clickstream',
      'enriched-clickstream',
      'user-events',
      'order-events',
      'analytics-events',
      'alerts',
      'session-events',
      'users',
      'devices',
      'urls',
      'dlq',
    ]);
    for (const name of ['users', 'devices', 'urls']) {
      expect(byName.get(name)).toMatchObject({ partitions: 3, config: { 'cleanup.policy': 'compact' } });
    }
    expect(byName.get('clickstream')?.partitions).toBe(6);
    expect(byName.get('dlq')).toMatchObject({ partitions: 3, config: { 'retention.ms': '604800000' } });
    expect(stack.topics.every((t) => t.replicationFactor === undefined)).toBe(true);
  });

  it('reports every problem at once with file:line:col', () => {
    const error = problemsOf(
      [
        'topics:', //                                 1
        '  - name: clickstream', //                   2
        '    partitons: 6', //                        3  unknown key, did you mean
        '    partitions: 0', //                       4  not positive
        '  - partitions: 3', //                       5  missing name
        '  - name: clickstream', //                   6  duplicate
        '    partitions: 2.5', //                     7  not an integer
        '    replication_factor: -1', //              8  not positive
        '  - name: "bad name!"', //                   9  invalid characters
        '    partitions: 1', //                       10
        '    config:', //                             11
        '      retention.msec: 1000', //              12 unknown config, did you mean
        '      cleanup.policy: forever', //           13 bad policy
        '      segment.ms: [1, 2]', //                14 not a scalar
        'topic: []', //                               15 unknown top-level key
      ].join('\n'),
    );
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('Invalid stack file stack.yaml (11 problems)');
    expect(error.problems).toEqual([
      'stack.yaml:3:5 unknown topic key "partitons" (did you mean "partitions"?)',
      'stack.yaml:4:17 `partitions` must be a positive integer, got 0',
      'stack.yaml:5:5 topic is missing `name`',
      'stack.yaml:6:11 duplicate topic name "clickstream" (first declared at 2:11)',
      'stack.yaml:7:17 `partitions` must be a positive integer, got 2.5',
      'stack.yaml:8:25 `replication_factor` must be a positive integer, got -1',
      'stack.yaml:9:11 topic name "bad name!" contains " ", "!"; Kafka allows only letters, digits, ".", "_" and "-"',
      'stack.yaml:12:7 unknown topic config "retention.msec" (did you mean "retention.ms"?)',
      'stack.yaml:13:23 topic config "cleanup.policy" must be delete, compact or "delete,compact", got "forever"',
      'stack.yaml:14:19 topic config "segment.ms" must be a single value, got a list',
      'stack.yaml:15:1 unknown key "topic" (did you mean "topics"?)',
    ]);
  });

  it('checks topic names by Kafka rules and config values by kind', () => {
    const error = problemsOf(
      [
        'topics:',
        '  - { name: ".", partitions: 1 }',
        `  - { name: ${'x'.repeat(250)}, partitions: 1 }`,
        '  - { name: 42, partitions: 1 }',
        '  - { name: a.b, partitions: 1 }',
        '  - { name: a_b, partitions: 1 }',
        '  - name: c',
        '    partitions: 1',
        '    config: { retention.ms: 7d, preallocate: yes, compression.type: brotli, message.downconversion.enable: true, flush.ms: }',
        '  - name: d',
        '    partitions:',
      ].join('\n'),
    );
    expect(error.problems).toEqual([
      'stack.yaml:2:13 topic name "." is not allowed',
      'stack.yaml:3:13 topic name is 250 characters long, Kafka allows at most 249',
      'stack.yaml:4:13 topic name must be a non-empty string (quote it: "42")',
      'stack.yaml:6:13 topic name "a_b" collides with "a.b" (declared at 5:13): Kafka treats "." and "_" alike in metric names',
      'stack.yaml:9:29 topic config "retention.ms" must be an integer, got "7d"',
      'stack.yaml:9:46 topic config "preallocate" must be true or false, got "yes"',
      'stack.yaml:9:69 topic config "compression.type" must be one of uncompressed, zstd, lz4, snappy, gzip, producer, got "brotli"',
      'stack.yaml:9:77 topic config "message.downconversion.enable" was removed in Kafka 4.0 (brokers no longer down-convert)',
      'stack.yaml:9:114 topic config "flush.ms" must be a single value, got nothing',
      'stack.yaml:11:5 `partitions` must be a positive integer, got nothing',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const error = problemsOf(['topics:', '  - name: clickstream', '    partitions: [6', '  - name: users'].join('\n'));
    expect(error.problems.length).toBeGreaterThan(0);
    expect(error.problems[0]).toMatch(/^stack\.yaml:4:\d+ /);
  });

  it('reports a duplicate YAML key at the duplicate', () => {
    const error = problemsOf(['topics:', '  - name: a', '    partitions: 1', '    partitions: 2'].join('\n'));
    expect(error.problems).toEqual([expect.stringMatching(/^stack\.yaml:4:5 Map keys must be unique/)]);
  });

  it('rejects a document that is not a mapping, and topics that are not a list', () => {
    expect(problemsOf('- name: a\n').problems).toEqual(['stack.yaml:1:1 a stack file is a mapping with a `topics` list']);
    expect(problemsOf('topics:\n  name: a\n').problems).toEqual([
      'stack.yaml:2:3 `topics` must be a list of topics (each item starts with "- name: ...")',
    ]);
    expect(problemsOf('topics:\n  - clickstream\n').problems).toEqual([
      'stack.yaml:2:5 each topic must be a mapping with at least `name` and `partitions`',
    ]);
  });
});

describe('loadStackFile', () => {
  it('reads from disk and names the path in problems', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stack-file-'));
    try {
      const path = join(dir, 'mine.yaml');
      await writeFile(path, 'topics:\n  - name: a\n');
      await expect(loadStackFile(path)).rejects.toMatchObject({ problems: [`${path}:2:5 topic is missing \`partitions\``] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('turns a missing file into a ConfigError', async () => {
    await expect(loadStackFile('/nonexistent/stack.yaml')).rejects.toMatchObject({
      name: 'ConfigError',
      message: 'Stack file not found: /nonexistent/stack.yaml',
    });
  });
});

describe('auto_create_topics', () => {
  it('reads true or false, and is absent (the default: on) when not written', () => {
    expect(parseStackFile('auto_create_topics: false\ntopics: []\n', 's.yaml')).toEqual({ fileName: 's.yaml', topics: [], autoCreateTopics: false });
    expect(parseStackFile('auto_create_topics: true\n', 's.yaml').autoCreateTopics).toBe(true);
    expect(parseStackFile('topics: []\n', 's.yaml')).not.toHaveProperty('autoCreateTopics');
  });

  it('reports a non-boolean value and a misspelt key at file:line:col with the other problems', () => {
    const error = problemsOf(['auto_create_topics: nope', 'topics:', '  - name: a', '    partitions: 0', 'auto_create_topic: false'].join('\n'));
    expect(error.problems).toEqual([
      'stack.yaml:1:21 `auto_create_topics` must be true or false, got "nope"',
      'stack.yaml:4:17 `partitions` must be a positive integer, got 0',
      'stack.yaml:5:1 unknown key "auto_create_topic" (did you mean "auto_create_topics"?)',
    ]);
  });
});
