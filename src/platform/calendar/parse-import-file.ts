import { AppError, fieldError, type FieldError } from '../http/error-registry.js';
import { summarize, summarizeEn, type ImportDayInput, type ParsedImportFile } from './import-input.js';
import './errors.js';

/**
 * Reads an import file. Two formats (docs/calendar.md):
 * - JSON `{ "year": 2027, "days": [{ "date": "2027-01-01", "kind": "holiday", "name": "元旦" }] }`
 * - CSV, one day per line `date,kind,name`; optional header line; `#` starts a comment line.
 * Only the syntax is checked here; the content (dates in the year, weekday rules) is checked
 * by validateImport, which names the CSV line of each problem.
 */
export function parseImportFile(text: string): ParsedImportFile {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') throw unreadable('文件为空', 'the file is empty');
  return body.startsWith('{') ? parseJson(body) : parseCsv(body);
}

/** `reason` in Chinese, `reasonEn` in English. */
function unreadable(reason: string, reasonEn: string, errors: readonly FieldError[] = []): AppError {
  return new AppError('calendar.import_unreadable', { reason, reasonEn }, errors);
}

/** The problem of field errors listing what cannot be read. */
function unreadableFields(errors: readonly FieldError[]): AppError {
  return unreadable(summarize(errors), summarizeEn(errors), errors);
}

function parseJson(body: string): ParsedImportFile {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw unreadable(`不是有效的 JSON（${why}）`, `not valid JSON (${why})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw unreadable('JSON 顶层应为对象 { "year": …, "days": [...] }', 'the top level of the JSON must be an object { "year": …, "days": [...] }');
  }
  const o = doc as Record<string, unknown>;
  const errors: FieldError[] = [];
  const bad = (field: string, zh: string, en: string): void => {
    errors.push(fieldError(field, 'calendar.import_unreadable', zh, en));
  };
  for (const key of Object.keys(o)) {
    if (!['year', 'days', 'source'].includes(key)) bad(key, `不认识的字段“${key}”（允许 year、days、source）`, `Unknown field "${key}" (allowed: year, days, source)`);
  }
  if (typeof o.year !== 'number' || !Number.isInteger(o.year)) bad('year', '字段 year 应为整数年份，如 2027', 'Field year must be a whole year, e.g. 2027');
  if (o.source !== undefined && typeof o.source !== 'string') bad('source', '字段 source 应为文本', 'Field source must be text');
  const days: ImportDayInput[] = [];
  if (!Array.isArray(o.days)) {
    bad('days', '字段 days 应为数组', 'Field days must be an array');
  } else {
    o.days.forEach((item: unknown, i) => {
      const where = `第 ${i + 1} 项（days[${i}]）`;
      const whereEn = `Item ${i + 1} (days[${i}])`;
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        bad(`days.${i}`, `${where}应为对象 { "date", "kind", "name" }`, `${whereEn} must be an object { "date", "kind", "name" }`);
        return;
      }
      const d = item as Record<string, unknown>;
      for (const key of Object.keys(d)) {
        if (!['date', 'kind', 'name'].includes(key)) bad(`days.${i}.${key}`, `${where}：不认识的字段“${key}”`, `${whereEn}: unknown field "${key}"`);
      }
      for (const key of ['date', 'kind', 'name'] as const) {
        if (typeof d[key] !== 'string') bad(`days.${i}.${key}`, `${where}：字段 ${key} 应为文本`, `${whereEn}: field ${key} must be text`);
      }
      if (typeof d.date === 'string' && typeof d.kind === 'string' && typeof d.name === 'string') {
        days.push({ date: d.date, kind: d.kind, name: d.name });
      }
    });
  }
  if (errors.length > 0) throw unreadableFields(errors);
  return { year: o.year as number, days, ...(typeof o.source === 'string' ? { source: o.source } : {}) };
}

const HEADERS = new Set(['date,kind,name', '日期,类型,名称']);

function parseCsv(body: string): ParsedImportFile {
  const errors: FieldError[] = [];
  const days: ImportDayInput[] = [];
  const lines = body.split(/\r\n|\n|\r/);
  let seenData = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const fields = splitCsvLine(text);
    if (fields === null) {
      errors.push(fieldError(`line.${line}`, 'calendar.import_unreadable', `第 ${line} 行：引号没有闭合`, `Line ${line}: a quotation mark is not closed`));
      return;
    }
    if (!seenData && HEADERS.has(fields.map((f) => f.trim().toLowerCase()).join(','))) {
      seenData = true;
      return;
    }
    seenData = true;
    if (fields.length !== 3) {
      errors.push(fieldError(`line.${line}`, 'calendar.import_unreadable',
        `第 ${line} 行：应有 3 列（日期,类型,名称），实际 ${fields.length} 列`, `Line ${line}: expected 3 columns (date,kind,name), found ${fields.length}`));
      return;
    }
    const [date, kind, name] = fields.map((f) => f.trim()) as [string, string, string];
    days.push({ date, kind, name, line });
  });
  if (errors.length > 0) throw unreadableFields(errors);
  const first = days[0];
  if (!first) throw unreadable('文件中没有数据行（CSV 每行一天：日期,类型,名称）', 'the file has no data lines (CSV: one day a line, date,kind,name)');
  const m = /^(\d{4})-/.exec(first.date);
  if (!m) {
    const field = `line.${first.line ?? 0}.date`;
    const message = `第 ${first.line ?? 0} 行：无法从日期“${first.date}”读出年份，日期应为 YYYY-MM-DD`;
    const messageEn = `Line ${first.line ?? 0}: no year can be read from the date "${first.date}"; dates are YYYY-MM-DD`;
    throw unreadable(message, messageEn, [fieldError(field, 'calendar.import_unreadable', message, messageEn)]);
  }
  // The year is that of the first row; rows in other years are refused by validateImport.
  return { year: Number(m[1]), days };
}

/** Splits one CSV line; fields may be quoted with "" as an escaped quote. Null on an unclosed quote. */
function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') { value += '"'; i += 2; continue; }
          i++;
          break;
        }
        value += line[i];
        i++;
      }
      // Text between the closing quote and the next comma is kept (lenient, like spreadsheets).
      const next = line.indexOf(',', i);
      fields.push(value + (next === -1 ? line.slice(i) : line.slice(i, next)));
      if (next === -1) return fields;
      i = next + 1;
    } else {
      const next = line.indexOf(',', i);
      if (next === -1) { fields.push(line.slice(i)); return fields; }
      fields.push(line.slice(i, next));
      i = next + 1;
    }
  }
}
