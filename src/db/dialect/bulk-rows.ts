/** A column of a bulk insert: its name and the type PostgreSQL casts its array to. */
export type BulkColumn = readonly [name: string, type: 'bigint' | 'int' | 'text' | 'double precision'];
export type BulkValue = number | string | null;

/** Many rows for one table, column by column in the order of `columns`. */
export interface BulkRows {
  readonly table: string;
  readonly columns: readonly BulkColumn[];
  readonly rows: readonly (readonly BulkValue[])[];
}
