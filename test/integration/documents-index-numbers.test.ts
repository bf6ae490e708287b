import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { testColumnFor } from '../support/content-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { inTransaction, openDatabase, type DatabaseHandle } from '../../src/db/index.js';
import { getUserByUsername } from '../../src/platform/identity/users.repo.js';
import { grantsOfUser } from '../../src/platform/identity/grants.repo.js';
import type { Actor } from '../../src/platform/identity/actor.js';
import { createDocument } from '../../src/modules/content/operations/create-document.js';
import { contentDeps } from '../../src/modules/content/content-deps.js';
import { formatIndexNumber, nextIndexSequence } from '../../src/modules/content/index-number.js';

const PARALLEL = 50;

for (const engine of selectedEngines()) {
  describe(`index numbers: per organization and year, allocated in the creating transaction [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 2, 0, 0));
    let actor: Actor;
    let column: { id: number; orgId: number };
    let creditCode = '';

    const sequenceOf = (indexNumber: string) => Number(indexNumber.split('-').pop());

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      const user = (await getUserByUsername(ctx.platform.db, 'editor'))!;
      actor = { kind: 'user', userId: user.id, username: user.username, displayName: user.display_name, orgId: user.org_id, grants: await grantsOfUser(ctx.platform.db, user.id), sessionId: null, ip: '127.0.0.1', userAgent: 'test' };
      column = await testColumnFor(ctx.platform.db, '320000');
      creditCode = (await ctx.platform.db.selectFrom('organizations').select('credit_code').where('id', '=', column.orgId).executeTakeFirstOrThrow()).credit_code!;
    });
    after(async () => { await ctx.close(); });

    test('the format is {organization code}/{year}-{5 digits}', () => {
      assert.equal(formatIndexNumber('000014349', 2026, 1), '000014349/2026-00001');
      assert.equal(formatIndexNumber('91320000MA1234567X', 2018, 4736), '91320000MA1234567X/2018-04736');
    });

    test('creations get distinct consecutive numbers (in parallel on separate connections where the engine allows it)', async () => {
      const start = await ctx.platform.db.selectFrom('index_number_counters').select('last_value').where('org_id', '=', column.orgId).where('year', '=', 2026).executeTakeFirst();
      const base = Number(start?.last_value ?? 0);
      const deps = contentDeps(ctx.platform);
      const create = (db: DatabaseHandle['db'], i: number) => createDocument({ db, actor, input: { columnId: column.id, kind: 'notice', title: `并发稿件${i}` }, deps });
      let numbers: string[];
      if (ctx.platform.dbh.url) {
        // PostgreSQL: 50 connections of their own, all creating at once.
        const handles = Array.from({ length: PARALLEL }, () => openDatabase({ databaseUrl: ctx.platform.dbh.url, dataDir: ctx.platform.config.dataDir, poolSize: 1 }));
        try {
          const results = await Promise.all(handles.map((h, i) => create(h.db, i)));
          numbers = results.map((r) => r.document.indexNumber!);
        } finally {
          await Promise.all(handles.map((h) => h.close()));
        }
      } else {
        // SQLite has one writer: creations queue; numbers must still never repeat.
        numbers = [];
        for (let i = 0; i < PARALLEL; i++) numbers.push((await create(ctx.platform.db, i)).document.indexNumber!);
      }
      assert.equal(new Set(numbers).size, PARALLEL, 'no duplicates');
      for (const n of numbers) assert.match(n, new RegExp(`^${creditCode}/2026-\\d{5}$`));
      const sequences = numbers.map(sequenceOf).sort((a, b) => a - b);
      assert.deepEqual(sequences, Array.from({ length: PARALLEL }, (_, i) => base + i + 1), 'consecutive, no gaps');
    });

    test('a new year starts again at 00001; a failed creation gives its number back', async () => {
      clock.set(Date.UTC(2026, 11, 31, 16, 30, 0)); // 2027-01-01 00:30 in Asia/Shanghai
      const deps = contentDeps(ctx.platform);
      const first = await createDocument({ db: ctx.platform.db, actor, input: { columnId: column.id, kind: 'notice', title: '新年第一篇' }, deps });
      assert.equal(first.document.indexNumber, `${creditCode}/2027-00001`);
      await assert.rejects(createDocument({ db: ctx.platform.db, actor, input: { columnId: column.id, kind: 'notice', title: '错误', genre: '小说' }, deps }));
      // A transaction that took a number and then failed returns it.
      await assert.rejects(inTransaction(ctx.platform.db, async (trx) => {
        assert.equal(await nextIndexSequence(trx, column.orgId, 2027), 2);
        throw new Error('roll back');
      }), /roll back/);
      const second = await createDocument({ db: ctx.platform.db, actor, input: { columnId: column.id, kind: 'notice', title: '新年第二篇' }, deps });
      assert.equal(second.document.indexNumber, `${creditCode}/2027-00002`);
      const page = await createDocument({ db: ctx.platform.db, actor, input: { columnId: column.id, kind: 'page', title: '单页不编索引号' }, deps });
      assert.equal(page.document.indexNumber, null);
    });
  });
}
