import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { selectedEngines } from '../support/engines.js';
import type { CalendarService } from '../../src/platform/calendar/index.js';
import { dayOfInstant, endOfDay, ymdOfDay } from '../../src/platform/calendar/index.js';
import { openCalendarFixture, shanghai, type CalendarFixture } from './calendar-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`calendar properties [${engine}]`, () => {
    let fx: CalendarFixture;
    let cal: CalendarService;
    before(async () => {
      fx = await openCalendarFixture(engine);
      cal = fx.service();
      await cal.seedFromChineseDays(fx.dbh.db);
    });
    after(async () => fx.close());

    const start = fc.integer({ min: shanghai(2025, 1, 1), max: shanghai(2026, 12, 31, 23, 59, 59, 999) });
    const n = fc.integer({ min: 0, max: 40 });

    it('adding a then b working days equals adding a + b', async () => {
      await fc.assert(fc.asyncProperty(start, n, n, async (s, a, b) => {
        const whole = await cal.addWorkingDays(s, a + b);
        const stepwise = await cal.addWorkingDays(await cal.addWorkingDays(s, a), b);
        assert.equal(whole, stepwise);
      }), { numRuns: 300, seed: 20261126 });
    });

    it('the working days between a start and its deadline are exactly n, and the deadline ends a working day', async () => {
      await fc.assert(fc.asyncProperty(start, n, async (s, k) => {
        const deadline = await cal.addWorkingDays(s, k);
        assert.equal(await cal.workingDaysBetween(s, deadline), k);
        assert.equal(deadline, endOfDay(dayOfInstant(deadline)));
        if (k > 0) assert.equal(await cal.isWorkingDay(ymdOfDay(dayOfInstant(deadline))), true);
      }), { numRuns: 300, seed: 20261127 });
    });
  });
}
