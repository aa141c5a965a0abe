import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { ConnectorError } from '../core/errors.js';
import { DataException } from './data-exception.js';

export type SchemaType = 'AVRO' | 'JSON' | 'PROTOBUF';

export interface RegisteredSchema {
  id: number;
  schema: string;
  schemaType: SchemaType;
}

export interface SchemaRegistryClientOptions {
  /** `schema.registry.url`: one URL or a comma-separated list (the first reachable one answers). */
  url: string;
  /** `user:password` for HTTP basic auth (also read from credentials in the URL). */
  userInfo?: string;
  timeoutMs?: number;
}

/**
 * The Confluent Schema Registry REST calls the converters need, with caches: schemas by id
 * forever (ids are immutable), ids by subject and schema text. Works against Confluent's registry
 * and Apicurio's `/apis/ccompat/v7`. Registration posts directly instead of going through
 * `@kafkajs/confluent-schema-registry`'s `register`, which first compares compatibility levels
 * and fails on Apicurio's answer. An unreachable registry is a retriable ConnectorError; a refusal
 * (incompatible schema, unknown id) is a DataException.
 */
export class SchemaRegistryClient {
  readonly urls: string[];
  /** `user:password` for Basic auth, if any. */
  readonly userInfo: string | undefined;
  private readonly authorization: string | undefined;
  private readonly timeoutMs: number;
  private readonly byIdCache = new Map<number, Promise<RegisteredSchema>>();
  private readonly idCache = new Map<string, Promise<number>>();

  constructor(options: SchemaRegistryClientOptions) {
    this.urls = options.url.split(',').map((u) => u.trim().replace(/\/+$/, '')).filter((u) => u !== '');
    if (this.urls.length === 0) throw new Error('schema.registry.url is empty');
    let userInfo = options.userInfo;
    this.urls = this.urls.map((raw) => {
      const url = new URL(raw);
      if (url.username && userInfo === undefined) userInfo = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      url.username = '';
      url.password = '';
      return url.toString().replace(/\/+$/, '');
    });
    this.userInfo = userInfo;
    this.authorization = userInfo ? `Basic ${Buffer.from(userInfo).toString('base64')}` : undefined;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** The first URL, for clients that take a single host (`@kafkajs/confluent-schema-registry`). */
  get url(): string {
    return this.urls[0]!;
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }> {
    let lastError: unknown;
    for (const base of this.urls) {
      try {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: {
            accept: 'application/vnd.schemaregistry.v1+json, application/json',
            ...(body !== undefined ? { 'content-type': 'application/vnd.schemaregistry.v1+json' } : {}),
            ...(this.authorization ? { authorization: this.authorization } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const text = await response.text();
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        return { status: response.status, json, text };
      } catch (cause) {
        lastError = cause;
      }
    }
    throw new ConnectorError(`Schema Registry at ${this.urls.join(', ')} is unreachable: ${(lastError as Error)?.message ?? lastError}`, {
      cause: lastError,
      retriable: true,
      hint: 'Is the Schema Registry running (`kafka-sandbox status`)? Otherwise check schema.registry.url.',
    });
  }

  private refusal(what: string, response: { status: number; text: string }): DataException {
    return new DataException(`Schema Registry refused ${what}: HTTP ${response.status} ${response.text.slice(0, 300)}`, {
      exceptionClass: 'org.apache.kafka.common.errors.SerializationException',
    });
  }

  /** POST /subjects/{subject}/versions: the id of the schema, registering it when new. */
  register(subject: string, schema: string, schemaType: SchemaType): Promise<number> {
    return this.cachedId(`register\0${subject}\0${schemaType}\0${schema}`, async () => {
      const body = schemaType === 'AVRO' ? { schema } : { schema, schemaType };
      const response = await this.request('POST', `/subjects/${encodeURIComponent(subject)}/versions`, body);
      const id = (response.json as { id?: unknown } | undefined)?.id;
      if (response.status >= 300 || typeof id !== 'number') throw this.refusal(`to register a ${schemaType} schema under subject ${subject}`, response);
      return id;
    });
  }

  /** POST /subjects/{subject}: the id of an already registered schema (auto.register.schemas=false). */
  lookup(subject: string, schema: string, schemaType: SchemaType): Promise<number> {
    return this.cachedId(`lookup\0${subject}\0${schemaType}\0${schema}`, async () => {
      const body = schemaType === 'AVRO' ? { schema } : { schema, schemaType };
      const response = await this.request('POST', `/subjects/${encodeURIComponent(subject)}`, body);
      const id = (response.json as { id?: unknown } | undefined)?.id;
      if (response.status >= 300 || typeof id !== 'number') throw this.refusal(`to find the schema under subject ${subject} (auto.register.schemas=false)`, response);
      return id;
    });
  }

  /** GET /subjects/{subject}/versions/latest (use.latest.version=true). Not cached. */
  async latest(subject: string): Promise<RegisteredSchema> {
    const response = await this.request('GET', `/subjects/${encodeURIComponent(subject)}/versions/latest`);
    const json = response.json as { id?: unknown; schema?: unknown; schemaType?: unknown } | undefined;
    if (response.status >= 300 || typeof json?.id !== 'number' || typeof json.schema !== 'string') throw this.refusal(`the latest version of subject ${subject}`, response);
    const registered: RegisteredSchema = { id: json.id, schema: json.schema, schemaType: schemaTypeOf(json.schemaType) };
    if (!this.byIdCache.has(registered.id)) this.byIdCache.set(registered.id, Promise.resolve(registered));
    return registered;
  }

  /** GET /schemas/ids/{id}, cached. */
  byId(id: number): Promise<RegisteredSchema> {
    let cached = this.byIdCache.get(id);
    if (!cached) {
      cached = (async () => {
        const response = await this.request('GET', `/schemas/ids/${id}`);
        const json = response.json as { schema?: unknown; schemaType?: unknown } | undefined;
        if (response.status >= 300 || typeof json?.schema !== 'string') throw this.refusal(`schema id ${id}`, response);
        return { id, schema: json.schema, schemaType: schemaTypeOf(json.schemaType) };
      })();
      this.byIdCache.set(id, cached);
      cached.catch(() => this.byIdCache.delete(id));
    }
    return cached;
  }

  private cachedId(key: string, load: () => Promise<number>): Promise<number> {
    let cached = this.idCache.get(key);
    if (!cached) {
      cached = load();
      this.idCache.set(key, cached);
      cached.catch(() => this.idCache.delete(key));
    }
    return cached;
  }
}

function schemaTypeOf(value: unknown): SchemaType {
  return value === 'JSON' || value === 'PROTOBUF' ? value : 'AVRO';
}

/** Confluent wire format: magic byte 0, 4-byte big-endian schema id, then the encoded data. */
export function wireHeader(id: number): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(id, 1);
  return header;
}

/** The schema id and payload of a Confluent wire-format message; DataException when it is not one. */
export function readWireFormat(bytes: Buffer, what: string): { id: number; payload: Buffer } {
  if (bytes.length < 5 || bytes[0] !== 0) {
    throw new DataException(`Failed to deserialize data for ${what}: Unknown magic byte!`, { exceptionClass: 'org.apache.kafka.common.errors.SerializationException' });
  }
  return { id: bytes.readInt32BE(1), payload: bytes.subarray(5) };
}

/**
 * `@kafkajs/confluent-schema-registry`'s client for the same registry, used for its avsc and ajv
 * codecs (cached by schema id); registration and lookups go through `SchemaRegistryClient`.
 */
export function registryLibraryClient(client: SchemaRegistryClient, options?: ConstructorParameters<typeof SchemaRegistry>[1]): SchemaRegistry {
  const [username = '', password = ''] = client.userInfo ? [client.userInfo.slice(0, client.userInfo.indexOf(':')), client.userInfo.slice(client.userInfo.indexOf(':') + 1)] : [];
  return new SchemaRegistry({ host: client.url, clientId: 'kafka-sandbox-connect', retry: { retries: 2 }, ...(client.userInfo ? { auth: { username, password } } : {}) }, options);
}
