/**
 * How one field of a YAML-defined entity gets its value. Parsed and validated by
 * `definition-file.ts`; evaluated by `definition-generator.ts`.
 */
export type FieldSpec =
  /** A faker method by path (`person.fullName`), called with `args`. */
  | { readonly kind: 'faker'; readonly method: string; readonly args: readonly unknown[] }
  /** Uniform in [min, max]; integers unless `decimals` > 0. */
  | { readonly kind: 'range'; readonly min: number; readonly max: number; readonly decimals: number }
  | { readonly kind: 'choice'; readonly options: readonly unknown[] }
  | { readonly kind: 'weighted'; readonly options: ReadonlyArray<readonly [unknown, number]> }
  /** A value of `column` from a random row of `table`: a foreign key. */
  | { readonly kind: 'ref'; readonly table: string; readonly column: string }
  /** start, start + 1, ... per row (tables) or per event. */
  | { readonly kind: 'sequence'; readonly start: number }
  | { readonly kind: 'const'; readonly value: unknown }
  /** A seeded UUID (version 4 layout). */
  | { readonly kind: 'uuid' }
  /** The event's time: ISO-8601 text or epoch milliseconds. Events only. */
  | { readonly kind: 'event_time'; readonly format: 'iso' | 'epoch_ms' }
  /** The run's event id (also in the `event_id` header). Events only. */
  | { readonly kind: 'event_id' };

export type FieldKind = FieldSpec['kind'];

/** The keys that pick a field's kind; a field mapping has exactly one of them. */
export const FIELD_KINDS: readonly FieldKind[] = ['faker', 'range', 'choice', 'weighted', 'ref', 'sequence', 'const', 'uuid', 'event_time', 'event_id'];

/** Keys that modify a kind: `args` for faker, `decimals` for range. */
export const FIELD_MODIFIERS: Readonly<Record<string, FieldKind>> = { args: 'faker', decimals: 'range' };

/** Kinds written as a bare word: `id: uuid`. */
export const SHORTHAND_KINDS: readonly FieldKind[] = ['uuid', 'event_time', 'event_id', 'sequence'];

export interface EntityDefinition {
  readonly name: string;
  readonly fields: ReadonlyArray<{ readonly name: string; readonly spec: FieldSpec }>;
}

/** A dimension entity: `rows` rows, generated once, written to Postgres. */
export interface TableDefinition extends EntityDefinition {
  readonly rows: number;
  readonly primaryKey: string;
}

/** The event entity: one per scheduled event, sent to Kafka. */
export interface EventDefinition extends EntityDefinition {
  readonly key: string;
  /** Field whose value is the event type; when absent every event has the generator's name as type. */
  readonly typeField?: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface GeneratorDefinition {
  readonly name: string;
  readonly topic: string;
  /** In dependency order: a table comes after every table it refers to. */
  readonly tables: readonly TableDefinition[];
  readonly event: EventDefinition;
}
