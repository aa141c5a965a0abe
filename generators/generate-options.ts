import { randomBytes } from 'node:crypto';
import { ConfigError } from '../runtime/core/errors.js';
import { parseDuration } from '../runtime/core/duration.js';
import type { GenerationSettings } from './core/generation-settings.js';
import { parseBurst, RateSchedule, type Burst } from './core/rate-schedule.js';
import { disorderProblems } from './disorder/disorder-plan.js';
import { COMPRESSIONS, type CompressionName } from '../runtime/kafka/codecs.js';

/** `generate`'s options as commander hands them over: strings, and booleans for flags. */
export interface RawGenerateOptions {
  topic?: string;
  seed?: string;
  count?: string;
  duration?: string;
  rate?: string;
  burst?: string;
  startTime?: string;
  lateRate?: string;
  maxLateness?: string;
  duplicateRate?: string;
  malformedRate?: string;
  orphanRate?: string;
  users?: string;
  products?: string;
  format?: string;
  compression?: string;
  partitions?: string;
  pgSchema?: string;
  /** False with --no-dimensions. */
  dimensions?: boolean;
  ledger?: string;
  ledgerTopic?: string;
  /** `--dimension-topics [prefix]`: true (no prefix) or the prefix of the compacted dimension topics. */
  dimensionTopics?: boolean | string;
  /** Send as fast as acknowledged even when --rate or --duration is given. */
  fast?: boolean;
}

export type ValueFormat = 'json' | 'avro' | 'json-schema';
export const VALUE_FORMATS: readonly ValueFormat[] = ['json', 'avro', 'json-schema'];

/** Validated options of one `generate` run. */
export interface GenerateOptions {
  readonly settings: GenerationSettings;
  readonly paced: boolean;
  readonly format: ValueFormat;
  readonly compression: CompressionName;
  readonly partitions: number;
  readonly pgSchema: string;
  readonly writeDimensions: boolean;
  readonly ledgerFile: string;
  readonly ledgerTopic?: string;
  /** Prefix of the compacted topics the dimension tables also go to; undefined: not written to Kafka. */
  readonly dimensionTopicPrefix?: string;
}

/** Event-time rate when none is given: realistic gaps between a session's clicks. */
export const DEFAULT_RATE = 100;
export const DEFAULT_COUNT = 1000;
export const DEFAULT_COMPRESSION: CompressionName = 'lz4';
const MAX_COUNT = 100_000_000;
/** Kafka 4's default message.timestamp.after.max.ms: records stamped further ahead are rejected. */
const MAX_FUTURE_MS = 3_600_000;
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
const IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/;

/**
 * Validates `generate`'s options into settings, reporting every problem at once as a ConfigError
 * (exit code 2). `--count`, `--duration` and `--rate` fix one another: any two give the third; the
 * run is paced (sent in real time) when `--rate` or `--duration` is given, unless `--fast`. Without
 * `--start-time`, a paced run's events start now and a fast run's end now.
 */
export function parseGenerateOptions(
  raw: RawGenerateOptions,
  defaults: { topic: string; now: number; randomSeed?: () => string },
): GenerateOptions {
  const problems: string[] = [];
  const positiveInt = (flag: string, text: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text.replaceAll('_', ''));
    if (!/^\s*[\d_]+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1 || n > max) {
      problems.push(`${flag} must be a whole number from 1 to ${max.toLocaleString('en-US')}, got "${text}"`);
      return undefined;
    }
    return n;
  };
  const fraction = (flag: string, text: string | undefined): number => {
    if (text === undefined) return 0;
    const percent = text.trim().endsWith('%');
    const n = Number(percent ? text.trim().slice(0, -1) : text);
    const value = percent ? n / 100 : n;
    if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
      problems.push(`${flag} must be a fraction from 0 to 1 (or a percentage like 1%), got "${text}"`);
      return 0;
    }
    return value;
  };
  const duration = (flag: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) {
      problems.push(`${flag} must be a duration like 30s, 5m or 250ms, got "${text}"`);
      return undefined;
    }
    return ms;
  };

  let count = positiveInt('--count', raw.count, MAX_COUNT);
  const durationMs = duration('--duration', raw.duration);
  let rate: number | undefined;
  if (raw.rate !== undefined) {
    rate = Number(raw.rate);
    if (!Number.isFinite(rate) || rate <= 0 || raw.rate.trim() === '') {
      problems.push(`--rate must be a positive number of events per second, got "${raw.rate}"`);
      rate = undefined;
    }
  }
  let burst: Burst | undefined;
  if (raw.burst !== undefined) {
    const parsed = parseBurst(raw.burst);
    if (typeof parsed === 'string') problems.push(`--burst "${raw.burst}": ${parsed}`);
    else burst = parsed;
  }
  if (raw.count !== undefined && raw.duration !== undefined && raw.rate !== undefined) {
    problems.push('--count, --duration and --rate each follow from the other two: give at most two of them');
  }
  if (count !== undefined && durationMs !== undefined && raw.rate === undefined) rate = (count * 1000) / durationMs;
  rate ??= DEFAULT_RATE;
  if (count === undefined && durationMs !== undefined && problems.length === 0) {
    count = new RateSchedule(rate, burst).countWithin(durationMs);
    if (count < 1) problems.push(`--duration ${raw.duration} at ${rate} events/s holds no event`);
  }
  count ??= DEFAULT_COUNT;

  // Event times span `spanMs`. Sent in real time (paced) they start now; sent as fast as possible
  // they end now (a backfill), since Kafka 4 brokers reject timestamps more than an hour ahead.
  const paced = (raw.rate !== undefined || raw.duration !== undefined) && !raw.fast;
  const spanMs = problems.length === 0 ? Math.ceil(new RateSchedule(rate, burst).offsetMs(count - 1)) : 0;
  let startTime = paced ? defaults.now : defaults.now - spanMs;
  if (raw.startTime !== undefined) {
    const parsed = /^\d+$/.test(raw.startTime) ? Number(raw.startTime) : Date.parse(raw.startTime);
    if (!Number.isFinite(parsed)) problems.push(`--start-time must be an ISO-8601 time like 2025-01-01T00:00:00Z (or epoch ms), got "${raw.startTime}"`);
    else {
      startTime = parsed;
      const lastEvent = new Date(parsed + (paced ? 0 : spanMs));
      if (lastEvent.getTime() > defaults.now + MAX_FUTURE_MS)
        problems.push(
          `--start-time ${raw.startTime} puts event times up to ${lastEvent.toISOString()}, more than an hour ahead: Kafka rejects such timestamps (message.timestamp.after.max.ms)`,
        );
    }
  }

  const disorder = {
    lateRate: fraction('--late-rate', raw.lateRate),
    duplicateRate: fraction('--duplicate-rate', raw.duplicateRate),
    malformedRate: fraction('--malformed-rate', raw.malformedRate),
    orphanRate: fraction('--orphan-rate', raw.orphanRate),
  };
  const maxLatenessMs = duration('--max-lateness', raw.maxLateness) ?? 30_000;
  if (problems.length === 0) problems.push(...disorderProblems(count, disorder));

  const users = positiveInt('--users', raw.users, 10_000_000) ?? Math.max(1000, Math.ceil(rate * 10));
  const products = positiveInt('--products', raw.products, 1_000_000) ?? 200;
  const partitions = positiveInt('--partitions', raw.partitions, 10_000) ?? 6;

  const format = (raw.format ?? 'json') as ValueFormat;
  if (!VALUE_FORMATS.includes(format)) problems.push(`--format must be one of ${VALUE_FORMATS.join(', ')}, got "${raw.format}"`);
  const compression = (raw.compression ?? DEFAULT_COMPRESSION) as CompressionName;
  if (!COMPRESSIONS.includes(compression)) problems.push(`--compression must be one of ${COMPRESSIONS.join(', ')}, got "${raw.compression}"`);

  const topic = raw.topic ?? defaults.topic;
  if (!TOPIC_NAME.test(topic) || topic === '.' || topic === '..') problems.push(`--topic "${topic}" is not a valid topic name (letters, digits, ".", "_" and "-")`);
  if (raw.ledgerTopic !== undefined && !TOPIC_NAME.test(raw.ledgerTopic)) problems.push(`--ledger-topic "${raw.ledgerTopic}" is not a valid topic name`);
  const dimensionTopicPrefix = raw.dimensionTopics === true ? '' : typeof raw.dimensionTopics === 'string' ? raw.dimensionTopics : undefined;
  if (dimensionTopicPrefix && !/^[a-zA-Z0-9._-]{1,200}$/.test(dimensionTopicPrefix))
    problems.push(`--dimension-topics prefix "${dimensionTopicPrefix}" may hold only letters, digits, ".", "_" and "-"`);
  const pgSchema = raw.pgSchema ?? 'public';
  if (!IDENTIFIER.test(pgSchema)) problems.push(`--pg-schema must be a plain identifier (letters, digits, "_"), got "${pgSchema}"`);
  const seed = raw.seed ?? (defaults.randomSeed ?? (() => String(randomBytes(4).readUInt32BE())))();
  if (seed === '') problems.push('--seed must not be empty');

  if (problems.length > 0) {
    throw new ConfigError(problems.length === 1 ? (problems[0] as string) : `Invalid generate options (${problems.length} problems)`, {
      problems: problems.length === 1 ? [] : problems,
      hint: 'See `kafka-sandbox generate --help` for every option and its format.',
    });
  }
  return {
    settings: {
      seed,
      startTime,
      count,
      rate,
      ...(burst ? { burst } : {}),
      maxLatenessMs,
      disorder,
      topic,
      model: { users, products },
    },
    paced,
    format,
    compression,
    partitions,
    pgSchema,
    writeDimensions: raw.dimensions !== false,
    ledgerFile: raw.ledger ?? `${topic}.ledger.json`,
    ...(raw.ledgerTopic !== undefined ? { ledgerTopic: raw.ledgerTopic } : {}),
    ...(dimensionTopicPrefix !== undefined ? { dimensionTopicPrefix } : {}),
  };
}
