import { StackError } from '../runtime/core/errors.js';
import { sandboxContainers, sandboxNames } from '../stacks/docker-resources.js';
import { readSandboxState, type Endpoints } from '../stacks/sandbox-state.js';
import { Sandbox } from './sandbox.js';
import { SandboxContext } from './sandbox-context.js';
import { SandboxEventStream } from './sandbox-events.js';

/** A cluster given by its endpoints: `bootstrapServers` at least, any other service URL optional. */
export type EndpointsTarget = Partial<Endpoints> & { bootstrapServers: string };

/**
 * A handle on a running sandbox found by name (started with `up --detach` or by another process),
 * or on any cluster given by endpoints. Nothing is started. The handle does not own the sandbox:
 * disposing it detaches; `stop()` still removes a sandbox attached by name (as `down` does).
 * Throws a StackError, saying how to start one, when no sandbox of that name is running.
 */
export async function attachSandbox(target: string | EndpointsTarget = 'default', options: { events?: SandboxEventStream } = {}): Promise<Sandbox> {
  const events = options.events ?? new SandboxEventStream();
  if (typeof target !== 'string') {
    const endpoints: Endpoints = { internalBootstrapServers: target.bootstrapServers, ...target };
    return new Sandbox(new SandboxContext(undefined, endpoints, events, undefined), false);
  }
  const state = await readSandboxState(target);
  if (!state) throw await notRunning(target);
  return new Sandbox(new SandboxContext(state.name, state.endpoints, events, state), false);
}

/**
 * Where a CLI command points: `--bootstrap-server` (and service URLs) when given, else the sandbox
 * `name`, with any URL given overriding the sandbox's own.
 */
export async function attachFromFlags(flags: { name?: string; bootstrapServer?: string } & Partial<Omit<Endpoints, 'bootstrapServers' | 'internalBootstrapServers'>>): Promise<Sandbox> {
  const { name, bootstrapServer, ...urls } = flags;
  const given = Object.fromEntries(Object.entries(urls).filter(([, value]) => value !== undefined)) as Partial<Endpoints>;
  if (bootstrapServer) return attachSandbox({ bootstrapServers: bootstrapServer, ...given });
  const sandbox = await attachSandbox(name ?? 'default');
  if (Object.keys(given).length === 0) return sandbox;
  return new Sandbox(new SandboxContext(sandbox.name, { ...sandbox.endpoints, ...given }, sandbox.events, sandbox.state), false);
}

/** Why `name` cannot be attached, and what to do: remove its leftovers, pick a running one, or start it. */
async function notRunning(name: string): Promise<StackError> {
  const leftovers = await sandboxContainers(name).catch(() => []);
  const others = (await sandboxNames().catch(() => [] as string[])).filter((other) => other !== name);
  const start = `Start one with \`kafka-sandbox up --detach${name === 'default' ? '' : ` --name ${name}`}\`.`;
  return new StackError(`no sandbox named "${name}" is running${leftovers.length > 0 ? ' (its containers exist but its state file is gone)' : ''}`, {
    hint:
      leftovers.length > 0
        ? `Remove its ${leftovers.length} containers with \`kafka-sandbox down --name ${name}\`.`
        : others.length > 0
          ? `Running sandboxes: ${others.join(', ')} (use --name). Or: ${start}`
          : start,
  });
}
