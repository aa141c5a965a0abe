import type { StartedTestContainer } from 'testcontainers';
import { StackError } from '../runtime/core/errors.js';
import type { TopicChange } from '../runtime/kafka/apply-topics.js';
import { stopBundledWorker } from './bundled-worker.js';
import { requireDockerEngine } from './docker-engine.js';
import { removeSandboxResources } from './docker-resources.js';
import { removeSandboxState, type Endpoints, type SandboxState } from './sandbox-state.js';
import { sandboxStatus, type SandboxStatus } from './sandbox-status.js';

/**
 * A running sandbox. Dispose it (`await using`, or `stop()`) to remove every container, network and
 * volume it created. Safe to use from one process; `status()` may be called at any time.
 */
export class StartedSandbox implements AsyncDisposable {
  constructor(
    readonly state: SandboxState,
    private readonly containers: Map<string, StartedTestContainer>,
    /** What seeding the stack file's topics changed. */
    readonly topicChanges: TopicChange[] = [],
  ) {}

  get name(): string {
    return this.state.name;
  }

  get endpoints(): Endpoints {
    return this.state.endpoints;
  }

  /** The same document `kafka-sandbox status --json` prints. */
  status(): Promise<SandboxStatus> {
    return sandboxStatus(this.state);
  }

  /** The started container of a service (broker-1, postgres, ...), for exec or logs in tests. */
  container(service: string): StartedTestContainer {
    const container = this.containers.get(service);
    if (!container) throw new StackError(`sandbox ${this.name} has no service ${service}`);
    return container;
  }

  /** Stops a broker's container without removing it (fault injection); its host port stays reserved. */
  async stopBroker(id: number): Promise<void> {
    await (await this.brokerContainer(id)).stop({ t: 10 });
  }

  /** Starts a stopped broker again, on the same host port. */
  async startBroker(id: number): Promise<void> {
    await (await this.brokerContainer(id)).start();
  }

  private async brokerContainer(id: number) {
    const broker = this.state.brokers.find((candidate) => candidate.id === id);
    if (!broker) throw new StackError(`sandbox ${this.name} has no broker ${id}`);
    const client = await requireDockerEngine();
    return client.container.dockerode.getContainer(this.container(broker.alias).getId());
  }

  /** Removes everything this sandbox created. Idempotent. */
  async stop(): Promise<void> {
    await stopBundledWorker(this.state.connectWorkerPid);
    await removeSandboxResources(this.name);
    await removeSandboxState(this.name);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
