import type { Admin, Kafka } from 'kafkajs';
import { StackError } from '../runtime/core/errors.js';
import { kafkaClient } from '../runtime/kafka/kafka-client.js';
import type { Endpoints, SandboxState } from '../stacks/sandbox-state.js';
import type { SandboxEventStream } from './sandbox-events.js';

/** Something the handle must close or stop when it stops or detaches (a running job, a generator, a client). */
export interface HandleResource {
  close(): Promise<void>;
}

/**
 * What every part of the handle (topics, groups, connect, jobs, ...) shares: where the sandbox is,
 * its event stream, one lazily connected kafkajs admin, and the resources to close with the handle.
 * Internal to app/; users see only the `Sandbox` handle.
 */
export class SandboxContext {
  private kafkaInstance: Kafka | undefined;
  private adminConnection: Promise<Admin> | undefined;
  private readonly resources = new Set<HandleResource>();

  constructor(
    /** The sandbox's name; undefined for a cluster given only by endpoints. */
    readonly name: string | undefined,
    readonly endpoints: Endpoints,
    readonly events: SandboxEventStream,
    /** The recorded state (brokers, pids); undefined for a cluster given only by endpoints. */
    readonly state: SandboxState | undefined,
  ) {}

  /** One kafkajs client for the handle, every codec registered. */
  kafka(): Kafka {
    this.kafkaInstance ??= kafkaClient(this.endpoints.bootstrapServers);
    return this.kafkaInstance;
  }

  /** One connected admin client, shared by every operation of the handle, closed with it. */
  admin(): Promise<Admin> {
    this.adminConnection ??= (async () => {
      const admin = this.kafka().admin();
      try {
        await admin.connect();
      } catch (error) {
        this.adminConnection = undefined;
        throw new StackError(`no Kafka broker answers at ${this.endpoints.bootstrapServers}`, {
          hint: this.name ? `Is sandbox "${this.name}" still running? \`kafka-sandbox status --name ${this.name}\`` : 'Check the bootstrap servers.',
          cause: error,
        });
      }
      return admin;
    })();
    return this.adminConnection;
  }

  /** The sandbox's name, or a clear error for an operation that needs its containers. */
  requireContainers(operation: string): string {
    if (this.name === undefined) {
      throw new StackError(`${operation} needs a sandbox's containers, and this handle was attached by endpoints only`, {
        hint: 'Attach by name (`attachSandbox("default")`, or `--name` on the CLI) to a sandbox started by kafka-sandbox.',
      });
    }
    return this.name;
  }

  /** An endpoint the sandbox may lack (registry, Connect, Postgres, ...), or a clear error. */
  requireEndpoint<K extends keyof Endpoints>(key: K, service: string): NonNullable<Endpoints[K]> {
    const value = this.endpoints[key];
    if (value === undefined || value === '') {
      throw new StackError(`this sandbox has no ${service}`, {
        hint: `Start it without \`--without ${service}\`${this.name ? ` (\`kafka-sandbox up --name ${this.name}\`)` : ', or pass its URL'}.`,
      });
    }
    return value as NonNullable<Endpoints[K]>;
  }

  /** Registers a resource to close when the handle stops or detaches; returns its unregister function. */
  track(resource: HandleResource): () => void {
    this.resources.add(resource);
    return () => this.resources.delete(resource);
  }

  /** Closes every tracked resource (newest first) and the shared admin. Never throws. */
  async close(): Promise<void> {
    const resources = [...this.resources].reverse();
    this.resources.clear();
    await Promise.allSettled(resources.map((resource) => resource.close()));
    const admin = this.adminConnection;
    this.adminConnection = undefined;
    if (admin) await admin.then((a) => a.disconnect()).catch(() => undefined);
  }
}
