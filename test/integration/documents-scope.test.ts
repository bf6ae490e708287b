import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ensureTestSite, insertTestColumn, multipartFile, SAMPLE_FILES, testColumnFor } from '../support/content-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createUser } from '../../src/platform/identity/operations/manage-users.js';
import { identityDeps } from '../../src/platform/identity/identity-deps.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { getOrgByCode } from '../../src/platform/identity/orgs.repo.js';

interface Created { document: { id: number }; edition: { id: number; lockVersion: number } }

const RUNS = Number(process.env.JIYUE_FUZZ_RUNS ?? 60);

for (const engine of selectedEngines()) {
  describe(`staff of one site never read or change another site's drafts by guessing ids [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    let province: TestSession;
    let nanjing: TestSession;
    let provincialColumn = 0;
    const provincial: { docId: number; editionId: number; attachmentId: number }[] = [];
    let nanjingDoc = 0;

    /** Everything a snooper could alter, to compare before and after. */
    const snapshot = async () => ({
      documents: await ctx.platform.db.selectFrom('documents').select(['id', 'status', 'current_edition_id', 'updated_at']).where('site_id', '!=', -1).orderBy('id').execute(),
      editions: await ctx.platform.db.selectFrom('document_editions').select(['id', 'lock_version', 'title', 'status']).orderBy('id').execute(),
      attachments: await ctx.platform.db.selectFrom('attachments').select(['id', 'edition_id']).orderBy('id').execute(),
    });

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      province = await signIn(ctx.app, ctx.accounts.editor!, clock);
      nanjing = await signIn(ctx.app, ctx.accounts.nj_editor!, clock);
      provincialColumn = (await testColumnFor(ctx.platform.db, '320000')).id;
      for (let i = 0; i < 3; i++) {
        const c = (await province.request('POST', '/api/v1/documents', { columnId: provincialColumn, kind: 'policy', title: `省级草稿${i}`, bodyHtml: '<p>未公开内容</p>' })).json() as Created;
        const { payload, headers } = multipartFile(`附件${i}.pdf`, SAMPLE_FILES.pdf);
        const a = (await province.request('POST', `/api/v1/documents/${c.document.id}/attachments`, payload, headers)).json() as { attachment: { id: number } };
        provincial.push({ docId: c.document.id, editionId: c.edition.id, attachmentId: a.attachment.id });
      }
      const njColumn = (await testColumnFor(ctx.platform.db, '320100')).id;
      const nj = await nanjing.request('POST', '/api/v1/documents', { columnId: njColumn, kind: 'notice', title: '南京草稿' });
      assert.equal(nj.statusCode, 201, nj.body);
      nanjingDoc = (nj.json() as Created).document.id;
    });
    after(async () => { await ctx.close(); });

    test('the Nanjing editor lists only Nanjing documents; the provincial editor sees both', async () => {
      const mine = (await nanjing.request('GET', '/api/v1/documents?limit=100')).json() as { items: { id: number }[] };
      assert.ok(mine.items.some((d) => d.id === nanjingDoc));
      assert.ok(!mine.items.some((d) => provincial.some((p) => p.docId === d.id)), 'no provincial draft in the Nanjing list');
      const all = (await province.request('GET', '/api/v1/documents?limit=100')).json() as { items: { id: number }[] };
      assert.ok(provincial.every((p) => all.items.some((d) => d.id === p.docId)) && all.items.some((d) => d.id === nanjingDoc));
      const filtered = (await nanjing.request('GET', `/api/v1/documents?columnId=${provincialColumn}`)).json() as { items: unknown[] };
      assert.deepEqual(filtered.items, [], 'a filter on a foreign column does not widen the scope');
    });

    test('property: random ids and actions by the Nanjing editor never succeed on provincial drafts and reveal nothing', async () => {
      const before = await snapshot();
      const maxId = provincial.reduce((m, p) => Math.max(m, p.docId, p.editionId, p.attachmentId), 0) + 3;
      const id = fc.oneof(fc.integer({ min: 1, max: maxId }), fc.constantFrom(...provincial.flatMap((p) => [p.docId, p.editionId, p.attachmentId])), fc.integer({ min: 1, max: 2 ** 31 }));
      const action = fc.oneof(
        fc.record({ kind: fc.constant('read' as const), id }),
        fc.record({ kind: fc.constant('editions' as const), id }),
        fc.record({ kind: fc.constant('diff' as const), id, from: id, to: id }),
        fc.record({ kind: fc.constant('save' as const), id, lockVersion: fc.integer({ min: 1, max: 5 }) }),
        fc.record({ kind: fc.constant('upload' as const), id }),
        fc.record({ kind: fc.constant('download' as const), id }),
        fc.record({ kind: fc.constant('deleteAttachment' as const), id }),
        fc.record({ kind: fc.constant('create' as const), id: fc.constantFrom(provincialColumn) }),
      );
      await fc.assert(fc.asyncProperty(action, async (a) => {
        if (a.id === nanjingDoc && a.kind !== 'create') return; // the editor's own document is not a guess
        let res;
        switch (a.kind) {
          case 'read': res = await nanjing.request('GET', `/api/v1/documents/${a.id}`); break;
          case 'editions': res = await nanjing.request('GET', `/api/v1/documents/${a.id}/editions`); break;
          case 'diff': res = await nanjing.request('GET', `/api/v1/documents/${a.id}/diff?from=${a.from}&to=${a.to}`); break;
          case 'save': res = await nanjing.request('PATCH', `/api/v1/documents/${a.id}`, { lockVersion: a.lockVersion, title: '被篡改' }); break;
          case 'upload': {
            const { payload, headers } = multipartFile('x.pdf', SAMPLE_FILES.pdf);
            res = await nanjing.request('POST', `/api/v1/documents/${a.id}/attachments`, payload, headers);
            break;
          }
          case 'download': res = await nanjing.request('GET', `/api/v1/attachments/${a.id}/download`); break;
          case 'deleteAttachment': res = await nanjing.request('DELETE', `/api/v1/attachments/${a.id}`); break;
          case 'create': res = await nanjing.request('POST', '/api/v1/documents', { columnId: a.id, kind: 'notice', title: '越权' }); break;
        }
        if (a.kind === 'create') {
          assert.equal(res.statusCode, 403, res.body);
          return;
        }
        // Existing and missing ids answer alike: 404 with the same code.
        assert.equal(res.statusCode, 404, `${JSON.stringify(a)} → ${res.statusCode} ${res.body}`);
        const code = (res.json() as { code: string }).code;
        assert.ok(code === 'content.document.not_found' || code === 'content.attachment.not_found', code);
        assert.doesNotMatch(res.body, /省级草稿|未公开内容|附件\d\.pdf/);
      }), { numRuns: RUNS, seed: 20_261_126 });
      assert.deepEqual(await snapshot(), before, 'nothing changed');
    });

    test('the issuing organization (orgId) must be one the editor writes for: the province’s is refused, a Nanjing office accepted', async () => {
      const njColumn = (await testColumnFor(ctx.platform.db, '320100')).id;
      const js = (await getOrgByCode(ctx.platform.db, '320000'))!;
      const njOffice = (await getOrgByCode(ctx.platform.db, '320100-bgt'))!;
      const counters = () => ctx.platform.db.selectFrom('index_number_counters').select(['org_id', 'year', 'last_value']).orderBy('org_id').orderBy('year').execute();
      const before = { docs: await snapshot(), counters: await counters() };
      const refused = await nanjing.request('POST', '/api/v1/documents', { columnId: njColumn, kind: 'notice', title: '冒用省政府名义', orgId: js.id });
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal((refused.json() as { code: string }).code, 'content.org.out_of_scope');
      assert.match((refused.json() as { detail: string }).detail, /江苏省人民政府/);
      assert.deepEqual({ docs: await snapshot(), counters: await counters() }, before, 'no document and no index number used up');
      const own = await nanjing.request('POST', '/api/v1/documents', { columnId: njColumn, kind: 'notice', title: '南京市办公厅发文', orgId: njOffice.id });
      assert.equal(own.statusCode, 201, own.body);
      const made = (await ctx.platform.db.selectFrom('documents').select('org_id').where('id', '=', (own.json() as Created).document.id).executeTakeFirstOrThrow());
      assert.equal(Number(made.org_id), njOffice.id);

      // An editor granted the Nanjing site only (no organization): the site owner's own offices, yes; the province, no.
      const { siteId: njSite } = await ensureTestSite(ctx.platform.db, '320100');
      const { user, initialPassword } = await createUser({ db: ctx.platform.db, actor: systemActor('test'), input: { username: 'njSiteEditor', displayName: '网站编辑', orgId: njOffice.id }, deps: identityDeps(ctx.platform) });
      await ctx.platform.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
      await ctx.platform.db.insertInto('role_grants').values({ user_id: user.id, role: 'editor', scope_type: 'site', scope_id: njSite, granted_by: null, granted_at: 0 }).execute();
      const siteEditor = await signIn(ctx.app, { username: 'njSiteEditor', password: initialPassword, totpSecret: null }, clock);
      assert.equal((await siteEditor.request('POST', '/api/v1/documents', { columnId: njColumn, kind: 'notice', title: '办公厅发文', orgId: njOffice.id })).statusCode, 201);
      const foreign = await siteEditor.request('POST', '/api/v1/documents', { columnId: njColumn, kind: 'notice', title: '省政府发文', orgId: js.id });
      assert.equal(foreign.statusCode, 403, foreign.body);
      assert.equal((foreign.json() as { code: string }).code, 'content.org.out_of_scope');
    });

    test('a column-scoped editor reaches documents in that column subtree only', async () => {
      const { siteId } = await ensureTestSite(ctx.platform.db, '320000');
      const parent = await insertTestColumn(ctx.platform.db, { siteId });
      const child = await insertTestColumn(ctx.platform.db, { siteId, parentId: parent.id });
      const inChild = (await province.request('POST', '/api/v1/documents', { columnId: child.id, kind: 'notice', title: '子栏目稿件' })).json() as Created;
      const org = (await getOrgByCode(ctx.platform.db, '320000-bgt'))!;
      const { user, initialPassword } = await createUser({ db: ctx.platform.db, actor: systemActor('test'), input: { username: 'colEditor', displayName: '栏目编辑', orgId: org.id }, deps: identityDeps(ctx.platform) });
      await ctx.platform.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
      await ctx.platform.db.insertInto('role_grants').values({ user_id: user.id, role: 'editor', scope_type: 'column', scope_id: parent.id, granted_by: null, granted_at: 0 }).execute();
      const colEditor = await signIn(ctx.app, { username: 'colEditor', password: initialPassword, totpSecret: null }, clock);
      const list = (await colEditor.request('GET', '/api/v1/documents?limit=100')).json() as { items: { id: number }[] };
      assert.deepEqual(list.items.map((d) => d.id), [inChild.document.id]);
      assert.equal((await colEditor.request('GET', `/api/v1/documents/${inChild.document.id}`)).statusCode, 200);
      assert.equal((await colEditor.request('PATCH', `/api/v1/documents/${inChild.document.id}`, { lockVersion: 1, title: '改' })).statusCode, 200);
      assert.equal((await colEditor.request('GET', `/api/v1/documents/${provincial[0]!.docId}`)).statusCode, 404);
      const created = await colEditor.request('POST', '/api/v1/documents', { columnId: provincialColumn, kind: 'notice', title: '越权' });
      assert.equal(created.statusCode, 403);
      assert.equal((created.json() as { code: string }).code, 'content.column.out_of_scope');
    });

    test('someone who may read a document but not write there gets 403 naming the permission', async () => {
      const nj = (await getOrgByCode(ctx.platform.db, '320100'))!;
      const js = (await getOrgByCode(ctx.platform.db, '320000'))!;
      const { user, initialPassword } = await createUser({ db: ctx.platform.db, actor: systemActor('test'), input: { username: 'mixedRoles', displayName: '兼职人员', orgId: nj.id }, deps: identityDeps(ctx.platform) });
      await ctx.platform.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
      await ctx.platform.db.insertInto('role_grants').values([
        { user_id: user.id, role: 'editor', scope_type: 'org', scope_id: nj.id, granted_by: null, granted_at: 0 },
        { user_id: user.id, role: 'reviewer', scope_type: 'org', scope_id: js.id, granted_by: null, granted_at: 0 },
      ]).execute();
      const mixed = await signIn(ctx.app, { username: 'mixedRoles', password: initialPassword, totpSecret: null }, clock);
      assert.equal((await mixed.request('GET', `/api/v1/documents/${provincial[0]!.docId}`)).statusCode, 200);
      const write = await mixed.request('PATCH', `/api/v1/documents/${provincial[0]!.docId}`, { lockVersion: 1, title: 'x' });
      assert.equal(write.statusCode, 403);
      assert.equal((write.json() as { code: string; detail: string }).code, 'content.document.out_of_scope');
      assert.match((write.json() as { detail: string }).detail, /撰写稿件/);
    });
  });
}
