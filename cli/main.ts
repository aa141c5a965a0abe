import { Command, CommanderError, Option } from 'commander';
import { overrideExits, reportFatal, usageExitCode } from './error-handler.js';
import { packageVersion } from '../runtime/core/package-root.js';
import { registerKafkaTools } from './program/register-kafka-tools.js';

/** Builds the command tree; each command's module is imported only when that command runs. */
export function buildProgram(): Command {
  const program = new Command('kafka-sandbox')
    .description('A real Kafka cluster with Schema Registry, Connect, Postgres and Elasticsearch, in one command.')
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)');

  const imagesOption = () =>
    new Option('--images <set>', 'image set: official (registry) or offline (built by `images build`)').choices(['official', 'offline']);

  const images = program.command('images').description('build and list the images of the stack');
  images
    .command('build')
    .description('build the offline image set from Debian packages and Maven Central (no registry needed)')
    .option('--only <folders>', 'comma-separated kit images to build (e.g. kafka,postgres)')
    .option('--force', 'rebuild even when an image with the same inputs exists')
    .action(async (options) => (await import('./commands/images-build.js')).imagesBuild(options));
  images
    .command('list')
    .description('show both image sets and which images are present locally')
    .option('--json', 'print JSON')
    .action(async (options) => (await import('./commands/images-list.js')).imagesList(options));

  const nameOption = () => new Option('--name <name>', 'sandbox name').default('default');

  program
    .command('up')
    .description('start the sandbox: 3 Kafka brokers, Schema Registry, Connect, Postgres, Elasticsearch')
    .addOption(nameOption())
    .addOption(new Option('--mode <mode>', 'kraft (Kafka 4) or zookeeper (Kafka 3.9 + ZooKeeper)').choices(['kraft', 'zookeeper']).default('kraft'))
    .addOption(new Option('--brokers <n>', 'number of brokers').choices(['1', '3']).default('3'))
    .option('--without <services>', 'leave out services: schema-registry,connect,postgres,elasticsearch')
    .addOption(imagesOption())
    .option('--ports <ports>', 'default (tutorial ports when free), random, or service=port,...', 'default')
    .option('--stack-file <file>', 'YAML stack file with the topics to create (default: the bundled one)')
    .option('--no-topics', 'do not create any topics')
    .option('--no-auto-create-topics', 'brokers refuse records for topics that do not exist (catches typos; default: created on first use, as in Kafka)')
    .option('-d, --detach', 'leave the sandbox running after the CLI exits')
    .option('--json', 'with --detach: print the `status --json` document once ready (start-up progress goes to stderr)')
    .option('--connect-plugins <path>', 'custom connectors, transforms or converters for the bundled Connect worker: a module or a folder (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
    .action(async (options) => (await import('./commands/up.js')).up(options));

  program
    .command('down')
    .description('remove every container, network and volume of a sandbox')
    .addOption(nameOption())
    .option('--all', 'remove every sandbox')
    .option('--json', 'print what was removed as JSON')
    .action(async (options) => (await import('./commands/down.js')).down(options));

  program
    .command('status')
    .description('services, endpoints, brokers and topic health of a running sandbox')
    .addOption(nameOption())
    .option('--json', 'print JSON (includes the Postgres password, for scripts)')
    .action(async (options) => (await import('./commands/status.js')).status(options));

  program
    .command('doctor')
    .description('check the Docker engine, memory, images and ports')
    .addOption(imagesOption())
    .option('--json', 'print the checks as JSON')
    .action(async (options) => (await import('./commands/doctor.js')).doctor(options));

  const topics = program.command('topics').description('manage topics');
  topics
    .command('apply <file>')
    .description('create or update topics from a stack file, idempotently')
    .addOption(nameOption())
    .option('--bootstrap-server <servers>', 'any Kafka cluster instead of a sandbox')
    .action(async (file, options) => (await import('./commands/topics-apply.js')).topicsApply(file, options));
  registerKafkaTools(program);

  program
    .command('generate [generator]')
    .description('seeded, relational records into Kafka (clickstream, user-events, order-events, or --definition FILE), dimension tables into Postgres, a ledger of what was sent')
    .addOption(nameOption())
    .option('--bootstrap-server <servers>', 'any Kafka cluster instead of a sandbox')
    .option('--postgres-url <url>', 'where the dimension tables go (default: the sandbox\'s Postgres)')
    .option('--schema-registry-url <url>', 'Confluent-compatible registry API for --format avro (default: the sandbox\'s)')
    .option('--definition <file>', 'YAML definition of your own entities (see the example below)')
    .option('--topic <topic>', 'target topic (default: the generator\'s; created when missing)')
    .option('--seed <seed>', 'same seed and --start-time give byte-identical records (default: random, printed)')
    .option('--count <n>', 'events (default 1000; or derived from --duration and --rate)')
    .option('--duration <time>', 'run for this long, e.g. 60s or 5m (paced)')
    .option('--rate <n>', 'events per second of event time; paced unless --fast (default 100)')
    .option('--burst <spec>', 'FACTORxLENGTH/EVERY, e.g. 5x10s/60s: five times the rate for 10 s of every minute')
    .option('--start-time <time>', 'event time of the first event, ISO-8601 (default: now)')
    .option('--late-rate <fraction>', 'events sent late, e.g. 0.01 or 1% (exact count)')
    .option('--max-lateness <time>', 'how late a late event arrives at most (default 30s)')
    .option('--duplicate-rate <fraction>', 'events sent twice (exact count)')
    .option('--malformed-rate <fraction>', 'records that are not valid JSON or violate the schema (exact count)')
    .option('--orphan-rate <fraction>', 'events whose foreign key has no dimension row (exact count)')
    .option('--users <n>', 'users in the dimension table (default max(1000, 10 x rate))')
    .option('--products <n>', 'products in the catalog (default 200)')
    .addOption(new Option('--format <format>', 'record value format (avro and json-schema: registered, Confluent wire format)').choices(['json', 'avro', 'json-schema']).default('json'))
    .addOption(new Option('--compression <codec>', 'producer compression').choices(['none', 'gzip', 'snappy', 'lz4', 'zstd']).default('lz4'))
    .option('--partitions <n>', 'partitions when the topic is created (default 6)')
    .option('--pg-schema <schema>', 'Postgres schema of the dimension tables (default public)')
    .option('--no-dimensions', 'do not write dimension tables to Postgres')
    .option('--dimension-topics [prefix]', 'also write each dimension table to a compacted topic <prefix><table>, keyed by primary key')
    .option('--ledger <file>', 'where the ledger goes (default <topic>.ledger.json)')
    .option('--ledger-topic <topic>', 'also publish the ledger summary to this compacted topic')
    .option('--fast', 'send as fast as acknowledged even with --rate or --duration')
    .option('--dry-run', 'print the records as JSON lines instead of sending them')
    .option('--json', 'print a JSON summary at the end (totals, topic, ledger file, seed) instead of the progress lines')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  kafka-sandbox generate clickstream --count 100000 --seed 42 --start-time 2025-01-01T00:00:00Z',
        '  kafka-sandbox generate order-events --rate 50 --duration 5m --late-rate 1% --duplicate-rate 0.5%',
        '  kafka-sandbox generate user-events --bootstrap-server localhost:9092 --no-dimensions --format json',
        '',
        'A definition (--definition payments.yaml): tables go to Postgres, the event to Kafka.',
        '  name: payments',
        '  tables:',
        '    customers:',
        '      rows: 500',
        '      primary_key: customer_id',
        '      fields:',
        '        customer_id: sequence',
        '        name: { faker: person.fullName }',
        '        tier: { weighted: { gold: 1, silver: 3, bronze: 6 } }',
        '  event:',
        '    key: customer_id',
        '    type: status',
        '    fields:',
        '      payment_id: event_id',
        '      at: event_time',
        '      customer_id: { ref: customers.customer_id }',
        '      amount: { range: [1, 500], decimals: 2 }',
        '      status: { choice: [authorized, declined] }',
        'Field kinds: faker (+ args), range (+ decimals), choice, weighted, ref, sequence, const, uuid, event_time, event_id.',
      ].join('\n'),
    )
    .action(async (generator, options) => (await import('./commands/generate.js')).generate(generator, options));

  const jobs = program.command('jobs').description('stream jobs: enrichment, windows, sessions, alerts (exactly-once)');
  jobs
    .command('start <job>')
    .description('run a stream job in the foreground (Ctrl-C stops it cleanly) or with --detach in the background; job options follow the name, see `jobs list`')
    .addOption(nameOption())
    .option('--bootstrap-server <servers>', 'any Kafka cluster instead of a sandbox')
    .option('--postgres-url <url>', 'where the join tables are (default: the sandbox\'s Postgres)')
    .option('--guarantee <mode>', 'exactly-once (transactions) or at-least-once', 'exactly-once')
    .option('--application-id <id>', 'consumer group, transactional id and internal topic prefix (default: the job name)')
    .option('--dlq-topic <topic>', 'where malformed records go (default <application-id>-dlq)')
    .option('--late-topic <topic>', 'where records too late for their window go (default <application-id>-late)')
    .option('--max-batch <n>', 'most records per transaction (default 5000)')
    .option('--idle-timeout <time>', 'a partition silent this long stops holding the watermark (default 5s)')
    .option('--table-refresh <time>', 'how often join tables are reloaded (default 30s)')
    .option('-d, --detach', 'run in a background process that outlives the CLI, logging to a file (see `jobs status`, `jobs stop`)')
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', '\nExamples:\n  kafka-sandbox jobs start enrich-clickstream --join inner\n  kafka-sandbox jobs start purchase-alerts --threshold 500 --guarantee at-least-once\n  kafka-sandbox jobs start sessionize --gap 10m --detach')
    .action(async (job, options, command) => (await import('./commands/jobs.js')).jobsStart(job, options, command.args.slice(1)));
  jobs
    .command('list')
    .description('the available jobs and their options, and which of them run')
    .option('--name <name>', 'only the jobs running on this sandbox')
    .option('--json', 'print JSON')
    .action(async (options) => (await import('./commands/jobs.js')).jobsList(options));
  jobs
    .command('status [application-id]')
    .description('running jobs (or one) with their latest figures: rates, totals, lag per partition, state size, late records, DLQ')
    .option('--name <name>', 'only the jobs of this sandbox (default: every recorded job)')
    .option('--json', 'print JSON')
    .action(async (app, options) => (await import('./commands/jobs-status.js')).jobsStatus(app, options));
  jobs
    .command('stop [application-id]')
    .description('stop a job: SIGTERM (the batch in flight is committed), SIGKILL after --timeout')
    .option('--all', 'stop every recorded job (of --name\'s sandbox, when given)')
    .option('--name <name>', 'only the jobs of this sandbox')
    .option('--timeout <time>', 'how long to wait for a clean exit before SIGKILL (default 30s)')
    .action(async (app, options) => (await import('./commands/jobs-status.js')).jobsStop(app, options));

  const connect = program.command('connect').description('Kafka Connect: the bundled worker and connectors of both engines');
  const connectUrlOption = () => new Option('--url <url>', 'Connect REST URL (default: the sandbox\'s)');
  connect
    .command('worker')
    .description('run the bundled Kafka-Connect-compatible worker in the foreground (Ctrl-C stops it)')
    .addOption(nameOption())
    .option('--bootstrap-server <servers>', 'any Kafka cluster instead of a sandbox')
    .option('--port <port>', 'REST port on 127.0.0.1 (default 8083; 0 for any free port)')
    .option('--forward-url <url>', 'Connect worker that runs the connector classes this one does not (default: the sandbox\'s)')
    .option('--file-dir <dir>', 'folder the file connectors are confined to')
    .option('--plugin <path>', 'custom connectors, transforms or converters: a .ts/.js module or a folder of them (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
    .action(async (options) => (await import('./commands/connect.js')).connectWorker(options));
  connect
    .command('deploy <file>')
    .description('create or update a connector from a REST JSON body, a .properties file or a Strimzi KafkaConnector YAML')
    .addOption(nameOption())
    .addOption(connectUrlOption())
    .option('--no-wait', 'return at once instead of waiting until the connector and its tasks run')
    .option('--timeout <time>', 'how long to wait for RUNNING (default 30s)')
    .option('--json', 'print the result (and the status reached) as JSON')
    .action(async (file, options) => (await import('./commands/connect.js')).connectDeploy(file, options));
  connect
    .command('list')
    .description('connectors of both engines with their state')
    .addOption(nameOption())
    .addOption(connectUrlOption())
    .option('--json', 'print JSON')
    .action(async (options) => (await import('./commands/connect.js')).connectList(options));
  connect
    .command('status <connector>')
    .description('a connector\'s state and its tasks (with traces of failed ones)')
    .addOption(nameOption())
    .addOption(connectUrlOption())
    .option('--json', 'print JSON')
    .action(async (connector, options) => (await import('./commands/connect.js')).connectStatus(connector, options));
  for (const action of ['pause', 'resume', 'restart', 'delete'] as const) {
    const command = connect
      .command(`${action} <connector>`)
      .description(`${action} a connector`)
      .addOption(nameOption())
      .addOption(connectUrlOption())
      .option('--json', 'print the result as JSON');
    if (action === 'restart') command.option('--no-include-tasks', 'restart only the connector, not its tasks').option('--only-failed', 'restart only what failed');
    command.action(async (connector, options) => (await import('./commands/connect.js')).connectAction(action, connector, options));
  }

  program
    .command('completion')
    .description('print a shell completion script: source <(kafka-sandbox completion bash)')
    .addArgument(program.createArgument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .action(async (shell) => (await import('./completion.js')).printCompletion(program, shell));

  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  overrideExits(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return usageExitCode(error);
    return reportFatal(error);
  }
}

