import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { periodKeysOf, statisticsPeriods } from '../../src/modules/interaction/statistics/periods.js';
import { figuresOf } from '../../src/modules/interaction/statistics/figures.js';

describe('letter statistics: periods and rates', () => {
  test('the 12 months end with the current Shanghai month and cross the year; the year is the current one', () => {
    // 2026-01-31 16:30 UTC is already 2026-02-01 00:30 in Shanghai.
    const { months, year } = statisticsPeriods(Date.UTC(2026, 0, 31, 16, 30));
    assert.deepEqual(months.map((m) => m.key), ['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
    assert.equal(months[11]!.label, '2026年2月');
    assert.equal(months[11]!.from, Date.UTC(2026, 0, 31, 16, 0), 'February starts at midnight Shanghai');
    assert.equal(months[10]!.to, months[11]!.from);
    assert.deepEqual([year.key, year.from, year.to], ['2026', Date.UTC(2025, 11, 31, 16, 0), Date.UTC(2026, 11, 31, 16, 0)]);
  });

  test('an instant belongs to its Shanghai month and year', () => {
    assert.deepEqual(periodKeysOf(Date.UTC(2025, 11, 31, 15, 59, 59, 999)), { month: '2025-12', year: '2025' });
    assert.deepEqual(periodKeysOf(Date.UTC(2025, 11, 31, 16, 0)), { month: '2026-01', year: '2026' });
  });

  test('rates are percentages with one decimal, and absent without a base', () => {
    const f = figuresOf({ key: '2026', label: '2026年' }, { received: 7, accepted: 6, closed: 3, onTime: 2, handlingDays: 5, rated: 3, satisfied: 1 });
    assert.deepEqual([f.onTimeRate, f.averageWorkingDays, f.satisfactionRate], [66.7, 1.7, 33.3]);
    const none = figuresOf({ key: '2026', label: '2026年' }, { received: 1, accepted: 0, closed: 0, onTime: 0, handlingDays: 0, rated: 0, satisfied: 0 });
    assert.deepEqual([none.onTimeRate, none.averageWorkingDays, none.satisfactionRate], [null, null, null]);
  });
});
