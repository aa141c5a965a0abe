import { generatorConnectorModule } from '../generators/connect/plugin-module.js';
import type { SandboxOptions } from '../stacks/sandbox-options.js';
import type { SandboxState } from '../stacks/sandbox-state.js';
import { startSandbox as startStack } from '../stacks/start-sandbox.js';
import type { StartedSandbox } from '../stacks/started-sandbox.js';
import { Sandbox } from './sandbox.js';
import { SandboxContext } from './sandbox-context.js';
import { SandboxEventStream } from './sandbox-events.js';

export interface StartOptions extends Omit<SandboxOptions, 'connectPluginModules'> {
  /** Subscribe before anything starts, to see start-up as `stack` events (the handle's stream). */
  events?: SandboxEventStream;
}

/** A handle this process started: the stack's containers are reachable for tests (`stack.container('broker-1')`). */
export class StartedSandboxHandle extends Sandbox {
  constructor(
    ctx: SandboxContext,
    /** The started stack (its testcontainers handles), for tests and fault injection in this process. */
    readonly stack: StartedSandbox,
  ) {
    super(ctx, true);
  }

  override get name(): string {
    return this.stack.name;
  }

  override get state(): SandboxState {
    return this.stack.state;
  }
}

/**
 * Starts a sandbox (see `SandboxOptions`) and returns its handle once every service is usable.
 * Start-up progress goes to `options.events` (and `options.onEvent`) as `stack` events. On any
 * failure, everything already started is removed before the error is thrown.
 */
export async function startSandbox(options: StartOptions = {}): Promise<StartedSandboxHandle> {
  const { events = new SandboxEventStream(), onEvent, ...stackOptions } = options;
  const stack = await startStack({
    ...stackOptions,
    connectPluginModules: [generatorConnectorModule()],
    onEvent: (event) => {
      onEvent?.(event);
      events.emit({ kind: 'stack', ...event });
    },
  });
  return new StartedSandboxHandle(new SandboxContext(stack.name, stack.endpoints, events, stack.state), stack);
}
