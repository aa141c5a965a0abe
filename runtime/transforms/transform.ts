import type { SandboxRecord } from '../core/record.js';

/**
 * A single message transform with Kafka Connect's semantics: `apply` returns a new record, or null
 * to drop it, and never mutates its input. Configured once from the connector config's
 * `transforms.<alias>.*` keys (prefix stripped); a bad config throws ConfigError naming the key.
 */
export interface Transform {
  apply<R extends SandboxRecord>(record: R): R | null;
}

/** A predicate for conditional transforms (`transforms.<alias>.predicate`, `negate`). */
export interface Predicate {
  test(record: SandboxRecord): boolean;
}

/** Builds a transform from its config; registered under Connect's class names. */
export type TransformFactory = (config: Readonly<Record<string, string>>) => Transform;
export type PredicateFactory = (config: Readonly<Record<string, string>>) => Predicate;
