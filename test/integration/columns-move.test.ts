import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import type { TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import {
  NANJING_PORTAL, PROVINCE_PORTAL, columnRow, demoColumn, lastAudit, makeColumn, signInFresh, siteId,
  type ColumnBody, type Problem, type TreeBody,
} from './columns-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`column tree: move and reorder [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    let admin: TestSession;
    let province = 0;

    const move = (id: number, body: { parentId: number | null; sortOrder?: number }) => admin.request('POST', `/api/v1/columns/${id}/move`, body);
    const paths = async (ids: readonly number[]) => Promise.all(ids.map(async (id) => (await columnRow(ctx, id)).path));

    /** A → B → C under a fresh top-level column. */
    const chain = async () => {
      const a = await makeColumn(ctx, province, { name: '甲' });
      const b = await makeColumn(ctx, province, { name: '乙', parentId: a.id });
      const c = await makeColumn(ctx, province, { name: '丙', parentId: b.id });
      return { a, b, c };
    };

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      admin = await signInFresh(ctx, clock, ctx.accounts.siteadmin!);
      province = await siteId(ctx, PROVINCE_PORTAL);
    });
    after(async () => { await ctx.close(); });

    test('moving a column rewrites the paths of its whole subtree in one go, audited', async () => {
      const { a, b, c } = await chain();
      const target = await demoColumn(ctx, province, ['zfxxgk']);
      const res = await move(a.id, { parentId: target.id });
      assert.equal(res.statusCode, 200, res.body);
      const moved = (res.json() as { column: ColumnBody }).column;
      assert.equal(moved.parentId, target.id);
      assert.deepEqual(await paths([a.id, b.id, c.id]), [`${target.path}${a.id}/`, `${target.path}${a.id}/${b.id}/`, `${target.path}${a.id}/${b.id}/${c.id}/`]);
      const ev = await lastAudit(ctx, 'columns.move');
      assert.equal(ev?.target_id, String(a.id));
      assert.deepEqual({ ...JSON.parse(ev?.detail ?? '{}'), sortOrder: undefined, siteId: undefined },
        { fromParentId: null, toParentId: target.id, fromPath: `/${a.id}/`, toPath: `${target.path}${a.id}/`, subtreeSize: 3, sortOrder: undefined, siteId: undefined });
      const back = await move(a.id, { parentId: null });
      assert.equal(back.statusCode, 200, back.body);
      assert.deepEqual(await paths([a.id, b.id, c.id]), [`/${a.id}/`, `/${a.id}/${b.id}/`, `/${a.id}/${b.id}/${c.id}/`]);
      const tree = (await admin.request('GET', `/api/v1/sites/${province}/columns`)).json() as TreeBody;
      const i = tree.items.findIndex((x) => x.id === a.id);
      assert.deepEqual(tree.items.slice(i, i + 3).map((x) => [x.id, x.depth]), [[a.id, 1], [b.id, 2], [c.id, 3]]);
    });

    test('a column cannot move under itself or one of its descendants (409, nothing changes)', async () => {
      const { a, b, c } = await chain();
      for (const parentId of [a.id, b.id, c.id]) {
        const res = await move(a.id, { parentId });
        assert.equal(res.statusCode, 409, res.body);
        const p = res.json() as Problem;
        assert.equal(p.code, 'columns.move_into_subtree');
        assert.match(p.detail, /下级栏目/);
        assert.equal(p.errors?.[0]?.field, 'parentId');
      }
      assert.deepEqual(await paths([a.id, b.id, c.id]), [a.path, `${a.path}${b.id}/`, `${a.path}${b.id}/${c.id}/`]);
      assert.equal((await columnRow(ctx, a.id)).parent_id, null);
    });

    test('moves stay within the site, respect sibling slugs and the depth limit', async () => {
      const { a } = await chain();
      const nj = await demoColumn(ctx, await siteId(ctx, NANJING_PORTAL), ['zwdt']);
      const other = await move(a.id, { parentId: nj.id });
      assert.equal(other.statusCode, 400);
      assert.equal((other.json() as Problem).code, 'columns.parent_not_found');

      const zwdt = await demoColumn(ctx, province, ['zwdt']);
      const clash = await makeColumn(ctx, province, { slug: 'bmdt' });
      const slug = await move(clash.id, { parentId: zwdt.id });
      assert.equal(slug.statusCode, 409);
      assert.equal((slug.json() as Problem).code, 'columns.slug_taken');
      assert.match((slug.json() as Problem).detail, /bmdt/);

      // A (3 levels) under a column at level 3 would reach level 6.
      const l1 = await makeColumn(ctx, province);
      const l2 = await makeColumn(ctx, province, { parentId: l1.id });
      const l3 = await makeColumn(ctx, province, { parentId: l2.id });
      const deep = await move(a.id, { parentId: l3.id });
      assert.equal(deep.statusCode, 400);
      assert.equal((deep.json() as Problem).code, 'columns.depth_exceeded');
      assert.match((deep.json() as Problem).detail, /第 6 级/);
      const fits = await move(a.id, { parentId: l2.id });
      assert.equal(fits.statusCode, 200, 'level 3 + a 3-level subtree = 5 levels fits');
    });

    test('sortOrder places the column among its new siblings (drag and drop), renumbering them', async () => {
      const parent = await makeColumn(ctx, province);
      const kids = [];
      for (const name of ['一', '二', '三']) kids.push(await makeColumn(ctx, province, { parentId: parent.id, name }));
      const order = async () => (await ctx.platform.db.selectFrom('columns').select(['name', 'sort_order']).where('parent_id', '=', parent.id).where('status', '=', 'active').orderBy('sort_order').execute())
        .map((r) => `${r.name}${Number(r.sort_order)}`);
      assert.deepEqual(await order(), ['一0', '二1', '三2']);
      let res = await move(kids[2]!.id, { parentId: parent.id, sortOrder: 0 });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(await order(), ['三0', '一1', '二2']);
      res = await move(kids[2]!.id, { parentId: parent.id, sortOrder: 99 });
      assert.deepEqual(await order(), ['一0', '二1', '三2'], 'a position past the end means last');
      const outsider = await makeColumn(ctx, province, { name: '四' });
      res = await move(outsider.id, { parentId: parent.id, sortOrder: 1 });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(await order(), ['一0', '四1', '二2', '三3']);
    });

    test('moving a deleted or unknown column answers 404', async () => {
      const gone = await makeColumn(ctx, province);
      assert.equal((await admin.request('DELETE', `/api/v1/columns/${gone.id}`)).statusCode, 200);
      assert.equal((await move(gone.id, { parentId: null })).statusCode, 404);
      assert.equal((await move(9_999_999, { parentId: null })).statusCode, 404);
    });
  });
}
