import { render } from 'ink';
import { InterruptedError } from '../../runtime/core/errors.js';
import { stopSandboxByName } from '../../app/stop-sandbox.js';
import { connectFileDirectory } from '../../stacks/bundled-worker.js';
import { sandboxContainers } from '../../stacks/docker-resources.js';
import type { ImageSetName } from '../../stacks/images.js';
import type { KafkaMode } from '../../stacks/kafka/broker-properties.js';
import { labelKeys } from '../../stacks/labels.js';
import type { OptionalService } from '../../stacks/sandbox-options.js';
import { maskUrl, writeSandboxState } from '../../stacks/sandbox-state.js';
import { startSandbox } from '../../app/start-sandbox.js';
import type { StartedSandboxHandle as StartedSandbox } from '../../app/start-sandbox.js';
import { formatEvent } from '../output/plain-events.js';
import { MutableBoardStore } from '../ui/board-store.js';
import { UpApp } from '../ui/up-app.js';

export interface UpOptions {
  name: string;
  mode: KafkaMode;
  brokers: string;
  without?: string;
  images?: ImageSetName;
  ports: string;
  stackFile?: string;
  topics: boolean;
  /** false with --no-auto-create-topics; commander gives true otherwise, which must not override the stack file. */
  autoCreateTopics?: boolean;
  detach?: boolean;
  json?: boolean;
  connectPlugins?: string[];
}

function summary(sandbox: StartedSandbox): string[] {
  const { endpoints } = sandbox;
  return [
    `kafka           ${endpoints.bootstrapServers}`,
    ...(endpoints.schemaRegistryUrl ? [`schema-registry ${endpoints.schemaRegistryUrl}`] : []),
    ...(endpoints.connectUrl ? [`connect         ${endpoints.connectUrl}  (real worker: ${endpoints.connectWorkerUrl})`] : []),
    ...(endpoints.connectUrl ? [`connect files   ${connectFileDirectory(sandbox.name)}  (where FileStream connectors' \`file\` paths resolve)`] : []),
    ...(endpoints.postgresUrl ? [`postgres        ${maskUrl(endpoints.postgresUrl)}  (password: kafka-sandbox status --json)`] : []),
    ...(endpoints.elasticsearchUrl ? [`elasticsearch   ${endpoints.elasticsearchUrl}`] : []),
  ];
}

/**
 * `kafka-sandbox up`. Ctrl-C (or `q` in a TTY) at any time removes everything started and exits
 * with 130; a second Ctrl-C exits at once. With --detach the stack outlives the CLI.
 */
export async function up(options: UpOptions): Promise<void> {
  const tty = Boolean(process.stdout.isTTY && process.stdin.isTTY);
  const store = new MutableBoardStore();
  let footer: string | undefined;
  let interrupted = false;
  let cleanup: Promise<void> | undefined;
  let resolveQuit: () => void = () => {};
  const quit = new Promise<void>((resolve) => (resolveQuit = resolve));

  /** `q` stops normally (exit 0); a signal stops with 130; a second signal exits at once. */
  const stop = (bySignal: boolean) => {
    if (cleanup) {
      if (bySignal) process.exit(130);
      return;
    }
    interrupted = bySignal;
    footer = 'stopping: removing every container of this sandbox…';
    if (!tty) console.log(footer);
    // The one teardown (app/stop-sandbox.ts), also right for a start still under way: it removes
    // whatever exists now, and startSandbox removes what it started when its services then fail.
    cleanup = stopSandboxByName(options.name)
      .then(() => undefined)
      .finally(resolveQuit);
  };
  const onSignal = () => stop(true);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const ink = tty ? render(<UpApp store={store} footer={() => footer} onQuit={(bySignal) => stop(bySignal)} />, { exitOnCtrlC: false }) : undefined;
  const finish = async () => {
    await cleanup;
    if (interrupted) throw new InterruptedError(`stopped; sandbox ${options.name} removed`);
    ink?.unmount();
    console.log(`stopped; sandbox ${options.name} removed`);
  };
  try {
    const startup = startSandbox({
      name: options.name,
      mode: options.mode,
      brokers: Number(options.brokers),
      without: (options.without?.split(',').map((s) => s.trim()).filter(Boolean) ?? []) as OptionalService[],
      ...(options.images ? { images: options.images } : {}),
      ports: options.ports,
      stackFile: options.topics ? options.stackFile : false,
      ...(options.autoCreateTopics === false ? { autoCreateTopics: false } : {}),
      ...(options.connectPlugins ? { connectPlugins: options.connectPlugins } : {}),
      onEvent: (event) => (tty ? store.dispatch(event) : (options.json ? console.error : console.log)(formatEvent(event))),
    });
    const sandbox = await Promise.race([startup, quit.then(() => undefined)]);
    if (!sandbox) return await finish();
    if (options.detach) {
      ink?.unmount();
      if (options.json) {
        console.log(JSON.stringify(await sandbox.status(), null, 2));
        return;
      }
      console.log(`sandbox ${sandbox.name} is running (detached). Stop it with: kafka-sandbox down${sandbox.name === 'default' ? '' : ` --name ${sandbox.name}`}`);
      for (const line of summary(sandbox)) console.log(`  ${line}`);
      return;
    }
    await writeSandboxState({ ...sandbox.state, foregroundPid: process.pid });
    footer = `ready. ${tty ? 'q or Ctrl-C' : 'Ctrl-C'} stops and removes the sandbox.`;
    if (!tty) {
      for (const line of summary(sandbox)) console.log(`  ${line}`);
      console.log(footer);
    }
    const refresh = setInterval(async () => {
      const containers = await sandboxContainers(options.name).catch(() => []);
      store.live(Object.fromEntries(containers.map((c) => [c.Labels[labelKeys.service] ?? '', c.State === 'running'])));
    }, 2000);
    try {
      await quit;
    } finally {
      clearInterval(refresh);
    }
    await finish();
  } catch (error) {
    // A failure caused by our own teardown (containers removed mid-start) is the stop, not an error.
    if (cleanup) return await finish();
    throw error;
  } finally {
    ink?.unmount();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
