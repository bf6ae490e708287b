import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  dayOfInstant, dayOfYmd, endOfDay, startOfDay, weekdayOfDay, ymdOfDay, daysInYear, firstDayOfYear, yearOfDay,
} from '../../src/platform/calendar/shanghai-day.js';

describe('calendar: Asia/Shanghai days', () => {
  it('puts an instant on its Shanghai calendar day, not its UTC day', () => {
    // 2026-09-24 16:00 UTC is 2026-09-25 00:00 in Shanghai.
    assert.equal(ymdOfDay(dayOfInstant(Date.UTC(2026, 8, 24, 16, 0, 0))), '2026-09-25');
    assert.equal(ymdOfDay(dayOfInstant(Date.UTC(2026, 8, 24, 15, 59, 59, 999))), '2026-09-24');
    assert.equal(ymdOfDay(dayOfInstant(Date.UTC(2026, 8, 25, 15, 59, 59, 999))), '2026-09-25');
  });

  it('gives start and end of a day as Shanghai midnight and 23:59:59.999', () => {
    const day = dayOfYmd('2026-10-09');
    assert.ok(day !== null);
    assert.equal(startOfDay(day), Date.UTC(2026, 9, 8, 16, 0, 0));
    assert.equal(endOfDay(day), Date.UTC(2026, 9, 9, 15, 59, 59, 999));
    assert.equal(dayOfInstant(endOfDay(day)), day);
    assert.equal(dayOfInstant(endOfDay(day) + 1), day + 1);
  });

  it('refuses malformed and impossible dates', () => {
    for (const bad of ['2027-02-30', '2026-13-01', '2026-1-1', '2026-00-10', '0099-01-01', '20260101', '', '2026-02-29']) {
      assert.equal(dayOfYmd(bad), null, bad);
    }
    assert.notEqual(dayOfYmd('2028-02-29'), null);
  });

  it('knows the weekday of the NORMS check dates', () => {
    const wd = (s: string): number => weekdayOfDay(dayOfYmd(s) as number);
    assert.equal(wd('2026-02-14'), 6); // Saturday
    assert.equal(wd('2026-09-20'), 0); // Sunday
    assert.equal(wd('2026-10-10'), 6);
    assert.equal(wd('2026-09-25'), 5); // Friday
    assert.equal(wd('2027-01-01'), 5);
    assert.equal(wd('1969-12-31'), 3); // negative day numbers too
  });

  it('round-trips and sizes years', () => {
    assert.equal(daysInYear(2026), 365);
    assert.equal(daysInYear(2028), 366);
    assert.equal(ymdOfDay(firstDayOfYear(2027)), '2027-01-01');
    assert.equal(yearOfDay(firstDayOfYear(2027) - 1), 2026);
    for (const s of ['2004-01-01', '2026-12-31', '2100-03-01']) assert.equal(ymdOfDay(dayOfYmd(s) as number), s);
  });
});
