import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../src/platform/http/error-registry.js';
import { parseImportFile } from '../../src/platform/calendar/parse-import-file.js';
import { validateImport } from '../../src/platform/calendar/validate-import.js';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a refusal');
}

describe('calendar: import file formats', () => {
  it('reads the JSON format', () => {
    const parsed = parseImportFile(JSON.stringify({
      year: 2027, source: '国办发明电〔2026〕1号',
      days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-02-06', kind: 'workday', name: '春节' }],
    }));
    assert.equal(parsed.year, 2027);
    assert.equal(parsed.source, '国办发明电〔2026〕1号');
    assert.deepEqual(parsed.days.map((d) => d.date), ['2027-01-01', '2027-02-06']);
  });

  it('reads CSV with a BOM, a header, comments, CRLF and a quoted name', () => {
    const parsed = parseImportFile('\uFEFFdate,kind,name\r\n# 2027 年安排\r\n2027-01-01,holiday,元旦\r\n\r\n2027-10-01,放假,"国庆节, 中秋节"\r\n');
    assert.equal(parsed.year, 2027);
    assert.deepEqual(parsed.days, [
      { date: '2027-01-01', kind: 'holiday', name: '元旦', line: 3 },
      { date: '2027-10-01', kind: '放假', name: '国庆节, 中秋节', line: 5 },
    ]);
  });

  it('refuses broken JSON and wrong JSON fields, naming the field', () => {
    assert.equal(refusal(() => parseImportFile('{"year": 2027, "days": [')).code, 'calendar.import_unreadable');
    const err = refusal(() => parseImportFile('{"year": "2027", "days": [{"date": "2027-01-01", "kind": "holiday"}], "extra": 1}'));
    const fields = err.fieldErrors.map((e) => e.field).sort();
    assert.deepEqual(fields, ['days.0.name', 'extra', 'year']);
    assert.match(err.fieldErrors.find((e) => e.field === 'days.0.name')?.message ?? '', /第 1 项（days\[0\]）/);
  });

  it('refuses a CSV line with the wrong number of columns, naming the line', () => {
    const err = refusal(() => parseImportFile('2027-01-01,holiday,元旦\n2027-02-11,holiday\n'));
    assert.equal(err.code, 'calendar.import_unreadable');
    assert.equal(err.fieldErrors[0]?.field, 'line.2');
    assert.match(err.fieldErrors[0]?.message ?? '', /第 2 行：应有 3 列/);
  });

  it('refuses an empty file and a CSV without data rows', () => {
    assert.match(String(refusal(() => parseImportFile('  \n')).params.reason), /文件为空/);
    assert.match(String(refusal(() => parseImportFile('date,kind,name\n# nothing\n')).params.reason), /没有数据行/);
  });
});

describe('calendar: import validation', () => {
  const csv = (rows: string): ReturnType<typeof parseImportFile> => parseImportFile(`date,kind,name\n${rows}`);

  it('accepts weekday holidays and weekend workdays, normalizing Chinese kinds and sorting', () => {
    const p = csv('2027-10-01,放假,国庆节\n2027-01-01,holiday,元旦\n2027-09-26,上班,国庆节\n');
    const valid = validateImport({ ...p, source: 'import:2027.csv' });
    assert.deepEqual(valid.days, [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-09-26', kind: 'workday', name: '国庆节' },
      { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
    ]);
  });

  it('names the line of every problem, in Chinese', () => {
    const p = csv([
      '2027-01-01,holiday,元旦', // line 2: fine
      '2028-01-03,holiday,元旦', // 3: other year
      '2027-02-30,holiday,春节', // 4: no such date
      '2027-01-02,holiday,元旦', // 5: Saturday as holiday
      '2027-01-04,workday,元旦', // 6: Monday as workday
      '2027-01-05,vacation,元旦', // 7: unknown kind
      '2027-01-01,holiday,元旦', // 8: duplicate of line 2
      '2027-01-06,holiday,', // 9: empty name
      '27-1-7,holiday,元旦', // 10: bad format
    ].join('\n'));
    const err = refusal(() => validateImport({ ...p, source: 'test' }));
    assert.equal(err.code, 'calendar.import_invalid');
    const byField = new Map(err.fieldErrors.map((e) => [e.field, e.message]));
    assert.match(byField.get('line.3.date') ?? '', /^第 3 行：日期 2028-01-03 不在 2027 年内/);
    assert.match(byField.get('line.4.date') ?? '', /^第 4 行：“2027-02-30”不是有效日期/);
    assert.match(byField.get('line.5.kind') ?? '', /^第 5 行：2027-01-02 是星期六，本来就休息/);
    assert.match(byField.get('line.6.kind') ?? '', /^第 6 行：2027-01-04 是星期一，本来就上班/);
    assert.match(byField.get('line.7.kind') ?? '', /类型“vacation”无效/);
    assert.match(byField.get('line.8.date') ?? '', /重复（第 2 行已登记）/);
    assert.match(byField.get('line.9.name') ?? '', /名称不能为空/);
    assert.match(byField.get('line.10.date') ?? '', /格式不正确，应为 YYYY-MM-DD/);
    assert.equal(err.params.count, 8);
  });

  it('names JSON positions when there are no lines', () => {
    const err = refusal(() => validateImport({ year: 2027, source: 'admin', days: [{ date: '2027-01-02', kind: 'holiday', name: '元旦' }] }));
    assert.equal(err.fieldErrors[0]?.field, 'days.0.kind');
    assert.match(err.fieldErrors[0]?.message ?? '', /^第 1 项（days\[0\]）：/);
  });

  it('refuses an out-of-range year and an empty source', () => {
    const err = refusal(() => validateImport({ year: 1800, source: ' ', days: [] }));
    assert.deepEqual(err.fieldErrors.map((e) => e.field), ['year', 'source']);
  });
});
