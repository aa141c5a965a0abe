import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { ConfigError, StackError } from '../../runtime/core/errors.js';
import { didYouMean } from '../../runtime/core/did-you-mean.js';
import type { RegistryDecoder, SchemaValidator } from '../../runtime/kafka/value-formats.js';
import type { SandboxContext } from '../sandbox-context.js';
import { confluentApiUrl } from './registry-url.js';

export type SchemaType = 'AVRO' | 'JSON' | 'PROTOBUF';
export const COMPATIBILITY_LEVELS = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

/** One version of a subject, as the registry answers `GET /subjects/S/versions/V`. */
export interface SubjectVersion {
  subject: string;
  version: number;
  id: number;
  schemaType: SchemaType;
  schema: string;
}

/** A registered schema ready to encode values: its id, a validator and the library that encodes. */
export interface SchemaCodec {
  id: number;
  subject: string;
  schemaType: SchemaType;
  validator: SchemaValidator;
  encode(value: unknown): Promise<Buffer>;
}

const registries = new WeakMap<SandboxContext, SandboxRegistry>();

interface Answer {
  status: number;
  json: unknown;
  text: string;
}

/**
 * The sandbox's Schema Registry through its Confluent-compatible REST API (Apicurio's, at the
 * root or under `/apis/ccompat/v7`, or any Confluent registry given by URL). Errors: StackError
 * when none answers or none is configured, ConfigError for an unknown subject or version (with
 * the subjects that exist) and for a schema the registry refuses (with its reason).
 */
export class SandboxRegistry {
  private apiUrl: Promise<string> | undefined;
  private library: Promise<SchemaRegistry> | undefined;
  private readonly types = new Map<number, Promise<SchemaType>>();

  constructor(private readonly ctx: SandboxContext) {
    if (!registries.has(ctx)) registries.set(ctx, this);
  }

  /** The registry of a context (the handle's own, so topics share its caches). */
  static of(ctx: SandboxContext): SandboxRegistry {
    return registries.get(ctx) ?? new SandboxRegistry(ctx);
  }

  /** The base URL of the Confluent API (probed once: the root, else `/apis/ccompat/v7`). */
  url(): Promise<string> {
    this.apiUrl ??= confluentApiUrl(this.ctx.requireEndpoint('schemaRegistryUrl', 'schema-registry')).catch((error: unknown) => {
      this.apiUrl = undefined;
      throw error;
    });
    return this.apiUrl;
  }

  /** Every subject, sorted. */
  async subjects(): Promise<string[]> {
    const answer = await this.request('GET', '/subjects');
    return this.expect<string[]>(answer, 'list the subjects').slice().sort();
  }

  /** The versions of `subject`, ascending. */
  async versions(subject: string): Promise<number[]> {
    const answer = await this.request('GET', `/subjects/${encodeURIComponent(subject)}/versions`);
    if (answer.status === 404) throw await this.unknownSubject(subject);
    return this.expect<number[]>(answer, `list the versions of ${subject}`).slice().sort((a, b) => a - b);
  }

  /** One version of a subject (default: the latest). */
  async schema(subject: string, version: number | 'latest' = 'latest'): Promise<SubjectVersion> {
    const answer = await this.request('GET', `/subjects/${encodeURIComponent(subject)}/versions/${version}`);
    if (answer.status === 404) {
      const versions = await this.versions(subject); // throws for an unknown subject
      throw new ConfigError(`subject ${subject} has no version ${version}`, { hint: `Its versions: ${versions.join(', ')}.` });
    }
    const body = this.expect<Partial<SubjectVersion>>(answer, `read ${subject} version ${version}`);
    return { subject, version: Number(body.version), id: Number(body.id), schemaType: (body.schemaType ?? 'AVRO') as SchemaType, schema: String(body.schema) };
  }

  /** A schema by its global id. */
  async schemaById(id: number): Promise<{ id: number; schemaType: SchemaType; schema: string }> {
    const answer = await this.request('GET', `/schemas/ids/${id}`);
    if (answer.status === 404) throw new ConfigError(`the Schema Registry has no schema with id ${id}`);
    const body = this.expect<{ schema: string; schemaType?: SchemaType }>(answer, `read schema id ${id}`);
    return { id, schemaType: body.schemaType ?? 'AVRO', schema: body.schema };
  }

  /** Registers `schema` (text or a JSON object) under `subject`; an identical schema gets its existing id. */
  async register(subject: string, schema: string | object, type: SchemaType = 'AVRO'): Promise<{ id: number }> {
    const text = typeof schema === 'string' ? schema : JSON.stringify(schema);
    const answer = await this.request('POST', `/subjects/${encodeURIComponent(subject)}/versions`, type === 'AVRO' ? { schema: text } : { schema: text, schemaType: type });
    if (answer.status >= 400 && answer.status < 500) {
      throw new ConfigError(`the Schema Registry refused the ${type} schema for subject ${subject}: ${registryMessage(answer)}`, {
        hint: answer.status === 409 ? `It is incompatible with the latest version; see \`compatibility\` of ${subject}.` : 'Check the schema text.',
      });
    }
    const body = this.expect<{ id: number }>(answer, `register a schema under ${subject}`);
    return { id: body.id };
  }

  /**
   * The compatibility level of `subject` (its own, else the global one) or, without a subject, the
   * global level. With `level`, sets it first.
   */
  async compatibility(subject?: string, level?: CompatibilityLevel): Promise<CompatibilityLevel> {
    const path = subject === undefined ? '/config' : `/config/${encodeURIComponent(subject)}`;
    if (level !== undefined) {
      if (!COMPATIBILITY_LEVELS.includes(level)) throw new ConfigError(`unknown compatibility level ${level}`, { hint: `One of ${COMPATIBILITY_LEVELS.join(', ')}.` });
      const answer = await this.request('PUT', path, { compatibility: level });
      if (answer.status === 404 && subject !== undefined) throw await this.unknownSubject(subject);
      this.expect(answer, `set the compatibility${subject ? ` of ${subject}` : ''}`);
      return level;
    }
    const answer = await this.request('GET', path);
    if (answer.status === 404 && subject !== undefined) {
      await this.versions(subject); // throws for an unknown subject
      return this.compatibility();
    }
    const body = this.expect<{ compatibilityLevel?: string; compatibility?: string }>(answer, 'read the compatibility level');
    return (body.compatibilityLevel ?? body.compatibility ?? 'BACKWARD') as CompatibilityLevel;
  }

  /** `@kafkajs/confluent-schema-registry` at the same URL (its codecs are cached by schema id). */
  client(): Promise<SchemaRegistry> {
    this.library ??= this.url().then((host) => new SchemaRegistry({ host, clientId: 'kafka-sandbox', retry: { retries: 2 } }));
    return this.library;
  }

  /** A codec for `schema` registered under `subject`, or for the latest version of `subject` when no schema is given. */
  async codec(subject: string, type: 'AVRO' | 'JSON', schema?: string | object): Promise<SchemaCodec> {
    let id: number;
    if (schema !== undefined) {
      id = (await this.register(subject, schema, type)).id;
    } else {
      const latest = await this.schema(subject).catch((error: unknown) => {
        if (error instanceof ConfigError) {
          throw new ConfigError(`no schema given, and subject ${subject} has none registered`, {
            hint: `Pass the ${type === 'AVRO' ? 'Avro' : 'JSON'} schema (--schema FILE or --schema '{...}' on the CLI, \`schema\` on the handle).`,
            cause: error,
          });
        }
        throw error;
      });
      if (latest.schemaType !== type) throw new ConfigError(`the latest schema of ${subject} is ${latest.schemaType}, not ${type}`, { hint: 'Pass the schema to use.' });
      id = latest.id;
    }
    const library = await this.client();
    const validator = (await library.getSchema(id)) as unknown as SchemaValidator;
    return { id, subject, schemaType: type, validator, encode: (value) => library.encode(id, value) };
  }

  /** Decodes Confluent wire-format values through this registry. */
  decoder(): RegistryDecoder {
    return {
      decode: async (bytes) => (await this.client()).decode(bytes),
      schemaType: (id) => {
        let type = this.types.get(id);
        if (!type) {
          type = this.schemaById(id).then((s) => s.schemaType);
          this.types.set(id, type);
          type.catch(() => this.types.delete(id));
        }
        return type;
      },
    };
  }

  private async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<Answer> {
    const base = await this.url();
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { accept: 'application/vnd.schemaregistry.v1+json, application/json', ...(body === undefined ? {} : { 'content-type': 'application/vnd.schemaregistry.v1+json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (cause) {
      throw new StackError(`no Schema Registry answers at ${base}: ${(cause as Error).message}`, { cause, hint: 'Is the sandbox running (`kafka-sandbox status`)?' });
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  }

  private expect<T>(answer: Answer, what: string): T {
    if (answer.status >= 300) throw new StackError(`the Schema Registry could not ${what}: HTTP ${answer.status} ${registryMessage(answer)}`);
    return answer.json as T;
  }

  private async unknownSubject(subject: string): Promise<ConfigError> {
    const subjects = await this.subjects().catch(() => []);
    const close = didYouMean(subject, subjects);
    return new ConfigError(`unknown subject ${subject}${close}`, {
      hint: subjects.length > 0 ? `Subjects: ${subjects.join(', ')}.` : 'The registry has no subjects yet.',
    });
  }
}

function registryMessage(answer: Answer): string {
  const message = (answer.json as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : answer.text.slice(0, 300);
}
