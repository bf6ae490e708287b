import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import type { TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import {
  NANJING_PORTAL, PROVINCE_PORTAL, columnRow, demoColumn, lastAudit, makeColumn, signInFresh, siteId, uniqueSlug,
  type ColumnBody, type Problem, type TreeBody,
} from './columns-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`column tree: create, read, edit [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    let admin: TestSession;
    let editor: TestSession;
    let province = 0;
    let nanjing = 0;

    const create = (site: number, body: Record<string, unknown>) => admin.request('POST', `/api/v1/sites/${site}/columns`, body);
    const created = async (site: number, body: Record<string, unknown>): Promise<ColumnBody> => {
      const res = await create(site, body);
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { column: ColumnBody }).column;
    };

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      admin = await signInFresh(ctx, clock, ctx.accounts.siteadmin!);
      editor = await signInFresh(ctx, clock, ctx.accounts.editor!);
      province = await siteId(ctx, PROVINCE_PORTAL);
      nanjing = await siteId(ctx, NANJING_PORTAL);
    });
    after(async () => { await ctx.close(); });

    test('the demo portal has a realistic tree, parents before children, in sort order', async () => {
      const res = await editor.request('GET', `/api/v1/sites/${province}/columns`);
      assert.equal(res.statusCode, 200, res.body);
      const tree = res.json() as TreeBody;
      assert.equal(tree.site.code, PROVINCE_PORTAL);
      assert.equal(tree.canManage, false, 'an editor reads the tree but does not manage it');
      const top = tree.items.filter((c) => c.depth === 1).map((c) => `${c.name}:${c.slug}:${c.kind}`);
      assert.deepEqual(top, ['首页要闻:yaowen:news', '政务动态:zwdt:news', '通知公告:tzgg:notice', '政府信息公开:zfxxgk:disclosure', '政策文件:zcwj:policy', '专题专栏:zt:topic', '互动交流:hdjl:link', '关于我们:gywm:page']);
      const zwdt = tree.items.findIndex((c) => c.slug === 'zwdt');
      assert.deepEqual(tree.items.slice(zwdt + 1, zwdt + 4).map((c) => [c.name, c.depth]), [['省政府常务会议', 2], ['部门动态', 2], ['市县动态', 2]]);
      const gk = tree.items.find((c) => c.slug === 'zfxxgk')!;
      assert.deepEqual(tree.items.filter((c) => c.parentId === gk.id).map((c) => c.slug), ['zfwj', 'zcjd', 'rsxx', 'czxx', 'ghjh']);
      assert.equal(tree.items.find((c) => c.slug === 'zcjd')!.kind, 'interpretation');
      assert.match(tree.items.find((c) => c.slug === 'hdjl')!.linkUrl ?? '', /^https:\/\//);
      assert.deepEqual(tree.items.find((c) => c.slug === 'yaowen')!.workflow, [{ name: '初审', role: 'reviewer' }, { name: '复审', role: 'reviewer' }]);
      assert.ok(tree.items.every((c) => c.inScope && c.status === 'active'));
      const admins = (await admin.request('GET', `/api/v1/sites/${province}/columns`)).json() as TreeBody;
      assert.equal(admins.canManage, true);
      const dept = (await admin.request('GET', `/api/v1/sites/${await siteId(ctx, '3200000002')}/columns`)).json() as TreeBody;
      assert.ok(dept.items.length >= 5 && dept.items.length < tree.items.length, 'department sites get a smaller tree');
    });

    test('the site admin creates a top-level column and a child: materialised paths, kind defaults, audited', async () => {
      const parent = await created(province, { name: '新闻发布会', slug: uniqueSlug('xwfbh'), kind: 'news' });
      assert.equal(parent.path, `/${parent.id}/`);
      assert.equal(parent.parentId, null);
      assert.equal(parent.updateDays, 14, 'news: 2 weeks by default');
      assert.deepEqual(parent.workflow, [{ name: '初审', role: 'reviewer' }, { name: '复审', role: 'reviewer' }]);
      assert.equal(parent.visible, true);
      const child = await created(province, { parentId: parent.id, name: '发布会实录', slug: 'fbhsl', kind: 'notice', visible: false, workflow: [{ name: '审核', role: 'site_admin' }] });
      assert.equal(child.path, `/${parent.id}/${child.id}/`);
      assert.equal(child.updateDays, 180, 'notice: 6 months by default');
      assert.equal(child.visible, false);
      assert.deepEqual(child.workflow, [{ name: '审核', role: 'site_admin' }]);
      const ev = await lastAudit(ctx, 'columns.create');
      assert.equal(ev?.actor_name, 'siteadmin');
      assert.equal(ev?.target_id, String(child.id));
      assert.equal(JSON.parse(ev?.detail ?? '{}').parentId, parent.id);
    });

    test('slug must be unique among siblings only; a taken slug is refused naming the field', async () => {
      const res = await create(province, { name: '重复', slug: 'yaowen', kind: 'news' });
      assert.equal(res.statusCode, 409);
      const p = res.json() as Problem;
      assert.equal(p.code, 'columns.slug_taken');
      assert.match(p.detail, /yaowen/);
      assert.match(p.detail, /同级栏目/);
      assert.equal(p.errors?.[0]?.field, 'slug');
      const zwdt = await demoColumn(ctx, province, ['zwdt']);
      await created(province, { parentId: zwdt.id, name: '要闻（子栏目）', slug: 'yaowen', kind: 'news' });
      await created(nanjing, { name: '别站同名', slug: uniqueSlug('same'), kind: 'news' });
      const bad = await create(province, { name: '大写', slug: 'Bad_Slug', kind: 'news' });
      assert.equal(bad.statusCode, 400);
      assert.equal((bad.json() as Problem).code, 'columns.slug_invalid');
      assert.equal((bad.json() as Problem).errors?.[0]?.field, 'slug');
    });

    test('a top-level column may not take an address the published site uses (/art/, /files/, /json/, /assets/, /sitemaps/)', async () => {
      for (const slug of ['art', 'files', 'json', 'assets', 'sitemaps']) {
        const res = await create(province, { name: '保留', slug, kind: 'news' });
        assert.equal(res.statusCode, 409, `${slug}: ${res.body}`);
        const p = res.json() as Problem;
        assert.equal(p.code, 'columns.slug_reserved');
        assert.match(p.detail, /保留/);
        assert.equal(p.errors?.[0]?.field, 'slug');
      }
      // Below the top level the address is /<parent>/art/, which nothing else uses.
      const zwdt = await demoColumn(ctx, province, ['zwdt']);
      const child = await created(province, { parentId: zwdt.id, name: '文章', slug: 'art', kind: 'news' });
      const top = await created(province, { name: '顶层', slug: uniqueSlug('top'), kind: 'news' });
      const renamed = await admin.request('PATCH', `/api/v1/columns/${top.id}`, { slug: 'json' });
      assert.equal(renamed.statusCode, 409, renamed.body);
      assert.equal((renamed.json() as Problem).code, 'columns.slug_reserved');
      const moved = await admin.request('POST', `/api/v1/columns/${child.id}/move`, { parentId: null });
      assert.equal(moved.statusCode, 409, moved.body);
      assert.equal((moved.json() as Problem).code, 'columns.slug_reserved');
      assert.equal(Number((await columnRow(ctx, child.id)).parent_id), zwdt.id, 'the refused move changed nothing');
    });

    test('a link-out column needs an http(s) URL', async () => {
      for (const linkUrl of [undefined, null, '', 'ftp://example.gov.cn/', 'javascript:alert(1)', '/relative']) {
        const res = await create(province, { name: '外链', slug: uniqueSlug('wl'), kind: 'link', ...(linkUrl !== undefined ? { linkUrl } : {}) });
        assert.equal(res.statusCode, 400, `${String(linkUrl)}: ${res.body}`);
        const p = res.json() as Problem;
        assert.equal(p.code, 'columns.link_url_required');
        assert.match(p.detail, /外链栏目/);
        assert.equal(p.errors?.[0]?.field, 'linkUrl');
      }
      const ok = await created(province, { name: '中国政府网', slug: uniqueSlug('gov'), kind: 'link', linkUrl: 'https://www.gov.cn/' });
      assert.equal(ok.linkUrl, 'https://www.gov.cn/');
      assert.equal(ok.updateDays, null, 'a link-out has no update rule');
      const news = await created(province, { name: '非外链', slug: uniqueSlug('fw'), kind: 'news', linkUrl: 'https://www.gov.cn/' });
      assert.equal(news.linkUrl, null, 'only link-out columns keep a URL');
    });

    test('columns nest at most 5 levels', async () => {
      let parentId: number | null = null;
      for (let level = 1; level <= 5; level++) {
        const c: ColumnBody = await created(province, { ...(parentId ? { parentId } : {}), name: `第${level}级`, slug: uniqueSlug('lv'), kind: 'news' });
        assert.equal(c.path.split('/').filter(Boolean).length, level);
        parentId = c.id;
      }
      const res = await create(province, { parentId, name: '第6级', slug: uniqueSlug('lv'), kind: 'news' });
      assert.equal(res.statusCode, 400);
      const p = res.json() as Problem;
      assert.equal(p.code, 'columns.depth_exceeded');
      assert.match(p.detail, /最多 5 级/);
      assert.equal(p.errors?.[0]?.field, 'parentId');
    });

    test('a parent from another site, a deleted parent or an unknown one is refused', async () => {
      const nj = await demoColumn(ctx, nanjing, ['zwdt']);
      const res = await create(province, { parentId: nj.id, name: '跨站', slug: uniqueSlug(), kind: 'news' });
      assert.equal(res.statusCode, 400);
      assert.equal((res.json() as Problem).code, 'columns.parent_not_found');
      assert.equal((res.json() as Problem).errors?.[0]?.field, 'parentId');
      const unknown = await create(province, { parentId: 9_999_999, name: '无上级', slug: uniqueSlug(), kind: 'news' });
      assert.equal(unknown.statusCode, 400);
      const gone = await makeColumn(ctx, province);
      assert.equal((await admin.request('DELETE', `/api/v1/columns/${gone.id}`)).statusCode, 200);
      const underDeleted = await create(province, { parentId: gone.id, name: '已删上级', slug: uniqueSlug(), kind: 'news' });
      assert.equal(underDeleted.statusCode, 400);
    });

    test('the review chain takes 1–5 custom steps of reviewer or site admin; the secrecy step is never stored', async () => {
      const cases: [unknown, RegExp][] = [
        [[], /1–5 个审核步骤/],
        [Array.from({ length: 6 }, (_, i) => ({ name: `第${i}审`, role: 'reviewer' })), /1–5 个审核步骤/],
        [[{ name: '初审', role: 'reviewer' }, { name: '初审', role: 'reviewer' }], /不能重复/],
        [[{ name: '保密审查', role: 'reviewer' }], /保密审查总是最后一步/],
        [[{ name: '  ', role: 'reviewer' }], /不能为空/],
      ];
      for (const [workflow, message] of cases) {
        const res = await create(province, { name: '流程', slug: uniqueSlug('wf'), kind: 'news', workflow });
        assert.equal(res.statusCode, 400, JSON.stringify(workflow));
        const p = res.json() as Problem;
        assert.equal(p.code, 'columns.workflow_invalid');
        assert.match(p.detail, message);
        assert.equal(p.errors?.[0]?.field, 'workflow');
      }
      const secrecy = await create(province, { name: '流程', slug: uniqueSlug('wf'), kind: 'news', workflow: [{ name: '保密', role: 'secrecy_reviewer' }] });
      assert.equal(secrecy.statusCode, 400, 'secrecy_reviewer is not a custom step role');
      const three = await created(province, { name: '三审', slug: uniqueSlug('wf'), kind: 'policy', workflow: [{ name: '初审', role: 'reviewer' }, { name: '复审', role: 'reviewer' }, { name: '终审', role: 'site_admin' }] });
      assert.equal(JSON.parse((await columnRow(ctx, three.id)).workflow).length, 3);
    });

    test('update rules default per kind and are editable per column', async () => {
      const kinds = await editor.request('GET', '/api/v1/column-kinds');
      assert.equal(kinds.statusCode, 200, kinds.body);
      const body = kinds.json() as { items: { kind: string; label: string; defaultUpdateDays: number | null }[]; secrecyStep: { name: string }; maxDepth: number };
      const days = Object.fromEntries(body.items.map((k) => [k.kind, k.defaultUpdateDays]));
      assert.deepEqual(days, { news: 14, notice: 180, policy: 180, disclosure: 180, interpretation: 180, topic: null, page: null, link: null });
      assert.equal(body.items.find((k) => k.kind === 'disclosure')?.label, '信息公开目录');
      assert.equal(body.secrecyStep.name, '保密审查');
      assert.equal(body.maxDepth, 5);

      const c = await created(province, { name: '动态', slug: uniqueSlug('dt'), kind: 'news' });
      let res = await admin.request('PATCH', `/api/v1/columns/${c.id}`, { updateDays: 7 });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((res.json() as { column: ColumnBody }).column.updateDays, 7);
      res = await admin.request('PATCH', `/api/v1/columns/${c.id}`, { kind: 'notice' });
      assert.equal((res.json() as { column: ColumnBody }).column.updateDays, 180, 'a kind change without a rule takes the new kind default');
      res = await admin.request('PATCH', `/api/v1/columns/${c.id}`, { kind: 'topic', updateDays: 30 });
      assert.equal((res.json() as { column: ColumnBody }).column.updateDays, 30);
      res = await admin.request('PATCH', `/api/v1/columns/${c.id}`, { updateDays: null });
      assert.equal((res.json() as { column: ColumnBody }).column.updateDays, null);
      for (const bad of [0, 5000]) {
        res = await admin.request('PATCH', `/api/v1/columns/${c.id}`, { updateDays: bad });
        assert.equal(res.statusCode, 400);
        assert.equal((res.json() as Problem).errors?.[0]?.field, 'updateDays');
      }
      const custom = await created(province, { name: '自定', slug: uniqueSlug('zd'), kind: 'news', updateDays: 3 });
      assert.equal(custom.updateDays, 3);
      const ev = await lastAudit(ctx, 'columns.update');
      assert.deepEqual(JSON.parse(ev?.detail ?? '{}').changed, { update_days: { from: 30, to: null } });
    });

    test('PATCH edits name, visibility, workflow and comments; a link kind without URL and a sibling slug are refused', async () => {
      const c = await created(province, { name: '旧名', slug: uniqueSlug('jm'), kind: 'news' });
      const res = await admin.request('PATCH', `/api/v1/columns/${c.id}`, { name: '新名', visible: false, commentsEnabled: true, workflow: [{ name: '一审', role: 'reviewer' }], description: '说明', keywords: '关键词' });
      assert.equal(res.statusCode, 200, res.body);
      const col = (res.json() as { column: ColumnBody }).column;
      assert.deepEqual([col.name, col.visible, col.commentsEnabled, col.workflow], ['新名', false, true, [{ name: '一审', role: 'reviewer' }]]);
      const toLink = await admin.request('PATCH', `/api/v1/columns/${c.id}`, { kind: 'link' });
      assert.equal(toLink.statusCode, 400);
      assert.equal((toLink.json() as Problem).code, 'columns.link_url_required');
      const linked = await admin.request('PATCH', `/api/v1/columns/${c.id}`, { kind: 'link', linkUrl: 'http://www.jiangsu.gov.cn/x' });
      assert.equal(linked.statusCode, 200, linked.body);
      const taken = await admin.request('PATCH', `/api/v1/columns/${c.id}`, { slug: 'tzgg' });
      assert.equal(taken.statusCode, 409);
      assert.equal((taken.json() as Problem).code, 'columns.slug_taken');
      const same = await admin.request('PATCH', `/api/v1/columns/${c.id}`, { slug: c.slug });
      assert.equal(same.statusCode, 200, 'keeping its own slug is not a clash');
      const unknownField = await admin.request('PATCH', `/api/v1/columns/${c.id}`, { parentId: 1 });
      assert.equal(unknownField.statusCode, 400, 'the place in the tree changes only through move');
      assert.equal((await admin.request('PATCH', '/api/v1/columns/9999999', { name: 'x' })).statusCode, 404);
    });
  });
}
