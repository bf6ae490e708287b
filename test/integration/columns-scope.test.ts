import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import type { TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { hasPermissionOnColumn } from '../../src/platform/identity/actor.js';
import { grantsOfUser } from '../../src/platform/identity/grants.repo.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { getColumn, columnsDeps, createColumn } from '../../src/modules/columns/index.js';
import { orgId } from './sites-fixtures.js';
import {
  NANJING_PORTAL, PROVINCE_PORTAL, columnRow, demoColumn, makeColumn, makeUser, signInFresh, siteId,
  type ColumnBody, type Problem, type TreeBody,
} from './columns-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`columns: scope and column-scoped grants [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    let sec: TestSession;
    let njAdmin: TestSession;
    let province = 0;
    let nanjing = 0;

    const grant = async (userId: number, role: string, scopeType: string, scopeId: number) => {
      const res = await sec.request('POST', '/api/v1/grants', { userId, role, scopeType, scopeId });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { grant: { id: number; scopeType: string; scopeId: number } };
    };

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      sec = await signInFresh(ctx, clock, ctx.accounts.secadmin!);
      province = await siteId(ctx, PROVINCE_PORTAL);
      nanjing = await siteId(ctx, NANJING_PORTAL);
      const u = await makeUser(ctx, await orgId(ctx, '320100-bgt'));
      await grant(u.id, 'site_admin', 'org', await orgId(ctx, '320100'));
      njAdmin = await signInFresh(ctx, clock, u);
    });
    after(async () => { await ctx.close(); });

    test('a Nanjing site admin manages Nanjing columns', async () => {
      const tree = await njAdmin.request('GET', `/api/v1/sites/${nanjing}/columns`);
      assert.equal(tree.statusCode, 200, tree.body);
      assert.equal((tree.json() as TreeBody).canManage, true);
      const res = await njAdmin.request('POST', `/api/v1/sites/${nanjing}/columns`, { name: '南京要闻二', slug: 'njyw2', kind: 'news' });
      assert.equal(res.statusCode, 201, res.body);
    });

    test('a Nanjing site admin cannot read or change provincial columns (403, audited, nothing written)', async () => {
      const target = await makeColumn(ctx, province, { name: '省级栏目' });
      const other = await makeColumn(ctx, province);
      const before = await columnRow(ctx, target.id);
      const attempts: [string, string, unknown][] = [
        ['GET', `/api/v1/sites/${province}/columns`, undefined],
        ['POST', `/api/v1/sites/${province}/columns`, { name: '越权', slug: 'yq', kind: 'news' }],
        ['PATCH', `/api/v1/columns/${target.id}`, { name: '越权修改' }],
        ['POST', `/api/v1/columns/${target.id}/move`, { parentId: null, sortOrder: 0 }],
        ['POST', `/api/v1/columns/${target.id}/merge`, { intoId: other.id }],
        ['DELETE', `/api/v1/columns/${target.id}`, undefined],
      ];
      for (const [method, url, body] of attempts) {
        const res = await njAdmin.request(method, url, body);
        assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
        const p = res.json() as Problem;
        assert.equal(p.code, 'columns.out_of_scope');
        assert.match(p.detail, /不在您的管理范围内/);
      }
      assert.deepEqual(await columnRow(ctx, target.id), before);
      const denied = await ctx.platform.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'columns.out_of_scope').where('result', '=', 'denied').executeTakeFirstOrThrow();
      assert.ok(Number(denied.n) >= attempts.length);
      // Moving a Nanjing column under a provincial one is refused as a foreign parent, not done.
      const nj = await demoColumn(ctx, nanjing, ['tzgg']);
      const cross = await njAdmin.request('POST', `/api/v1/columns/${nj.id}/move`, { parentId: target.id });
      assert.equal(cross.statusCode, 400);
      assert.equal((cross.json() as Problem).code, 'columns.parent_not_found');
    });

    test('the security admin grants editor on one column: that editor drafts in it and its subtree only', async () => {
      const zwdt = await demoColumn(ctx, province, ['zwdt']);
      const bmdt = await demoColumn(ctx, province, ['zwdt', 'bmdt']);
      const tzgg = await demoColumn(ctx, province, ['tzgg']);
      const u = await makeUser(ctx, await orgId(ctx, '320000-bgt'));
      const { grant: g } = await grant(u.id, 'editor', 'column', zwdt.id);
      assert.deepEqual([g.scopeType, g.scopeId], ['column', zwdt.id]);
      const editor = await signInFresh(ctx, clock, u);

      // The scope check itself, on the grant as stored.
      const actor = { ...systemActor('x'), kind: 'user' as const, userId: u.id, grants: await grantsOfUser(ctx.platform.db, u.id) };
      const scope = async (id: number) => {
        const c = (await getColumn(ctx.platform.db, id))!;
        return { siteId: c.siteId, orgPath: c.orgPath, columnPath: c.path };
      };
      assert.equal(hasPermissionOnColumn(actor, 'documents.write', await scope(zwdt.id)), true);
      assert.equal(hasPermissionOnColumn(actor, 'documents.write', await scope(bmdt.id)), true, 'grants cover the subtree');
      assert.equal(hasPermissionOnColumn(actor, 'documents.write', await scope(tzgg.id)), false);

      // End to end through the documents API.
      const ok = await editor.request('POST', '/api/v1/documents', { columnId: bmdt.id, kind: 'article', title: '部门动态稿件' });
      assert.equal(ok.statusCode, 201, ok.body);
      const refused = await editor.request('POST', '/api/v1/documents', { columnId: tzgg.id, kind: 'notice', title: '越权通知' });
      assert.equal(refused.statusCode, 403, refused.body);

      // The tree shows the granted subtree; nothing else of the site.
      const tree = await editor.request('GET', `/api/v1/sites/${province}/columns`);
      assert.equal(tree.statusCode, 200, tree.body);
      const items = (tree.json() as TreeBody).items;
      assert.deepEqual(items.filter((c) => c.depth === 1).map((c) => c.slug), ['zwdt']);
      assert.ok(items.every((c) => c.inScope && c.path.startsWith(zwdt.path)));
      assert.equal((tree.json() as TreeBody).canManage, false);
      assert.equal((await editor.request('GET', `/api/v1/sites/${nanjing}/columns`)).statusCode, 403);
      assert.equal((await editor.request('PATCH', `/api/v1/columns/${zwdt.id}`, { name: 'x' })).statusCode, 403, 'an editor never manages columns');
    });

    test('a grant on a nested column shows its ancestors as context, marked out of scope', async () => {
      const bmdt = await demoColumn(ctx, province, ['zwdt', 'bmdt']);
      const zwdt = await demoColumn(ctx, province, ['zwdt']);
      const u = await makeUser(ctx, await orgId(ctx, '320000-bgt'));
      await grant(u.id, 'reviewer', 'column', bmdt.id);
      const reviewer = await signInFresh(ctx, clock, u);
      const items = ((await reviewer.request('GET', `/api/v1/sites/${province}/columns`)).json() as TreeBody).items;
      assert.deepEqual(items.map((c) => [c.id, c.inScope]), [[zwdt.id, false], [bmdt.id, true]]);
    });

    test('grants on a deleted or unknown column are refused', async () => {
      const gone = await makeColumn(ctx, province);
      await ctx.platform.db.updateTable('columns').set({ status: 'deleted' }).where('id', '=', gone.id).execute();
      const u = await makeUser(ctx, await orgId(ctx, '320000-bgt'));
      for (const scopeId of [gone.id, 9_999_999]) {
        const res = await sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'editor', scopeType: 'column', scopeId });
        assert.equal(res.statusCode, 404, res.body);
        assert.equal((res.json() as Problem).code, 'identity.grant.scope_not_found');
      }
    });

    test('the default update rules come from the setting and can be overridden per installation', async () => {
      const deps = { ...columnsDeps(ctx.platform), config: { columnUpdateDays: ['news=7', 'topic=90'] } };
      const make = (kind: 'news' | 'topic' | 'notice') => createColumn({ db: ctx.platform.db, actor: systemActor('test'), siteId: province, deps, input: { name: kind, slug: `cfg-${kind}`, kind } });
      assert.equal((await make('news')).updateDays, 7);
      assert.equal((await make('topic')).updateDays, 90);
      assert.equal((await make('notice')).updateDays, 180, 'kinds not listed keep the built-in default');
    });

    test('column ids in the admin API belong to one site: a Nanjing admin cannot merge a Nanjing column into a provincial one', async () => {
      const nj = await makeColumn(ctx, nanjing);
      const prov = await demoColumn(ctx, province, ['yaowen']);
      const res = await njAdmin.request('POST', `/api/v1/columns/${nj.id}/merge`, { intoId: prov.id });
      assert.equal(res.statusCode, 400);
      assert.equal((res.json() as Problem).code, 'columns.merge_target_invalid');
      const body = (await njAdmin.request('GET', `/api/v1/sites/${nanjing}/columns`)).json() as TreeBody;
      assert.ok(body.items.some((c: ColumnBody) => c.id === nj.id));
    });
  });
}
