import { ConnectorError, StackError } from '../../runtime/core/errors.js';
import { closestMatch } from '../../runtime/core/did-you-mean.js';
import { loadDeployment } from '../../runtime/worker/deploy-file.js';
import { SandboxEventStream } from '../sandbox-events.js';

/** `GET /connectors/NAME/status`, as Kafka Connect answers it. */
export interface ConnectorStatus {
  name: string;
  type: 'sink' | 'source' | string;
  connector: { state: string; worker_id: string; trace?: string };
  tasks: { id: number; state: string; worker_id: string; trace?: string }[];
}

/** What a deploy did. */
export interface DeployResult {
  name: string;
  created: boolean;
  paused: boolean;
  /** The connector's status once it reached the state waited for. */
  status?: ConnectorStatus;
}

export interface RestartOptions {
  includeTasks?: boolean;
  onlyFailed?: boolean;
}

/**
 * Kafka Connect's REST API at the sandbox's Connect URL (the bundled worker, which forwards
 * Debezium and other Java classes to the real worker), or any URL given. Errors: StackError when no
 * worker answers, ConnectorError with Connect's own message for a 4xx/5xx.
 */
export class ConnectClient {
  private readonly events: SandboxEventStream;

  /** `baseUrl` is a URL or a function giving it when first needed (a sandbox's, which may lack Connect). */
  constructor(
    private readonly baseUrl: string | (() => string),
    events?: SandboxEventStream,
  ) {
    this.events = events ?? new SandboxEventStream();
  }

  /** The REST base URL, without a trailing slash. */
  get url(): string {
    return (typeof this.baseUrl === 'string' ? this.baseUrl : this.baseUrl()).replace(/\/$/, '');
  }

  /** The same API at another URL (e.g. the real worker, `endpoints.connectWorkerUrl`), reporting to the same events. */
  at(url: string): ConnectClient {
    return new ConnectClient(url, this.events);
  }

  /** Every connector with its status. */
  async list(): Promise<Record<string, ConnectorStatus>> {
    const body = await this.request<Record<string, { status: ConnectorStatus }>>('GET', '/connectors?expand=status');
    return Object.fromEntries(Object.entries(body).map(([name, value]) => [name, value.status]));
  }

  async status(name: string): Promise<ConnectorStatus> {
    return this.request<ConnectorStatus>('GET', `${this.path(name)}/status`, undefined, name);
  }

  async config(name: string): Promise<Record<string, string>> {
    return this.request<Record<string, string>>('GET', `${this.path(name)}/config`, undefined, name);
  }

  /** Creates or updates a connector (Connect's `PUT /connectors/NAME/config`). */
  async put(name: string, config: Record<string, unknown>): Promise<{ created: boolean }> {
    const { status } = await this.send('PUT', `${this.path(name)}/config`, config);
    this.events.emit({ kind: 'connector-state', connector: name, state: status === 201 ? 'CREATED' : 'UPDATED' });
    return { created: status === 201 };
  }

  /**
   * Deploys a REST JSON body, a `.properties` file or a Strimzi KafkaConnector YAML (paused when
   * the file says so), then waits up to `waitMs` (default 30 s; 0: no wait) for the connector and
   * its tasks to be RUNNING (or PAUSED). A FAILED task ends the wait with its trace.
   */
  async deploy(file: string, options: { waitMs?: number } = {}): Promise<DeployResult> {
    const deployment = await loadDeployment(file);
    const { created } = await this.put(deployment.name, deployment.config);
    if (deployment.paused) await this.pause(deployment.name);
    const waitMs = options.waitMs ?? 30_000;
    const result: DeployResult = { name: deployment.name, created, paused: Boolean(deployment.paused) };
    if (waitMs > 0) result.status = await this.waitForState(deployment.name, deployment.paused ? 'PAUSED' : 'RUNNING', waitMs);
    return result;
  }

  /**
   * Polls until the connector and every task are in `state`; a FAILED connector or task throws a
   * ConnectorError with its trace (unless FAILED is what was asked for). Emits state changes.
   */
  async waitForState(name: string, state: string, timeoutMs = 30_000): Promise<ConnectorStatus> {
    const seen = new Map<string, string>();
    const deadline = Date.now() + timeoutMs;
    let last: ConnectorStatus | undefined;
    for (;;) {
      last = await this.status(name).catch((error: unknown) => {
        if (error instanceof ConnectorError && / 404:/.test(error.message)) return undefined;
        throw error;
      });
      if (last) {
        this.emitChanges(last, seen);
        if (state !== 'FAILED') {
          const failed = last.connector.state === 'FAILED' ? last.connector : last.tasks.find((task) => task.state === 'FAILED');
          if (failed) {
            const which = 'id' in failed ? `task ${failed.id}` : 'the connector';
            throw new ConnectorError(`connector ${name} FAILED (${which}): ${failed.trace?.split('\n')[0] ?? 'no trace'}`, { hint: `\`kafka-sandbox connect status ${name}\` shows the whole trace.` });
          }
        }
        const states = [last.connector.state, ...last.tasks.map((task) => task.state)];
        if (last.tasks.length > 0 && states.every((s) => s === state)) return last;
      }
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const now = last ? `${last.connector.state}, tasks ${last.tasks.map((t) => `${t.id}:${t.state}`).join(' ') || 'none yet'}` : 'not found';
    throw new ConnectorError(`connector ${name} did not reach ${state} within ${Math.round(timeoutMs / 1000)} s (now ${now})`);
  }

  async pause(name: string): Promise<void> {
    await this.send('PUT', `${this.path(name)}/pause`, undefined, name);
  }

  async resume(name: string): Promise<void> {
    await this.send('PUT', `${this.path(name)}/resume`, undefined, name);
  }

  async restart(name: string, options: RestartOptions = {}): Promise<void> {
    const query = new URLSearchParams({ includeTasks: String(options.includeTasks ?? true), onlyFailed: String(options.onlyFailed ?? false) });
    await this.send('POST', `${this.path(name)}/restart?${query}`, undefined, name);
  }

  async delete(name: string): Promise<void> {
    await this.send('DELETE', this.path(name), undefined, name);
    this.events.emit({ kind: 'connector-state', connector: name, state: 'DELETED' });
  }

  /** The bundled worker's metrics extension (`GET /connectors/NAME/metrics`). */
  async metrics(name: string): Promise<unknown> {
    return this.request('GET', `${this.path(name)}/metrics`, undefined, name);
  }

  /** `GET /connector-plugins`: the classes both engines run. */
  async plugins(): Promise<{ class: string; type: string; version?: string }[]> {
    return this.request('GET', '/connector-plugins');
  }

  private path(name: string): string {
    return `/connectors/${encodeURIComponent(name)}`;
  }

  private emitChanges(status: ConnectorStatus, seen: Map<string, string>): void {
    const report = (key: string, state: string, emit: () => void) => {
      if (seen.get(key) !== state) {
        seen.set(key, state);
        emit();
      }
    };
    report('connector', status.connector.state, () =>
      this.events.emit({ kind: 'connector-state', connector: status.name, state: status.connector.state, ...(status.connector.trace ? { trace: status.connector.trace } : {}) }),
    );
    for (const task of status.tasks) {
      report(`task-${task.id}`, task.state, () =>
        this.events.emit({ kind: 'task-state', connector: status.name, task: task.id, state: task.state, ...(task.trace ? { trace: task.trace } : {}) }),
      );
    }
  }

  private async request<T>(method: string, path: string, body?: unknown, connector?: string): Promise<T> {
    return (await this.send(method, path, body, connector)).body as T;
  }

  private async send(method: string, path: string, body?: unknown, connector?: string): Promise<{ status: number; body: unknown }> {
    const base = this.url;
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
    } catch (error) {
      throw new StackError(`no Connect worker answers at ${base}`, {
        hint: 'Start the sandbox (`kafka-sandbox up`) or a worker (`kafka-sandbox connect worker`), or pass --url.',
        cause: error,
      });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (!response.ok) {
      const message = (parsed as { message?: string } | undefined)?.message ?? text;
      const hint = response.status === 404 && connector ? await this.unknownConnectorHint(connector) : undefined;
      throw new ConnectorError(`${method} ${path.split('?')[0]} answered ${response.status}: ${message}`, hint ? { hint } : {});
    }
    return { status: response.status, body: parsed };
  }

  private async unknownConnectorHint(name: string): Promise<string | undefined> {
    try {
      const response = await fetch(`${this.url}/connectors`);
      const names = (await response.json()) as string[];
      const close = closestMatch(name, names);
      return names.length === 0 ? 'No connector is deployed.' : `${close ? `Did you mean ${close}? ` : ''}Connectors: ${names.join(', ')}.`;
    } catch {
      return undefined;
    }
  }
}
