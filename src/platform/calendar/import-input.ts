import { englishMessage, type FieldError } from '../http/error-registry.js';

/** One row of an import before validation; `line` is set when it came from a CSV file. */
export interface ImportDayInput {
  readonly date: string;
  readonly kind: string;
  readonly name: string;
  readonly line?: number;
}

export interface ImportYearInput {
  readonly year: number;
  readonly days: readonly ImportDayInput[];
  /** Where the data comes from, e.g. `import:2027.csv` or `admin`. */
  readonly source: string;
}

/** What parseImportFile returns: the caller chooses the source (file name, `admin`). */
export interface ParsedImportFile {
  readonly year: number;
  readonly days: readonly ImportDayInput[];
  /** `source` given inside a JSON file, if any. */
  readonly source?: string;
}

/** Shows at most a few problems in the one-line summary; all of them go in `errors[]`. */
export function summarize(errors: readonly FieldError[], max = 3): string {
  const shown = errors.slice(0, max).map((e) => e.message).join('；');
  return errors.length > max ? `${shown}；等 ${errors.length} 处` : shown;
}

/** The same summary in English. */
export function summarizeEn(errors: readonly FieldError[], max = 3): string {
  const shown = errors.slice(0, max).map(englishMessage).join('; ');
  return errors.length > max ? `${shown}; ${errors.length} in all` : shown;
}
