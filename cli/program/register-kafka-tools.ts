import { Option, type Command } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** --name, --bootstrap-server and --schema-registry-url: where a Kafka tool points. */
function target(command: Command, { registry = true } = {}): Command {
  command.addOption(new Option('--name <name>', 'sandbox name').default('default')).option('--bootstrap-server <servers>', 'any Kafka cluster instead of a sandbox');
  if (registry) command.option('--schema-registry-url <url>', 'Schema Registry (Confluent API) for Avro and JSON Schema (default: the sandbox\'s)');
  return command;
}

/**
 * The everyday Kafka tools: `topics list|describe|create|delete` (next to `topics apply`),
 * `produce`, `consume`, `groups list|describe|reset` and `logs`. Each command's module is
 * imported only when it runs.
 */
export function registerKafkaTools(program: Command): void {
  const topics = program.commands.find((c) => c.name() === 'topics') ?? program.command('topics').description('manage topics');
  target(topics.command('list').description('topics with partitions and replication factor (Kafka\'s internal ones with --all)'), { registry: false })
    .option('--all', 'include internal topics (__consumer_offsets, ...)')
    .option('--json', 'print JSON')
    .action(async (options) => (await import('../commands/topics.js')).topicsList(options));
  target(topics.command('describe <topic>').description('partitions (leader, replicas, ISR, offsets) and configs of a topic'), { registry: false })
    .option('--json', 'print JSON')
    .action(async (topic, options) => (await import('../commands/topics.js')).topicsDescribe(topic, options));
  target(topics.command('create <topic>').description('create a topic and wait until every broker knows it'), { registry: false })
    .option('--partitions <n>', 'number of partitions (default: the broker\'s, 3 on a sandbox)')
    .option('--replication-factor <n>', 'replicas per partition (default: the broker\'s, min(3, brokers) on a sandbox)')
    .option('--config <key=value>', 'a topic config, e.g. retention.ms=86400000 (repeatable)', collect)
    .option('--json', 'print JSON')
    .action(async (topic, options) => (await import('../commands/topics.js')).topicsCreate(topic, options));
  target(topics.command('delete <topic>').description('delete a topic (its exact name; no prompt)'), { registry: false })
    .option('--json', 'print JSON')
    .action(async (topic, options) => (await import('../commands/topics.js')).topicsDelete(topic, options));

  target(program.command('produce <topic>').description('send records from stdin or --file, one per line; a batch with a bad line sends nothing'))
    .option('--file <file>', 'read the lines from a file instead of stdin')
    .option('--key-sep <sep>', 'each line is KEY<sep>VALUE (split at the first separator)')
    .option('--header <key=value>', 'a header on every record (repeatable)', collect)
    .addOption(new Option('--format <format>', 'value format: avro and json-schema are Confluent wire format through the registry (lines are JSON)').choices(['string', 'json', 'avro', 'json-schema']).default('string'))
    .option('--schema <file-or-json>', 'the Avro or JSON Schema for --format avro|json-schema, registered under <topic>-value (default: its latest version)')
    .option('--subject <subject>', 'registry subject (default <topic>-value)')
    .option('--partition <n>', 'send every record to this partition (default: by key)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', [
      '',
      'Examples:',
      '  echo \'{"id":1}\' | kafka-sandbox produce orders --format json',
      '  printf \'u1:hello\\nu2:world\\n\' | kafka-sandbox produce greetings --key-sep : --header source=cli',
      '  kafka-sandbox produce users --file users.jsonl --format avro --schema user.avsc',
    ].join('\n'))
    .action(async (topic, options) => (await import('../commands/produce.js')).produce(topic, options));

  target(program.command('consume <topic>').description('print records (from the beginning to the end by default; --follow for new ones), Avro and JSON Schema decoded'))
    .option('--from-beginning', 'start at the first offset (the default, as kcat; with --group: instead of its committed offsets)')
    .option('--offset <offset>', 'beginning, end, an offset N, or -N for the last N records of each partition')
    .option('--from-time <time>', 'first record at or after a time: ISO-8601, epoch ms, or a duration ago (15m, 2h)')
    .option('--partition <n>', 'only this partition')
    .option('--group <group>', 'consume as this group: start at its committed offsets, commit what was printed')
    .option('--count <n>', 'stop after N records')
    .option('-f, --follow', 'keep waiting for new records (Ctrl-C ends, printing the count)')
    .option('--format <template>', 'kcat-like line template: %k key, %v value, %p partition, %o offset, %t timestamp, %h headers, %n topic (e.g. \'%p:%o %k=%v\')')
    .addOption(new Option('--value-format <format>', 'how values are decoded (auto: registry wire format, JSON, else text)').choices(['auto', 'string', 'json', 'avro', 'json-schema']).default('auto'))
    .option('--json', 'one JSON object per record: key, value, headers, partition, offset, timestamp')
    .action(async (topic, options) => (await import('../commands/consume.js')).consume(topic, options));

  const groups = program.command('groups').description('consumer groups: members, lag, offset resets');
  target(groups.command('list').description('groups with their state, members and total lag'), { registry: false })
    .option('--json', 'print JSON')
    .action(async (options) => (await import('../commands/groups.js')).groupsList(options));
  target(groups.command('describe <group>').description('members and, per partition, committed offset, end offset and lag'), { registry: false })
    .option('--json', 'print JSON')
    .action(async (group, options) => (await import('../commands/groups.js')).groupsDescribe(group, options));
  target(groups.command('reset <group>').description('move a group\'s committed offsets on a topic (only while it has no members)'), { registry: false })
    .requiredOption('--topic <topic>', 'the topic whose offsets move')
    .option('--partition <n>', 'only this partition (repeatable)', collect)
    .option('--to-earliest', 'to the first offset')
    .option('--to-latest', 'to the end')
    .option('--to-offset <n>', 'to an offset (clamped to each partition)')
    .option('--to-time <time>', 'to the first record at or after a time: ISO-8601, epoch ms, or a duration ago (15m)')
    .option('--shift-by <n>', 'move by N (negative: back, to re-read)')
    .option('--dry-run', 'show where the offsets would go, change nothing')
    .option('--json', 'print JSON')
    .action(async (group, options) => (await import('../commands/groups.js')).groupsReset(group, options));

  program
    .command('logs <service>')
    .description('a service\'s log: broker-1, schema-registry, connect (the bundled worker), connect-worker, postgres, ...')
    .addOption(new Option('--name <name>', 'sandbox name').default('default'))
    .option('-f, --follow', 'keep printing new lines (Ctrl-C ends)')
    .option('--tail <n>', 'how many of the last lines to print (default 100; 10 with --follow)')
    .option('--json', 'one JSON object per line: service, line')
    .action(async (service, options) => (await import('../commands/logs.js')).logs(service, options));
}
