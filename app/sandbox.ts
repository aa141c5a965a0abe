import { StackError } from '../runtime/core/errors.js';
import type { Endpoints, SandboxState } from '../stacks/sandbox-state.js';
import { sandboxStatus, type SandboxStatus } from '../stacks/sandbox-status.js';
import { ConnectClient } from './connect/connect-client.js';
import { SandboxGenerators } from './generate/sandbox-generators.js';
import { SandboxGroups } from './groups/sandbox-groups.js';
import { SandboxJobs } from './jobs/sandbox-jobs.js';
import { SandboxLogs } from './logs/sandbox-logs.js';
import { SandboxRegistry } from './registry/sandbox-registry.js';
import type { SandboxContext } from './sandbox-context.js';
import type { SandboxEventStream } from './sandbox-events.js';
import { stopSandboxByName, type StopReport } from './stop-sandbox.js';
import { SandboxTopics } from './topics/sandbox-topics.js';

/**
 * One running sandbox, however it was reached: started in this process (`startSandbox`), found by
 * name (`attachSandbox('default')`, e.g. after `up --detach`), or any cluster given by endpoints
 * (`attachSandbox({ bootstrapServers })`; what needs containers then says so). Every surface (the
 * CLI, scenarios, the dashboard, workshops, your own tests) drives the sandbox through this handle.
 *
 * Lifecycle: `stop()` removes the sandbox (jobs, generators, the bundled worker, every container);
 * `detach()` only closes this handle's connections and in-process work and leaves it running.
 * `await using` stops a sandbox this handle started and detaches from one it attached to.
 * Operations may run concurrently; each sub-API documents its own errors.
 */
export class Sandbox implements AsyncDisposable {
  readonly topics: SandboxTopics;
  readonly groups: SandboxGroups;
  readonly registry: SandboxRegistry;
  /** Kafka Connect's REST API at `endpoints.connectUrl` (`connect.at(url)` for another worker). */
  readonly connect: ConnectClient;
  readonly jobs: SandboxJobs;
  readonly generate: SandboxGenerators;
  readonly logs: SandboxLogs;
  private stopped: Promise<StopReport | undefined> | undefined;

  constructor(
    private readonly ctx: SandboxContext,
    /** True when this handle started the sandbox (disposal then removes it). */
    readonly owned: boolean,
  ) {
    this.topics = new SandboxTopics(ctx);
    this.groups = new SandboxGroups(ctx);
    this.registry = new SandboxRegistry(ctx);
    this.connect = new ConnectClient(() => ctx.requireEndpoint('connectUrl', 'connect'), ctx.events);
    this.jobs = new SandboxJobs(ctx);
    this.generate = new SandboxGenerators(ctx);
    this.logs = new SandboxLogs(ctx);
  }

  /** The sandbox's name; undefined for a cluster attached by endpoints. */
  get name(): string | undefined {
    return this.ctx.name;
  }

  get endpoints(): Endpoints {
    return this.ctx.endpoints;
  }

  /** The recorded state (brokers, ports, pids); undefined for a cluster attached by endpoints. */
  get state(): SandboxState | undefined {
    return this.ctx.state;
  }

  /** Stack, connector, task, job and generator events, as data. */
  get events(): SandboxEventStream {
    return this.ctx.events;
  }

  /** The `status --json` document: containers, brokers, controller and topic health. */
  async status(): Promise<SandboxStatus> {
    const state = this.ctx.state;
    if (!state) throw new StackError('status needs a sandbox started by kafka-sandbox; this handle was attached by endpoints only');
    return sandboxStatus(state);
  }

  /**
   * Removes the sandbox: this handle's in-process jobs and generators, the sandbox's detached jobs,
   * the bundled Connect worker, every container, network and volume, the state file. Idempotent.
   * On a handle attached by endpoints only, stops this handle's own work and removes nothing.
   */
  stop(): Promise<StopReport | undefined> {
    this.stopped ??= (async () => {
      await this.ctx.close();
      return this.ctx.name === undefined ? undefined : stopSandboxByName(this.ctx.name, this.ctx.events);
    })();
    return this.stopped;
  }

  /** Closes this handle's connections and stops its in-process work; the sandbox keeps running. */
  async detach(): Promise<void> {
    await this.ctx.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.owned) await this.stop();
    else await this.detach();
  }
}
