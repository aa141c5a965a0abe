import type { Faker } from '@faker-js/faker';
import type { DimensionTable } from './dimension-table.js';
import type { Prng } from './prng.js';

/** One logical event, as a model emits it: before disorder, duplicates and serialization. */
export interface ModelEvent {
  readonly key: string;
  readonly eventType: string;
  /** Event time, epoch milliseconds. */
  readonly eventTime: number;
  /** The record value in field order; the pipeline owns it after `next` returns it. */
  readonly value: Record<string, unknown>;
}

/**
 * A value field that refers to a dimension row. `path` is dotted for nested fields
 * (`data.product_id`); events without the field (a login has no product) do not refer to anything.
 */
export interface ForeignKey {
  readonly path: string;
  readonly table: string;
  readonly column: string;
}

/** The subset of an Avro record schema the generators emit. */
export interface AvroRecordSchema {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly fields: ReadonlyArray<{ name: string; type: unknown; default?: unknown; doc?: string }>;
}

/**
 * A stateful event source for one run. `next` is called once per event, with event times that never
 * decrease; everything it returns must follow from the seed and those times alone (no wall clock, no
 * Math.random), which is what makes a run reproducible byte for byte.
 */
export interface EventModel {
  readonly headers: Readonly<Record<string, string>>;
  /** Top-level value field whose value (as a string) is the record key. */
  readonly keyField: string;
  readonly dimensions: readonly DimensionTable[];
  readonly foreignKeys: readonly ForeignKey[];
  /** The value schema for `--format avro`; absent when the model cannot be written as Avro. */
  readonly avroSchema?: AvroRecordSchema;
  next(eventTime: number, eventId: string): ModelEvent;
  /** A value of `foreignKey`'s type that no dimension row has; `n` numbers the orphans of a run. */
  orphanValue(foreignKey: ForeignKey, n: number, prng: Prng): unknown;
}

/** Model options that change the shape of the dimensions (and so of the events). */
export interface ModelOptions {
  readonly users: number;
  readonly products: number;
}

/** What a generator gets to build its model: its seed, start time, and seeded helpers. */
export interface GeneratorContext {
  readonly seed: string;
  readonly startTime: number;
  /** Short hex tag of (seed, start time); prefixes event, session and order ids of this run. */
  readonly runTag: string;
  readonly options: ModelOptions;
  /** A PRNG for one purpose; the same label always gives the same stream. */
  prng(label: string): Prng;
  /** A seeded Faker for one purpose, its reference date pinned to the start time. */
  faker(label: string): Faker;
}

/**
 * A generator component: a name, its default topic, and a constructor of a fresh model per run.
 * Registered in a `GeneratorRegistry`; the CLI, scenarios and tests look generators up there.
 */
export interface GeneratorSpec {
  readonly name: string;
  readonly description: string;
  readonly defaultTopic: string;
  create(context: GeneratorContext): EventModel;
}
