import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../src/db/index.js';
import { shortLivedCache } from '../../src/platform/memo/short-lived-cache.js';

/** Two stand-ins for database handles: the cache only uses them as keys. */
const dbA = {} as Db;
const dbB = {} as Db;

function counter(values: Map<string, string>) {
  let loads = 0;
  return {
    load: async (_db: Db, key: string) => { loads++; return values.get(key); },
    loads: () => loads,
  };
}

describe('platform: short-lived cache', () => {
  it('answers a repeat from memory, per database handle, and reloads after changed()', async () => {
    const rows = new Map([['a', '一']]);
    const c = counter(rows);
    const cache = shortLivedCache<string>(60_000);
    assert.equal(await cache.get(dbA, 'a', c.load), '一');
    rows.set('a', '二');
    assert.equal(await cache.get(dbA, 'a', c.load), '一');
    assert.equal(c.loads(), 1);
    assert.equal(await cache.get(dbB, 'a', c.load), '二', 'another handle has its own memory');
    cache.changed();
    assert.equal(await cache.get(dbA, 'a', c.load), '二');
    assert.equal(c.loads(), 3);
  });

  it('forgets after the time to live', async () => {
    const rows = new Map([['a', '一']]);
    const c = counter(rows);
    const cache = shortLivedCache<string>(20);
    await cache.get(dbA, 'a', c.load);
    rows.set('a', '二');
    await sleep(40);
    assert.equal(await cache.get(dbA, 'a', c.load), '二');
    assert.equal(c.loads(), 2);
  });

  it('keeps nothing for a missing key, and nothing read while a write happened', async () => {
    const rows = new Map<string, string>();
    const c = counter(rows);
    const cache = shortLivedCache<string>(60_000);
    assert.equal(await cache.get(dbA, 'x', c.load), undefined);
    assert.equal(await cache.get(dbA, 'x', c.load), undefined);
    assert.equal(c.loads(), 2);
    rows.set('y', '旧');
    const racing = cache.get(dbA, 'y', async (db, key) => {
      const v = await c.load(db, key);
      cache.changed();
      rows.set('y', '新');
      return v;
    });
    assert.equal(await racing, '旧');
    assert.equal(await cache.get(dbA, 'y', c.load), '新');
  });
});
