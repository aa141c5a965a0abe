/** A Postgres column type the dimension writer knows how to declare. */
export type ColumnType = 'text' | 'bigint' | 'double precision' | 'numeric(12,2)' | 'timestamptz' | 'boolean';

export interface DimensionColumn {
  readonly name: string;
  readonly type: ColumnType;
}

/**
 * A dimension table a model's events refer to (users, devices, urls, products, or an entity of a
 * YAML definition). Built once per run from the seed, before any event; immutable afterwards.
 * Rows hold plain JSON values; timestamps are ISO-8601 strings.
 */
export interface DimensionTable {
  readonly name: string;
  readonly primaryKey: string;
  readonly columns: readonly DimensionColumn[];
  readonly rows: ReadonlyArray<Readonly<Record<string, unknown>>>;
}
