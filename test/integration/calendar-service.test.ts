import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { AppError } from '../../src/platform/http/error-registry.js';
import type { CalendarService } from '../../src/platform/calendar/index.js';
import {
  adminActor, auditActions, editorActor, endOfShanghaiDay, openCalendarFixture, shanghai, type CalendarFixture,
} from './calendar-fixtures.js';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a refusal');
}

const FILE_2027 = 'date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,workday,春节\n2027-02-08,holiday,春节\n';

for (const engine of selectedEngines()) {
  describe(`calendar service [${engine}]`, () => {
    let fx: CalendarFixture;
    let cal: CalendarService;

    before(async () => {
      fx = await openCalendarFixture(engine);
      cal = fx.service();
      const report = await cal.seedFromChineseDays(fx.dbh.db);
      assert.equal(report.added.length, 23);
    });
    after(async () => fx.close());

    it('seeds 2004–2026 from chinese-days, once, audited once', async () => {
      const years = await fx.dbh.db.selectFrom('calendar_years').select(['year', 'source', 'imported_by']).orderBy('year').execute();
      assert.deepEqual(years.map((y) => y.year), Array.from({ length: 23 }, (_, i) => 2004 + i));
      assert.ok(years.every((y) => y.source === 'chinese-days@1.5.7' && y.imported_by === null));
      const again = await fx.service().seedFromChineseDays(fx.dbh.db);
      assert.deepEqual(again.added, []);
      assert.equal(again.skipped.length, 23);
      const seeds = (await auditActions(fx.dbh)).filter((a) => a.action === 'calendar.seed');
      assert.equal(seeds.length, 1);
      const kinds = await fx.dbh.db.selectFrom('calendar_days').select('kind').where('date', 'like', '2026-%').execute();
      assert.equal(kinds.filter((k) => k.kind === 'workday').length, 6);
    });

    it('answers the NORMS.md 2026 check dates', async () => {
      assert.equal(await cal.isWorkingDay('2026-02-14'), true, 'Sat 2026-02-14 is a make-up working day');
      for (let d = 1; d <= 7; d++) assert.equal(await cal.isWorkingDay(`2026-10-0${d}`), false, `2026-10-0${d} is a holiday`);
      assert.equal(await cal.isWorkingDay('2026-10-10'), true, 'Sat 2026-10-10 is a make-up working day');
      assert.equal(await cal.isWorkingDay('2026-09-20'), true, 'Sun 2026-09-20 is a make-up working day');
      assert.equal(await cal.isWorkingDay('2026-10-08'), true);
      assert.equal(await cal.isWorkingDay('2026-10-11'), false, 'an ordinary Sunday');
      assert.equal((await refusal(cal.isWorkingDay('2026-02-30'))).code, 'calendar.invalid_date');
    });

    it('counts a deadline across the National Day holiday from the day after submission', async () => {
      // Friday 2026-09-25, n = 5: 28, 29, 30 Sep, (1–7 Oct off), 8 Oct, 9 Oct.
      for (const at of [shanghai(2026, 9, 25, 0, 0), shanghai(2026, 9, 25, 10, 30), shanghai(2026, 9, 25, 23, 59, 59)]) {
        assert.equal(await cal.addWorkingDays(at, 5), endOfShanghaiDay(2026, 10, 9));
      }
      assert.equal(await cal.addWorkingDays(shanghai(2026, 9, 25, 10), 0), endOfShanghaiDay(2026, 9, 25), 'n = 0: end of the same day');
      assert.equal(await cal.addWorkingDays(shanghai(2026, 9, 25, 10), 3), endOfShanghaiDay(2026, 9, 30));
      assert.equal(await cal.addWorkingDays(shanghai(2026, 9, 25, 10), 4), endOfShanghaiDay(2026, 10, 8));
      // 2026-09-24 16:30 UTC is already the 25th in Shanghai: the UTC day must not be used.
      assert.equal(await cal.addWorkingDays(Date.UTC(2026, 8, 24, 16, 30), 5), endOfShanghaiDay(2026, 10, 9));
    });

    it('counts make-up Saturdays and Sundays as working days', async () => {
      assert.equal(await cal.addWorkingDays(shanghai(2026, 10, 9, 9), 1), endOfShanghaiDay(2026, 10, 10), 'Fri → make-up Sat');
      assert.equal(await cal.addWorkingDays(shanghai(2026, 2, 13, 9), 1), endOfShanghaiDay(2026, 2, 14), 'Fri → make-up Sat before Spring Festival');
      // Sat 14 Feb worked, 15–23 Feb off, 24 Feb (Tue) next.
      assert.equal(await cal.addWorkingDays(shanghai(2026, 2, 13, 9), 2), endOfShanghaiDay(2026, 2, 24));
      assert.equal(await cal.addWorkingDays(shanghai(2026, 9, 18, 9), 1), endOfShanghaiDay(2026, 9, 20), 'Fri → make-up Sun');
    });

    it('counts working days between two instants, excluding the first day', async () => {
      assert.equal(await cal.workingDaysBetween(shanghai(2026, 9, 25, 10), shanghai(2026, 10, 9, 8)), 5);
      assert.equal(await cal.workingDaysBetween(shanghai(2026, 9, 25, 10), shanghai(2026, 10, 10, 8)), 6);
      assert.equal(await cal.workingDaysBetween(shanghai(2026, 9, 25, 8), shanghai(2026, 9, 25, 20)), 0, 'same day');
      assert.equal(await cal.workingDaysBetween(shanghai(2026, 10, 9, 8), shanghai(2026, 9, 25, 8)), 0, 'to before from');
      assert.equal(await cal.workingDaysBetween(shanghai(2026, 2, 13, 8), shanghai(2026, 2, 24, 8)), 2);
      // A whole ordinary week: Mon 2026-03-02 .. Mon 2026-03-09 = 5.
      assert.equal(await cal.workingDaysBetween(shanghai(2026, 3, 2, 8), shanghai(2026, 3, 9, 8)), 5);
    });

    it('refuses negative or fractional counts and non-finite instants', async () => {
      assert.equal((await refusal(cal.addWorkingDays(shanghai(2026, 1, 5), -1))).code, 'calendar.invalid_count');
      assert.equal((await refusal(cal.addWorkingDays(shanghai(2026, 1, 5), 1.5))).code, 'calendar.invalid_count');
      assert.equal((await refusal(cal.workingDaysBetween(Number.NaN, 0))).code, 'calendar.invalid_instant');
    });

    it('lists a year and describes a day', async () => {
      const y = await cal.getYear(2026);
      assert.equal(y.hasData, true);
      assert.equal(y.source, 'chinese-days@1.5.7');
      assert.ok(y.days.some((d) => d.date === '2026-10-10' && d.kind === 'workday'));
      const none = await cal.getYear(2030);
      assert.deepEqual({ hasData: none.hasData, source: none.source, days: none.days }, { hasData: false, source: null, days: [] });
      assert.deepEqual(await cal.dayInfo('2026-10-10'), {
        date: '2026-10-10', weekday: 6, isWorkingDay: true, hasData: true, exception: { date: '2026-10-10', kind: 'workday', name: '国庆节' },
      });
      assert.equal((await cal.dayInfo('2026-10-12')).exception, null);
    });

    describe('a year without data (2027)', () => {
      it('computes Mon–Fri and warns until the year is imported', async () => {
        assert.equal(await cal.isWorkingDay('2027-01-01'), true, 'Friday, computed Mon–Fri');
        assert.equal(await cal.addWorkingDays(shanghai(2026, 12, 31, 9), 1), endOfShanghaiDay(2027, 1, 1));
        assert.deepEqual(await cal.missingYears([2026, 2027, 2027]), [2027]);
        const status = await cal.status();
        assert.deepEqual(status.missing, [2027]);
        assert.equal(status.warning, '缺少 2027 年节假日数据，工作日按周一至周五计算，请导入');
        assert.match(status.warningEn ?? '', /2027/);
        assert.deepEqual((await cal.status([2030])).missing, [2027, 2030]);
        assert.equal(status.years.length, 23);
      });

      it('refuses a bad file without changing anything', async () => {
        const bad = cal.parseImportFile('date,kind,name\n2027-01-01,holiday,元旦\n2027-01-02,holiday,元旦\n');
        const err = await refusal(cal.importYear(fx.dbh.db, adminActor(), { ...bad, source: 'import:bad.csv' }));
        assert.equal(err.code, 'calendar.import_invalid');
        assert.equal(err.fieldErrors[0]?.field, 'line.3.kind');
        assert.match(err.fieldErrors[0]?.message ?? '', /^第 3 行：2027-01-02 是星期六/);
        assert.deepEqual((await cal.status()).missing, [2027]);
        assert.equal((await auditActions(fx.dbh)).some((a) => a.action === 'calendar.import'), false);
      });

      it('refuses an import by someone without calendar.manage', async () => {
        const parsed = cal.parseImportFile(FILE_2027);
        const err = await refusal(cal.importYear(fx.dbh.db, editorActor(), { ...parsed, source: 'import:2027.csv' }));
        assert.equal(err.code, 'auth.forbidden');
        assert.deepEqual(await cal.missingYears([2027]), [2027]);
      });

      it('imports 2027: the warning goes and 2027-01-01 is no longer a working day', async () => {
        const other = fx.service(); // another process's copy: cached 2027 as Mon–Fri
        assert.equal(await other.isWorkingDay('2027-01-01'), true);

        const parsed = cal.parseImportFile(FILE_2027);
        const result = await cal.importYear(fx.dbh.db, adminActor(7), { ...parsed, source: 'import:2027.csv' });
        assert.deepEqual(result, { year: 2027, source: 'import:2027.csv', holidays: 2, workdays: 1, importedAt: fx.clock.now(), replaced: null });

        assert.equal(await cal.isWorkingDay('2027-01-01'), false);
        assert.equal(await cal.isWorkingDay('2027-02-06'), true, 'make-up Saturday');
        assert.equal(await cal.addWorkingDays(shanghai(2026, 12, 31, 9), 1), endOfShanghaiDay(2027, 1, 4), 'Thu 31 Dec + 1 → Mon 4 Jan');
        const status = await cal.status();
        assert.deepEqual(status.missing, []);
        assert.equal(status.warning, null);
        assert.deepEqual(status.years.at(-1), { year: 2027, source: 'import:2027.csv', importedAt: fx.clock.now() });
        const row = await fx.dbh.db.selectFrom('calendar_years').selectAll().where('year', '=', 2027).executeTakeFirstOrThrow();
        assert.equal(Number(row.imported_by), 7);

        const audit = (await auditActions(fx.dbh)).filter((a) => a.action === 'calendar.import');
        assert.equal(audit.length, 1);
        assert.equal(audit[0]?.target_id, '2027');
        assert.deepEqual(JSON.parse(audit[0]?.detail ?? '{}'), { year: 2027, source: 'import:2027.csv', holidays: 2, workdays: 1, replaced: null });

        // The other copy keeps its cache for the time-to-live (60 s), then reads the import.
        assert.equal(await other.isWorkingDay('2027-01-01'), true);
        fx.clock.advance(61_000);
        assert.equal(await other.isWorkingDay('2027-01-01'), false);
      });

      it('replaces a year completely on re-import and records what it replaced', async () => {
        const result = await cal.importYear(fx.dbh.db, adminActor(), {
          year: 2027, source: 'admin', days: [{ date: '2027-10-01', kind: 'holiday', name: '国庆节' }],
        });
        assert.equal(result.replaced, 'import:2027.csv');
        assert.deepEqual((await cal.getYear(2027)).days, [{ date: '2027-10-01', kind: 'holiday', name: '国庆节' }]);
        assert.equal(await cal.isWorkingDay('2027-01-01'), true);
        assert.equal(await cal.isWorkingDay('2027-10-01'), false);
        // 2026 is untouched.
        assert.equal(await cal.isWorkingDay('2026-10-10'), true);
        assert.equal((await cal.getYear(2026)).days.length > 0, true);
      });

      it('lets an admin override a seeded year, and seeding does not undo it', async () => {
        await cal.importYear(fx.dbh.db, adminActor(), { year: 2026, source: 'admin', days: [] });
        assert.equal(await cal.isWorkingDay('2026-10-01'), true, '2026-10-01 (Thu) now plain Mon–Fri');
        const report = await fx.service().seedFromChineseDays(fx.dbh.db);
        assert.deepEqual(report.added, []);
        assert.equal((await cal.getYear(2026)).source, 'admin');
      });
    });
  });
}

for (const engine of selectedEngines()) {
  describe(`calendar seeding [${engine}]`, () => {
    let fx: CalendarFixture;
    before(async () => {
      fx = await openCalendarFixture(engine);
    });
    after(async () => fx.close());

    it('two processes seeding at the same moment write each year once', async () => {
      const [a, b] = await Promise.all([fx.service().seedFromChineseDays(fx.dbh.db), fx.service().seedFromChineseDays(fx.dbh.db)]);
      assert.equal(a.added.length + b.added.length, 23);
      const count = await fx.dbh.db.selectFrom('calendar_years').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 23);
    });
  });
}
