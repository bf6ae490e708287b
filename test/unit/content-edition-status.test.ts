import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canTransition, documentStatusFor, EDITION_TRANSITIONS } from '../../src/modules/content/edition-status.js';
import type { EditionStatus } from '../../src/modules/content/content.tables.js';

const ALL: readonly EditionStatus[] = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'superseded', 'withdrawn', 'rejected'];

describe('edition life cycle', () => {
  test('the review path: draft → in review → approved → (scheduled →) published → superseded', () => {
    assert.ok(canTransition('draft', 'in_review'));
    assert.ok(canTransition('in_review', 'approved'));
    assert.ok(canTransition('approved', 'scheduled'));
    assert.ok(canTransition('scheduled', 'published'));
    assert.ok(canTransition('approved', 'published'));
    assert.ok(canTransition('published', 'superseded'));
    assert.ok(canTransition('published', 'withdrawn'));
    assert.ok(canTransition('in_review', 'rejected'));
    assert.ok(canTransition('rejected', 'in_review'));
  });

  test('no skipping review, no way back from final states', () => {
    assert.ok(!canTransition('draft', 'approved'));
    assert.ok(!canTransition('draft', 'published'));
    assert.ok(!canTransition('in_review', 'published'));
    for (const to of ALL) {
      assert.ok(!canTransition('superseded', to), `superseded → ${to}`);
      assert.ok(!canTransition('withdrawn', to), `withdrawn → ${to}`);
    }
    for (const from of ALL) assert.ok(!EDITION_TRANSITIONS[from].includes(from), `${from} → itself is not a change`);
  });

  test('the fast track may publish before review, and only publish', () => {
    assert.ok(canTransition('draft', 'published', { fastTrack: true }));
    assert.ok(canTransition('in_review', 'published', { fastTrack: true }));
    assert.ok(!canTransition('draft', 'approved', { fastTrack: true }));
    assert.ok(!canTransition('withdrawn', 'published', { fastTrack: true }));
  });

  test('the document status lists show', () => {
    assert.equal(documentStatusFor('draft', true, false), 'published', 'a new draft does not hide the public edition');
    assert.equal(documentStatusFor('in_review', false, false), 'in_review');
    assert.equal(documentStatusFor('rejected', false, false), 'draft');
    assert.equal(documentStatusFor('withdrawn', false, true), 'withdrawn');
    assert.equal(documentStatusFor('draft', false, true), 'withdrawn');
  });
});
