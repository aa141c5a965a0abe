import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Herder } from './connect-worker.js';
import { RestError } from './rest-error.js';

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RestServerOptions {
  herder: Herder;
  /** The real Connect worker: connectors of classes this worker does not implement live there. */
  forwardUrl?: string | undefined;
  version: string;
  clusterId: string;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Largest request body accepted, in bytes (default MAX_BODY_BYTES); larger ones get 413. */
  maxBodyBytes?: number;
}

/** 8 MiB: far above any connector config (a few KB); a larger body is a mistake, not worth holding in memory. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

const tooLarge = (limit: number) =>
  new RestError(413, `Request body is larger than the limit of ${limit} bytes (${limit / 1024 / 1024} MiB); a connector config is a few KB, so check what is being sent`);

/**
 * The body as text, refused with a 413 RestError as soon as it passes `limit` bytes: by its
 * Content-Length before reading anything, else while it streams. Never holds more than `limit`.
 */
function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? 0) > limit) {
      request.resume();
      return reject(tooLarge(limit));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      request.off('data', onData).off('end', onEnd).off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done();
      chunks.length = 0;
      // Discard what keeps arriving until the 413 is out and the connection closes (unread
      // bytes at close would reset the connection before the client reads the answer).
      request.resume();
      reject(tooLarge(limit));
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    request.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RestError(400, `Request body is not valid JSON: ${(error as Error).message}`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Kafka Connect's REST API over node:http, on 127.0.0.1. Routes a request to the herder when the
 * connector (or class) is ours, else forwards it unchanged to `forwardUrl`; listings merge both.
 */
export class RestServer {
  private server: Server | undefined;

  constructor(private readonly options: RestServerOptions) {}

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    const server = createServer((request, response) => void this.handle(request, response));
    server.keepAliveTimeout = 5_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      const body = await readBody(request, this.options.maxBodyBytes ?? MAX_BODY_BYTES);
      reply = await this.route(request.method ?? 'GET', new URL(request.url ?? '/', 'http://localhost'), body);
    } catch (error) {
      // The rest of a refused body is not read: answer, then close the connection.
      if (error instanceof RestError && error.status === 413) reply = { status: 413, body: error.body(), headers: { connection: 'close' } };
      else if (error instanceof RestError) reply = { status: error.status, body: error.body() };
      else {
        this.options.log('error', `REST ${request.method} ${request.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
        reply = { status: 500, body: new RestError(500, error instanceof Error ? error.message : String(error)).body() };
      }
    }
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    response.writeHead(reply.status, { ...(text ? { 'content-type': 'application/json' } : {}), ...reply.headers });
    response.end(text);
  }

  private async forward(method: string, url: URL, body: string): Promise<Reply | undefined> {
    if (!this.options.forwardUrl) return undefined;
    try {
      const response = await fetch(`${this.options.forwardUrl.replace(/\/$/, '')}${url.pathname}${url.search}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        ...(body && method !== 'GET' ? { body } : {}),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      return { status: response.status, body: text || undefined };
    } catch (error) {
      throw new RestError(502, `the Connect worker at ${this.options.forwardUrl} did not answer: ${(error as Error).message}`);
    }
  }

  /** The real worker's "unknown class" error names only its plugins: answer with both lists. */
  private async withOurClasses(reply: Reply, className: string): Promise<Reply> {
    if (reply.status < 400 || typeof reply.body !== 'string' || !reply.body.includes('Failed to find any class')) return reply;
    const theirs = ((await this.forwardJson<{ class: string }[]>('/connector-plugins')) ?? []).map((p) => p.class);
    const classes = [...new Set([...this.options.herder.registry.classNames(), ...theirs])];
    return { status: 400, body: new RestError(400, `Failed to find any class that implements Connector and which name matches ${className}, available connectors are: ${classes.join(', ')}`).body() };
  }

  private async forwardJson<T>(path: string): Promise<T | undefined> {
    if (!this.options.forwardUrl) return undefined;
    try {
      const response = await fetch(`${this.options.forwardUrl.replace(/\/$/, '')}${path}`, { signal: AbortSignal.timeout(10_000) });
      return response.ok ? ((await response.json()) as T) : undefined;
    } catch {
      return undefined;
    }
  }

  private async route(method: string, url: URL, body: string): Promise<Reply> {
    const herder = this.options.herder;
    const parts = url.pathname.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
    const bool = (name: string) => (url.searchParams.get(name) ?? 'false').toLowerCase() === 'true';
    const [root, name, sub, taskId, taskAction] = parts;

    if (parts.length === 0) {
      if (method !== 'GET') throw methodNotAllowed();
      return { status: 200, body: { version: this.options.version, commit: 'kafka-sandbox', kafka_cluster_id: this.options.clusterId } };
    }

    if (root === 'connector-plugins') {
      if (parts.length === 1 && method === 'GET') {
        // Tutorial class names (aliases) are listed too, each saying which implementation runs it.
        const ours = herder.registry.plugins.flatMap((p) =>
          [p.className, ...p.aliases.filter((alias) => alias.includes('.'))].map((name) => ({
            class: name,
            type: p.type,
            version: p.version,
            implementation: `kafka-sandbox ${p.className}`,
          })),
        );
        const claimed = new Set(herder.registry.classNames());
        const theirs = ((await this.forwardJson<{ class: string; type: string; version: string }[]>(`/connector-plugins${url.search}`)) ?? [])
          .filter((p) => !claimed.has(p.class))
          .map((p) => ({ ...p, implementation: 'Kafka Connect worker' }));
        return { status: 200, body: [...ours, ...theirs] };
      }
      if (parts.length === 4 && sub === 'config' && taskId === 'validate' && method === 'PUT') {
        const config = parseJson(body);
        if (!isObject(config)) throw new RestError(400, 'The request body must be a JSON object of connector config');
        const result = herder.validate(name!, { 'connector.class': name, ...config });
        if (result) return { status: 200, body: result };
        const forwarded = await this.forward(method, url, body);
        if (forwarded) return forwarded;
        throw new RestError(400, `Failed to find any class that implements Connector and which name matches ${name}, available connectors are: ${herder.registry.classNames().join(', ')}`);
      }
      if (parts.length === 3 && sub === 'config' && method === 'GET') {
        const plugin = herder.registry.find(name);
        if (!plugin) {
          const forwarded = await this.forward(method, url, body);
          if (forwarded) return forwarded;
          throw notFoundRoute();
        }
        const infos = herder.validate(name!, { 'connector.class': name! })!;
        return { status: 200, body: infos.configs.map((c) => c.definition) };
      }
      throw notFoundRoute();
    }

    if (root !== 'connectors') throw notFoundRoute();

    if (parts.length === 1) {
      if (method === 'GET') return { status: 200, body: await this.listConnectors(url) };
      if (method === 'POST') {
        const request = parseJson(body);
        if (!isObject(request)) throw new RestError(400, 'The request body must be a JSON object with "name" and "config"');
        const config = isObject(request.config) ? request.config : undefined;
        const connectorName = typeof request.name === 'string' ? request.name : typeof config?.name === 'string' ? config.name : undefined;
        if (!connectorName || !connectorName.trim()) throw new RestError(400, 'Connector name configuration must be provided');
        if (!config) throw new RestError(400, 'Connector config must be provided');
        if (!herder.registry.find(String(config['connector.class'] ?? ''))) {
          const forwarded = await this.forward(method, url, body);
          if (forwarded) return this.withOurClasses(forwarded, String(config['connector.class'] ?? ''));
        }
        if (herder.has(connectorName)) throw new RestError(409, `Connector ${connectorName} already exists`);
        const { info } = await herder.putConnector(connectorName, { ...config, name: connectorName }, { failIfExists: true });
        return { status: 201, body: info, headers: { location: `/connectors/${encodeURIComponent(connectorName)}` } };
      }
      throw methodNotAllowed();
    }

    const connectorName = name!;
    const local = herder.has(connectorName);

    // PUT config may create a connector: decided by its class, not by where it lives now.
    if (parts.length === 3 && sub === 'config' && method === 'PUT') {
      const config = parseJson(body);
      if (!isObject(config)) throw new RestError(400, 'The request body must be a JSON object of connector config');
      if (!local && !herder.registry.find(String(config['connector.class'] ?? ''))) {
        const forwarded = await this.forward(method, url, body);
        if (forwarded) return this.withOurClasses(forwarded, String(config['connector.class'] ?? ''));
      }
      const { created, info } = await herder.putConnector(connectorName, config, { failIfExists: false });
      return { status: created ? 201 : 200, body: info };
    }

    if (!local) {
      const forwarded = await this.forward(method, url, body);
      if (forwarded) return forwarded;
      throw new RestError(404, `Connector ${connectorName} not found`);
    }

    if (parts.length === 2) {
      if (method === 'GET') return { status: 200, body: herder.info(connectorName) };
      if (method === 'DELETE') {
        await herder.delete(connectorName);
        return { status: 204 };
      }
      throw methodNotAllowed();
    }
    if (parts.length === 3) {
      switch (`${method} ${sub}`) {
        case 'GET config':
          return { status: 200, body: herder.config(connectorName) };
        case 'GET status':
          return { status: 200, body: herder.status(connectorName) };
        case 'GET tasks':
          return { status: 200, body: herder.tasks(connectorName) };
        case 'GET metrics':
          return { status: 200, body: await herder.metrics(connectorName) };
        case 'PUT pause':
          await herder.pause(connectorName);
          return { status: 202 };
        case 'PUT resume':
          await herder.resume(connectorName);
          return { status: 202 };
        case 'POST restart': {
          const includeTasks = bool('includeTasks');
          const onlyFailed = bool('onlyFailed');
          const status = await herder.restart(connectorName, includeTasks, onlyFailed);
          return includeTasks || onlyFailed ? { status: 202, body: status } : { status: 204 };
        }
        case 'GET topics':
          return { status: 200, body: { [connectorName]: { topics: [] } } };
        default:
          throw notFoundRoute();
      }
    }
    if (sub === 'tasks' && taskId !== undefined) {
      const id = Number(taskId);
      if (!Number.isInteger(id) || id < 0) throw new RestError(404, `Task ${connectorName}-${taskId} not found`);
      if (parts.length === 5 && taskAction === 'status' && method === 'GET') return { status: 200, body: herder.taskStatus(connectorName, id) };
      if (parts.length === 5 && taskAction === 'restart' && method === 'POST') {
        await herder.restartTask(connectorName, id);
        return { status: 204 };
      }
    }
    throw notFoundRoute();
  }

  private async listConnectors(url: URL): Promise<unknown> {
    const herder = this.options.herder;
    const expand = url.searchParams.getAll('expand');
    const remote = await this.forwardJson<unknown>(`/connectors${url.search}`);
    if (expand.length === 0) {
      const names = new Set([...herder.names(), ...(Array.isArray(remote) ? (remote as string[]) : [])]);
      return [...names].sort();
    }
    const out: Record<string, Record<string, unknown>> = isObject(remote) ? { ...(remote as Record<string, Record<string, unknown>>) } : {};
    for (const name of herder.names()) {
      const entry: Record<string, unknown> = {};
      if (expand.includes('status')) entry.status = herder.status(name);
      if (expand.includes('info')) entry.info = herder.info(name);
      out[name] = entry;
    }
    return out;
  }
}

const notFoundRoute = () => new RestError(404, 'HTTP 404 Not Found');
const methodNotAllowed = () => new RestError(405, 'HTTP 405 Method Not Allowed');
