import { Faker, base, en } from '@faker-js/faker';
import { ConfigError } from '../../runtime/core/errors.js';
import type { ColumnType, DimensionTable } from '../core/dimension-table.js';
import type { AvroRecordSchema, EventModel, ForeignKey, GeneratorContext, GeneratorSpec } from '../core/event-model.js';
import type { Prng } from '../core/prng.js';
import { WeightedPicker } from '../core/weighted-picker.js';
import { fakerMethod } from './faker-method.js';
import type { EntityDefinition, FieldSpec, GeneratorDefinition } from './field-spec.js';

/** What a compiled field reads: the row or event index, and for events their time and id. */
interface FieldInput {
  index: number;
  time: number;
  eventId: string;
}
type Evaluate = (input: FieldInput) => unknown;

/** A generated table: its rows plus each column's values, for references into it. */
interface BuiltTable {
  readonly table: DimensionTable;
  readonly columnValues: ReadonlyMap<string, readonly unknown[]>;
}

/**
 * A generator from a YAML definition: tables are generated once from the seed (in dependency order,
 * so references resolve), then each event evaluates its fields in order. Faker runs per event here,
 * which is slower than the built-in models but keeps definitions simple.
 */
export function definitionGenerator(definition: GeneratorDefinition): GeneratorSpec {
  return {
    name: definition.name,
    description: `defined in YAML: ${definition.tables.map((t) => `${t.name} (${t.rows} rows)`).join(', ') || 'no tables'} -> ${definition.topic}`,
    defaultTopic: definition.topic,
    create(context: GeneratorContext): EventModel {
      const built = new Map<string, BuiltTable>();
      const tableFaker = context.faker('definition-tables');
      const tablePrng = context.prng('definition-tables');
      for (const table of definition.tables) built.set(table.name, buildTable(table, table.rows, table.primaryKey, tableFaker, tablePrng, built));

      const event = definition.event;
      const evaluators = compile(event, context.faker('definition-events'), context.prng('definition-events'), built);
      const foreignKeys: ForeignKey[] = event.fields.flatMap(({ name, spec }) => (spec.kind === 'ref' ? [{ path: name, table: spec.table, column: spec.column }] : []));
      return {
        headers: event.headers,
        keyField: event.key,
        dimensions: [...built.values()].map((b) => b.table),
        foreignKeys,
        ...avroSchemaFor(definition, built),
        next(time, eventId) {
          const value: Record<string, unknown> = {};
          const input = { index: 0, time, eventId };
          for (const [name, evaluate] of evaluators) value[name] = evaluate(input);
          const eventType = event.typeField !== undefined ? String(value[event.typeField]) : definition.name;
          return { key: String(value[event.key]), eventType, eventTime: time, value };
        },
        orphanValue(foreignKey, n) {
          const values = built.get(foreignKey.table)!.columnValues.get(foreignKey.column)!;
          if (values.every((v) => typeof v === 'number')) return Math.max(...(values as number[])) + 1 + n;
          return `orphan-${n}`;
        },
      };
    },
  };
}

function buildTable(entity: EntityDefinition, rowCount: number, primaryKey: string, faker: Faker, prng: Prng, built: Map<string, BuiltTable>): BuiltTable {
  const evaluators = compile(entity, faker, prng, built);
  const rows: Array<Record<string, unknown>> = [];
  for (let index = 0; index < rowCount; index++) {
    const row: Record<string, unknown> = {};
    for (const [name, evaluate] of evaluators) row[name] = evaluate({ index, time: 0, eventId: '' });
    rows.push(row);
  }
  const keys = new Set(rows.map((row) => row[primaryKey]));
  if (keys.size !== rows.length)
    throw new ConfigError(`table "${entity.name}": ${rows.length - keys.size} of ${rows.length} primary_key values repeat`, {
      hint: `Give "${primaryKey}" a sequence or uuid, or a faker method with more distinct values.`,
    });
  const columnValues = new Map(entity.fields.map(({ name }) => [name, rows.map((row) => row[name])]));
  const columns = entity.fields.map(({ name, spec }) => ({ name, type: columnType(spec, columnValues.get(name)!, built) }));
  return { table: { name: entity.name, primaryKey, columns, rows }, columnValues };
}

function compile(entity: EntityDefinition, faker: Faker, prng: Prng, built: ReadonlyMap<string, BuiltTable>): Array<[string, Evaluate]> {
  return entity.fields.map(({ name, spec }) => [name, evaluator(spec, faker, prng, built)]);
}

function evaluator(spec: FieldSpec, faker: Faker, prng: Prng, built: ReadonlyMap<string, BuiltTable>): Evaluate {
  switch (spec.kind) {
    case 'faker': {
      const method = fakerMethod(faker, spec.method);
      return () => plain(method(...spec.args));
    }
    case 'range': {
      const { min, max, decimals } = spec;
      if (decimals === 0) return () => min + Math.floor(prng.float() * (max - min + 1));
      const factor = 10 ** decimals;
      return () => Math.round(prng.between(min, max) * factor) / factor;
    }
    case 'choice':
      return () => prng.pick(spec.options);
    case 'weighted': {
      const picker = new WeightedPicker(spec.options);
      return () => picker.pick(prng);
    }
    case 'ref': {
      const values = built.get(spec.table)!.columnValues.get(spec.column)!;
      return () => prng.pick(values);
    }
    case 'sequence': {
      let next = spec.start;
      return () => next++;
    }
    case 'const':
      return () => spec.value;
    case 'uuid':
      return () => {
        const hex = prng.hex(32);
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[prng.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
      };
    case 'event_time':
      return spec.format === 'iso' ? ({ time }) => new Date(time).toISOString() : ({ time }) => time;
    case 'event_id':
      return ({ eventId }) => eventId;
  }
}

/** Faker values as JSON: dates to ISO-8601 text, bigints to text. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return String(value);
  return value;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function columnType(spec: FieldSpec, values: readonly unknown[], built: ReadonlyMap<string, BuiltTable>): ColumnType {
  if (spec.kind === 'sequence' || (spec.kind === 'range' && spec.decimals === 0)) return 'bigint';
  if (spec.kind === 'range') return 'double precision';
  if (spec.kind === 'uuid') return 'text';
  if (spec.kind === 'ref') {
    const target = built.get(spec.table)!.table;
    return target.columns.find((c) => c.name === spec.column)!.type;
  }
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return 'text';
  if (present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (present.every((v) => typeof v === 'number' && Number.isSafeInteger(v))) return 'bigint';
  if (present.every((v) => typeof v === 'number')) return 'double precision';
  if (present.every((v) => typeof v === 'string' && ISO_TIME.test(v))) return 'timestamptz';
  return 'text';
}

const AVRO_TYPES: Readonly<Record<ColumnType, string>> = {
  bigint: 'long',
  'double precision': 'double',
  'numeric(12,2)': 'double',
  boolean: 'boolean',
  text: 'string',
  timestamptz: 'string',
};

/**
 * The event's Avro schema, its field types inferred like table columns (faker fields from a sample
 * of 20 values); `{}` when a field's values do not fit one Avro type (objects, mixed types).
 */
function avroSchemaFor(definition: GeneratorDefinition, built: ReadonlyMap<string, BuiltTable>): { avroSchema?: AvroRecordSchema } {
  const fields: Array<{ name: string; type: unknown }> = [];
  for (const { name, spec } of definition.event.fields) {
    let type: string | undefined;
    if (spec.kind === 'event_id' || spec.kind === 'uuid') type = 'string';
    else if (spec.kind === 'event_time') type = spec.format === 'iso' ? 'string' : 'long';
    else {
      const sample =
        spec.kind === 'faker'
          ? Array.from({ length: 20 }, () => plain(fakerMethod(sampleFaker(), spec.method)(...spec.args)))
          : spec.kind === 'choice'
            ? spec.options
            : spec.kind === 'weighted'
              ? spec.options.map(([v]) => v)
              : spec.kind === 'const'
                ? [spec.value]
                : [];
      if (sample.some((v) => v !== null && typeof v === 'object')) return {};
      type = AVRO_TYPES[columnType(spec, sample, built)];
      if (type === 'string' && sample.some((v) => typeof v !== 'string')) return {};
    }
    fields.push({ name, type });
  }
  const recordName = definition.name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
  return { avroSchema: { type: 'record', name: recordName, namespace: 'dev.kafkasandbox.definitions', fields } };
}

let sampler: Faker | undefined;
function sampleFaker(): Faker {
  return (sampler ??= (() => {
    // A private instance: sampling must not advance the run's seeded fakers.
    const instance = new Faker({ locale: [en, base] });
    instance.seed(1);
    return instance;
  })());
}
