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

interface DraftBody { document: { id: number; columnId: number } }

for (const engine of selectedEngines()) {
  describe(`columns: merge and delete [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    let admin: TestSession;
    let province = 0;

    const merge = (id: number, intoId: number) => admin.request('POST', `/api/v1/columns/${id}/merge`, { intoId });
    /** A draft written through the documents API by the site admin (documents.write on the site). */
    const draft = async (columnId: number): Promise<number> => {
      const res = await admin.request('POST', '/api/v1/documents', { columnId, kind: 'article', title: `合并测试稿件${columnId}` });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as DraftBody).document.id;
    };
    const docColumn = async (id: number) => Number((await ctx.platform.db.selectFrom('documents').select('column_id').where('id', '=', id).executeTakeFirstOrThrow()).column_id);

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      admin = await signInFresh(ctx, clock, ctx.accounts.siteadmin!);
      province = await siteId(ctx, PROVINCE_PORTAL);
    });
    after(async () => { await ctx.close(); });

    test('merging A into B moves A\'s documents and children to B and leaves A deleted with merged_into_id', async () => {
      const a = await makeColumn(ctx, province, { name: '旧栏目' });
      const b = await makeColumn(ctx, province, { name: '新栏目' });
      const bKid = await makeColumn(ctx, province, { name: 'B原有', parentId: b.id });
      const kid = await makeColumn(ctx, province, { name: 'A子栏目', parentId: a.id });
      const grandKid = await makeColumn(ctx, province, { name: 'A孙栏目', parentId: kid.id });
      const docs = [await draft(a.id), await draft(a.id)];
      const res = await merge(a.id, b.id);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { into: ColumnBody; documentsMoved: number; childrenMoved: number };
      assert.equal(body.into.id, b.id);
      assert.equal(body.documentsMoved, 2);
      assert.equal(body.childrenMoved, 1);
      for (const d of docs) assert.equal(await docColumn(d), b.id);
      const gone = await columnRow(ctx, a.id);
      assert.equal(gone.status, 'deleted');
      assert.equal(Number(gone.merged_into_id), b.id);
      const movedKid = await columnRow(ctx, kid.id);
      assert.equal(Number(movedKid.parent_id), b.id);
      assert.equal(movedKid.path, `/${b.id}/${kid.id}/`);
      assert.equal((await columnRow(ctx, grandKid.id)).path, `/${b.id}/${kid.id}/${grandKid.id}/`);
      assert.ok(Number(movedKid.sort_order) > Number((await columnRow(ctx, bKid.id)).sort_order), 'moved children come after B\'s own');
      const tree = (await admin.request('GET', `/api/v1/sites/${province}/columns`)).json() as TreeBody;
      assert.equal(tree.items.some((c) => c.id === a.id), false, 'a merged column leaves the tree');
      const ev = await lastAudit(ctx, 'columns.merge');
      assert.equal(ev?.target_id, String(a.id));
      assert.equal(JSON.parse(ev?.detail ?? '{}').documentsMoved, 2);
      assert.equal((await admin.request('PATCH', `/api/v1/columns/${a.id}`, { name: 'x' })).statusCode, 404, 'a merged column is gone for edits');
    });

    test('redirects stay one hop: columns merged into A earlier point at B after A merges into B', async () => {
      const c = await makeColumn(ctx, province);
      const a = await makeColumn(ctx, province);
      const b = await makeColumn(ctx, province);
      assert.equal((await merge(c.id, a.id)).statusCode, 200);
      assert.equal((await merge(a.id, b.id)).statusCode, 200);
      assert.equal(Number((await columnRow(ctx, c.id)).merged_into_id), b.id);
    });

    test('merge refusals: into itself, into its own descendant, across sites, deleted target, clashing child slugs', async () => {
      const a = await makeColumn(ctx, province);
      const kid = await makeColumn(ctx, province, { parentId: a.id, slug: 'bmdt' });
      const cases: [number, number, string, RegExp][] = [
        [a.id, a.id, 'columns.merge_target_invalid', /自身/],
        [a.id, kid.id, 'columns.merge_target_invalid', /下级栏目/],
        [a.id, (await demoColumn(ctx, await siteId(ctx, NANJING_PORTAL), ['zwdt'])).id, 'columns.merge_target_invalid', /同一站点/],
        [a.id, 9_999_999, 'columns.merge_target_invalid', /不存在/],
        [a.id, (await demoColumn(ctx, province, ['zwdt'])).id, 'columns.merge_slug_conflict', /bmdt/],
      ];
      for (const [from, into, code, message] of cases) {
        const res = await merge(from, into);
        assert.ok(res.statusCode === 400 || res.statusCode === 409, res.body);
        const p = res.json() as Problem;
        assert.equal(p.code, code);
        assert.match(p.detail, message);
        assert.equal(p.errors?.[0]?.field, 'intoId');
      }
      assert.equal((await columnRow(ctx, a.id)).status, 'active', 'nothing changed');
      assert.equal(Number((await columnRow(ctx, kid.id)).parent_id), a.id);
    });

    test('an empty column is deleted softly and audited', async () => {
      const c = await makeColumn(ctx, province, { name: '空栏目' });
      const res = await admin.request('DELETE', `/api/v1/columns/${c.id}`);
      assert.equal(res.statusCode, 200, res.body);
      const row = await columnRow(ctx, c.id);
      assert.equal(row.status, 'deleted');
      assert.equal(row.merged_into_id, null);
      const ev = await lastAudit(ctx, 'columns.delete');
      assert.equal(ev?.target_id, String(c.id));
      assert.equal((await admin.request('DELETE', `/api/v1/columns/${c.id}`)).statusCode, 404, 'deleting twice: not found');
      const again = await admin.request('POST', `/api/v1/sites/${province}/columns`, { name: '重建', slug: c.slug, kind: 'news' });
      assert.equal(again.statusCode, 201, 'a deleted column frees its slug');
    });

    test('a column with children or documents cannot be deleted (409 naming what it holds)', async () => {
      const parent = await makeColumn(ctx, province, { name: '有子栏目' });
      await makeColumn(ctx, province, { parentId: parent.id });
      let res = await admin.request('DELETE', `/api/v1/columns/${parent.id}`);
      assert.equal(res.statusCode, 409);
      let p = res.json() as Problem;
      assert.equal(p.code, 'columns.not_empty');
      assert.match(p.detail, /有子栏目.*0 篇文档、1 个下级栏目/);
      const withDoc = await makeColumn(ctx, province, { name: '有稿件' });
      await draft(withDoc.id);
      res = await admin.request('DELETE', `/api/v1/columns/${withDoc.id}`);
      assert.equal(res.statusCode, 409);
      p = res.json() as Problem;
      assert.match(p.detail, /1 篇文档/);
      assert.equal((await columnRow(ctx, withDoc.id)).status, 'active');
    });
  });
}
