import { AppError } from '../http/error-registry.js';
import type { ImportDayInput, ImportYearInput } from './import-input.js';
import { parseImportFile } from './parse-import-file.js';
import './errors.js';

export interface ImportRequestBody {
  readonly year?: number;
  readonly days?: readonly ImportDayInput[];
  readonly csv?: string;
}

/** Turns the import screen's request (`{year, days}` or `{csv}`) into an import input. */
export function toImportInput(body: ImportRequestBody, source: string): ImportYearInput {
  const hasCsv = body.csv !== undefined;
  const hasDays = body.year !== undefined || body.days !== undefined;
  if (hasCsv === hasDays) throw new AppError('calendar.import_body');
  if (body.csv !== undefined) {
    const parsed = parseImportFile(body.csv);
    return { year: parsed.year, days: parsed.days, source: parsed.source ?? source };
  }
  if (body.year === undefined || body.days === undefined) throw new AppError('calendar.import_body');
  return { year: body.year, days: body.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })), source };
}
