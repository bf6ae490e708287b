import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { convertChineseDays, loadChineseDaysData } from '../../src/platform/calendar/chinese-days-data.js';
import { buildYearTable, isWorkingIn } from '../../src/platform/calendar/year-table.js';
import { dayOfYmd, ymdOfDay } from '../../src/platform/calendar/shanghai-day.js';

describe('calendar: chinese-days seed data', () => {
  const data = loadChineseDaysData();

  it('covers 2004–2026 and nothing later, from chinese-days@1.5.7', () => {
    assert.equal(data.source, 'chinese-days@1.5.7');
    const years = [...data.years.keys()];
    assert.equal(years[0], 2004);
    assert.equal(years.at(-1), 2026);
    assert.equal(years.length, 23);
    assert.equal(data.years.has(2027), false);
  });

  it('keeps only exceptions to Mon–Fri for 2026, with Chinese names (NORMS check dates)', () => {
    const y2026 = new Map((data.years.get(2026) ?? []).map((d) => [d.date, d]));
    assert.deepEqual(y2026.get('2026-02-14'), { date: '2026-02-14', kind: 'workday', name: '春节' });
    assert.deepEqual(y2026.get('2026-09-20'), { date: '2026-09-20', kind: 'workday', name: '国庆节' });
    assert.deepEqual(y2026.get('2026-10-10'), { date: '2026-10-10', kind: 'workday', name: '国庆节' });
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) {
      assert.deepEqual(y2026.get(d), { date: d, kind: 'holiday', name: '国庆节' });
    }
    // 10-03 and 10-04 are a weekend: off anyway, so not stored.
    assert.equal(y2026.has('2026-10-03'), false);
    assert.equal(y2026.get('2026-09-25')?.name, '中秋');
    const workdays = [...y2026.values()].filter((d) => d.kind === 'workday').map((d) => d.date);
    assert.deepEqual(workdays, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('refuses data of an unexpected shape', () => {
    assert.throws(() => convertChineseDays({ holidays: [] }, 'x'), /unexpected shape/);
    assert.throws(() => convertChineseDays({ holidays: { '2026-02-30': 'a,b,1' }, workdays: {} }, 'x'), /invalid date/);
  });

  it('agrees day by day with the package functions run in Asia/Shanghai, 2004–2026', () => {
    // The package's own functions are only right in a time zone at or east of UTC, so ask them in a child process.
    const script = `
      const c = require('chinese-days');
      const out = [];
      for (let t = Date.UTC(2004, 0, 1); t <= Date.UTC(2026, 11, 31); t += 864e5) {
        const s = new Date(t).toISOString().slice(0, 10);
        if (c.isWorkday(s)) out.push(s);
      }
      process.stdout.write(JSON.stringify(out));`;
    const working = new Set(JSON.parse(execFileSync(process.execPath, ['-e', script], {
      env: { ...process.env, TZ: 'Asia/Shanghai' }, encoding: 'utf8', maxBuffer: 1 << 24,
    })) as string[]);
    let checked = 0;
    for (const [year, days] of data.years) {
      const table = buildYearTable(year, true, days, 0);
      for (let day = table.firstDay; day <= table.lastDay; day++) {
        assert.equal(isWorkingIn(table, day), working.has(ymdOfDay(day)), ymdOfDay(day));
        checked++;
      }
    }
    assert.equal(checked, (dayOfYmd('2026-12-31') as number) - (dayOfYmd('2004-01-01') as number) + 1);
  });
});
