/**
 * A manifest shard's JSON (page-store/manifest.ts, shardJson) writes each entry field by field;
 * the bytes must be exactly canonicalJson's (an entry with a field the store never writes too), whatever the entries and however the shard changes
 * between writes (the signed root lists the SM3 of these bytes).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson, shardJson, type ManifestEntry, type ManifestShard } from '../../src/modules/publishing/page-store/manifest.js';

const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
const entry: fc.Arbitrary<ManifestEntry> = fc.oneof(
  fc.record({ status: fc.constantFrom(200 as const, 410 as const), type: fc.constantFrom('text/html; charset=utf-8', 'application/json'), size: fc.nat(), sm3: hex, gzip: fc.option(hex, { nil: undefined }), br: fc.option(hex, { nil: undefined }), pending: fc.option(fc.constant(true as const), { nil: undefined }) })
    .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as unknown as ManifestEntry),
  fc.record({ status: fc.constant(301 as const), location: fc.webUrl() }),
  fc.record({ status: fc.constant(200 as const), sm3: hex, note: fc.string() }).map((e) => e as unknown as ManifestEntry),
);
const path = fc.oneof(fc.constantFrom('/', '/index.html', '/art/2026/10/1.html', '/列表/index.html'), fc.string({ minLength: 1, maxLength: 20 }).map((s) => `/${s}.html`));

describe('manifest shard JSON', () => {
  test('is byte-identical to canonicalJson across a sequence of changes to one shard', () => {
    fc.assert(fc.property(
      fc.dictionary(path, entry, { maxKeys: 30 }),
      fc.array(fc.tuple(path, fc.option(entry, { nil: null })), { maxLength: 30 }),
      (initial, changes) => {
        let shard: ManifestShard = { ...initial };
        assert.equal(shardJson(shard), canonicalJson(shard));
        for (const [p, e] of changes) {
          // As the store does it: a copy of the shard, entries replaced or deleted, never edited.
          shard = { ...shard };
          if (e) shard[p] = e; else delete shard[p];
          assert.equal(shardJson(shard), canonicalJson(shard));
        }
      },
    ), { numRuns: 200 });
  });
});
