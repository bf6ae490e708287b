import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chooseReadPlan, type ReadEstimate } from '../../src/modules/search/dialect/postgres-read-plan.js';

const MILLION = 1_000_000;
const base: ReadEstimate = { rows: MILLION, tableRows: MILLION, share: 0, postings: 0, limit: 300, ordered: true, walkable: true };
const plan = (over: Partial<ReadEstimate>) => chooseReadPlan({ ...base, ...over });

describe('PostgreSQL read plans (postgres-read-plan.ts)', () => {
  it('reads a rare word by its bitmap: few matches to visit', () => {
    assert.deepEqual(plan({ share: 0.002, postings: 0.002 }), { kind: 'bitmap' });
    assert.deepEqual(plan({ share: 0.0002, postings: 0.0002, limit: 20 }), { kind: 'bitmap' }, 'fewer matches than wanted');
    assert.deepEqual(plan({ share: 0 }), { kind: 'bitmap' });
  });

  it('reads the newest matches of a word a few percent hold in a window sized for twice the matches wanted', () => {
    // 退休 at 1,000,000 documents: 74,000 matches; ordering them all visited 35,000 pages (126 ms).
    assert.deepEqual(plan({ share: 0.074, postings: 0.074 }), { kind: 'window', rows: Math.ceil(600 / 0.074) });
    assert.deepEqual(plan({ share: 0.024, postings: 0.083, limit: 20 }), { kind: 'window', rows: Math.ceil(40 / 0.024) });
  });

  it('walks the key index for a word most documents hold, and never for a phrase', () => {
    assert.deepEqual(plan({ share: 0.7, postings: 0.7 }), { kind: 'walk', rows: Math.ceil(300 / 0.7) });
    assert.deepEqual(plan({ share: 0.46, postings: 1.03, limit: 1001, ordered: false }), { kind: 'walk', rows: Math.ceil(1001 / 0.46) }, 'two common words: two long posting lists');
    assert.equal(plan({ share: 0.7, postings: 1.5, walkable: false }).kind, 'window');
  });

  it('counts (unordered) by bitmap unless walking is cheaper: a bitmap stops at the limit, a window saves nothing', () => {
    assert.deepEqual(plan({ share: 0.074, postings: 0.074, limit: 1001, ordered: false }), { kind: 'bitmap' });
    assert.deepEqual(plan({ share: 0.7, postings: 1.5, limit: 1001, ordered: false, walkable: false }), { kind: 'bitmap' });
  });

  it('never plans a window as large as the range', () => {
    assert.deepEqual(plan({ rows: 10_000, tableRows: 10_000, share: 0.05, postings: 0.05 }), { kind: 'bitmap' });
  });

  it('prices the bitmap by whole posting lists, whatever the date range', () => {
    // A common word within a month of a large table: decoding its postings for a window outweighs the walk;
    // in a table of that month alone the window is cheaper.
    assert.deepEqual(plan({ rows: 20_000, share: 0.7, postings: 0.7 }), { kind: 'walk', rows: Math.ceil(300 / 0.7) });
    assert.deepEqual(plan({ rows: 20_000, tableRows: 20_000, share: 0.7, postings: 0.7 }), { kind: 'window', rows: Math.ceil(600 / 0.7) });
  });
});
