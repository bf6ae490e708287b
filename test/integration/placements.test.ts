/**
 * One resource library across sites: a published document placed into another site's column
 * by reference (one source, decided by the receiving column's reviewer) or by copy (a new draft
 * of the receiving site, independent from then on), always with its origin.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import { columnsDeps, createColumn } from '../../src/modules/columns/index.js';
import { acceptedReferencesInColumn, referencingColumns } from '../../src/modules/content/index.js';
import { contentDeps } from '../../src/modules/content/content-deps.js';
import { placeDocument } from '../../src/modules/content/placements/place-document.js';
import { saveDocument } from '../../src/modules/content/operations/save-document.js';
import { createNextEdition } from '../../src/modules/content/index.js';
import { NANJING_PORTAL_CODE, publishedDocument, workflowColumn, workflowDraft } from '../support/workflow-fixtures.js';

interface Placement { id: number; documentId: number; originDocumentId: number; siteId: number; columnId: number; mode: string; status: string }

for (const engine of selectedEngines()) {
  describe(`resource library across sites [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    let editor: TestSession; // province-wide editor
    let njEditor: TestSession; // editor of the Nanjing portal only
    let reviewer: TestSession;
    let nanjingSiteId = 0;

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      editor = await signIn(ctx.app, ctx.accounts.editor!, clock);
      njEditor = await signIn(ctx.app, ctx.accounts.nj_editor!, clock);
      reviewer = await signIn(ctx.app, ctx.accounts.reviewer!, clock);
      nanjingSiteId = (await getSiteByCode(ctx.platform.db, NANJING_PORTAL_CODE))!.id;
    });
    after(async () => ctx?.close());

    const njColumn = async () => (await workflowColumn(ctx.platform, { siteCode: NANJING_PORTAL_CODE })).id;
    const place = (s: TestSession, sourceId: number, columnId: number, mode: 'reference' | 'copy') =>
      s.request('POST', `/api/v1/documents/${sourceId}/placements`, { columnId, mode });

    test('a reference waits for the receiving reviewer, then shows the source in that column', async () => {
      const source = await publishedDocument(ctx.platform);
      const column = await njColumn();
      const res = await place(njEditor, source.documentId, column, 'reference');
      assert.equal(res.statusCode, 201, res.body);
      const p = (res.json() as { placement: Placement }).placement;
      assert.deepEqual([p.mode, p.status, p.documentId, p.originDocumentId, p.siteId], ['reference', 'pending', source.documentId, source.documentId, nanjingSiteId]);
      assert.deepEqual(await acceptedReferencesInColumn(ctx.platform.db, column), [], 'not shown before the receiving site accepts');

      // The requester cannot accept their own request (nj_editor is not a reviewer anyway: 403 by role).
      assert.equal((await njEditor.request('POST', `/api/v1/placements/${p.id}/accept`, {})).statusCode, 403);
      const pending = await reviewer.request('GET', `/api/v1/placements?status=pending&siteId=${nanjingSiteId}`);
      const listed = (pending.json() as { items: (Placement & { originTitle: string; originSiteName: string })[] }).items.find((i) => i.id === p.id);
      assert.ok(listed, 'listed in the receiving site\'s queue');
      assert.equal(listed.originSiteName, '江苏省人民政府');
      assert.match(listed.originTitle, /通知/);

      const accepted = await reviewer.request('POST', `/api/v1/placements/${p.id}/accept`, {});
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal((accepted.json() as { placement: Placement }).placement.status, 'accepted');
      assert.deepEqual((await acceptedReferencesInColumn(ctx.platform.db, column)).map((r) => r.documentId), [source.documentId]);
      assert.deepEqual(await referencingColumns(ctx.platform.db, source.documentId), [{ siteId: nanjingSiteId, columnId: column }]);

      const again = await reviewer.request('POST', `/api/v1/placements/${p.id}/accept`, {});
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'content.placement.not_pending');

      const audit = await ctx.platform.db.selectFrom('audit_events').select('action').where('target_id', '=', String(source.documentId)).execute();
      assert.ok(audit.some((a) => a.action === 'content.placement.create') && audit.some((a) => a.action === 'content.placement.accept'));

      // Removing it takes it out of the column again.
      assert.equal((await njEditor.request('POST', `/api/v1/placements/${p.id}/remove`, {})).statusCode, 200);
      assert.deepEqual(await acceptedReferencesInColumn(ctx.platform.db, column), []);
    });

    test('nobody decides on a placement they requested; declining needs a reason', async () => {
      const source = await publishedDocument(ctx.platform);
      const column = await njColumn();
      const p = ((await place(reviewer, source.documentId, column, 'reference')).json() as { placement?: Placement }).placement;
      // The demo reviewer holds no documents.write: placing is an editor's act.
      assert.equal(p, undefined);
      const siteAdmin = await signIn(ctx.app, ctx.accounts.siteadmin!, clock);
      const mine = await place(siteAdmin, source.documentId, column, 'reference');
      assert.equal(mine.statusCode, 201, mine.body);
      const id = (mine.json() as { placement: Placement }).placement.id;
      const self = await siteAdmin.request('POST', `/api/v1/placements/${id}/accept`, {});
      assert.equal(self.statusCode, 403);
      assert.equal(self.json().code, 'content.placement.self_decision');
      const noReason = await reviewer.request('POST', `/api/v1/placements/${id}/decline`, { reason: '  ' });
      assert.equal(noReason.statusCode, 400);
      assert.equal(noReason.json().errors[0].field, 'reason');
      const declined = await reviewer.request('POST', `/api/v1/placements/${id}/decline`, { reason: '与本栏目定位不符' });
      assert.equal(declined.statusCode, 200, declined.body);
      assert.equal((declined.json() as { placement: { status: string; note: string } }).placement.note, '与本栏目定位不符');
      // Declined: the column is free again for a new request.
      assert.equal((await place(njEditor, source.documentId, column, 'reference')).statusCode, 201);
    });

    test('a copy is a new draft of the receiving site, with its own index number, the source\'s attachments and its origin', async () => {
      const source = await publishedDocument(ctx.platform);
      // An attachment on the published edition (row only: the copy shares the stored file).
      await ctx.platform.db.insertInto('attachments').values({
        document_id: source.documentId, edition_id: source.editionId, original_name: '实施细则.pdf', stored_name: '2026/11/fixture.pdf', mime: 'application/pdf',
        ext: 'pdf', size: 1234, sm3: '0'.repeat(64), extracted_text: null, created_by: 0, created_at: clock.now(),
      }).execute();
      const column = await njColumn();
      const res = await place(njEditor, source.documentId, column, 'copy');
      assert.equal(res.statusCode, 201, res.body);
      const p = (res.json() as { placement: Placement }).placement;
      assert.equal(p.status, 'accepted');
      assert.notEqual(p.documentId, source.documentId);
      const copy = (await njEditor.request('GET', `/api/v1/documents/${p.documentId}`)).json() as {
        document: { siteId: number; status: string; indexNumber: string }; edition: { title: string; source: string; issuingOrgName: string; bodyHtml: string };
      };
      const original = (await editor.request('GET', `/api/v1/documents/${source.documentId}`)).json() as { document: { indexNumber: string }; edition: { title: string; source: string; issuingOrgName: string; bodyHtml: string } };
      assert.equal(copy.document.siteId, nanjingSiteId);
      assert.equal(copy.document.status, 'draft', 'the copy goes through the receiving site\'s own review');
      assert.equal(copy.edition.title, original.edition.title);
      assert.equal(copy.edition.bodyHtml, original.edition.bodyHtml);
      assert.equal(copy.edition.issuingOrgName, original.edition.issuingOrgName);
      assert.notEqual(copy.document.indexNumber, original.document.indexNumber);
      assert.match(copy.document.indexNumber, /^[0-9A-Z]{9,18}\/\d{4}-\d{5}$/);
      const copied = await ctx.platform.db.selectFrom('attachments').select(['document_id', 'stored_name', 'original_name']).where('document_id', '=', p.documentId).execute();
      assert.deepEqual(copied.map((a) => [Number(a.document_id), a.stored_name, a.original_name]), [[p.documentId, '2026/11/fixture.pdf', '实施细则.pdf']]);
      const origin = (await njEditor.request('GET', `/api/v1/documents/${p.documentId}/placements`)).json() as { origin: { originDocumentId: number; originSiteName: string } };
      assert.equal(origin.origin.originDocumentId, source.documentId);
      assert.equal(origin.origin.originSiteName, '江苏省人民政府');
      const fromSource = (await editor.request('GET', `/api/v1/documents/${source.documentId}/placements`)).json() as { placements: Placement[] };
      assert.deepEqual(fromSource.placements.map((x) => [x.mode, x.documentId]), [['copy', p.documentId]]);

      // Independent from then on: editing the copy leaves the source alone.
      const copyEdition = (await njEditor.request('GET', `/api/v1/documents/${p.documentId}`)).json() as { edition: { lockVersion: number } };
      assert.equal((await njEditor.request('PATCH', `/api/v1/documents/${p.documentId}`, { lockVersion: copyEdition.edition.lockVersion, title: '南京转载稿' })).statusCode, 200);
      assert.equal(((await editor.request('GET', `/api/v1/documents/${source.documentId}`)).json() as { edition: { title: string } }).edition.title, original.edition.title);
      // A copy is withdrawn as a document, never "removed" as a placement.
      const remove = await njEditor.request('POST', `/api/v1/placements/${p.id}/remove`, {});
      assert.equal(remove.statusCode, 409);
      assert.equal(remove.json().code, 'content.placement.copy_is_document');
    });

    test('drafts of other sites are invisible to the library and cannot be placed', async () => {
      const draft = await workflowDraft(ctx.platform, { title: '省级草稿不可见' });
      const column = await njColumn();
      const res = await place(njEditor, draft.documentId, column, 'reference');
      assert.equal(res.statusCode, 404, 'same answer as a missing document');
      assert.equal(res.json().code, 'content.document.not_found');
      // Someone who can read it learns why it cannot be placed.
      const own = await place(editor, draft.documentId, column, 'copy');
      assert.equal(own.statusCode, 409);
      assert.equal(own.json().code, 'content.placement.source_not_published');
      const lib = (await njEditor.request('GET', `/api/v1/library?q=${encodeURIComponent('省级草稿不可见')}`)).json() as { items: unknown[] };
      assert.deepEqual(lib.items, []);
    });

    test('the library shows the published title, not a newer draft\'s', async () => {
      const source = await publishedDocument(ctx.platform, { title: '资源库公开标题' });
      const next = await ctx.platform.db.transaction().execute((trx) => createNextEdition(trx, { documentId: source.documentId, actor: systemActor('t'), now: clock.now() }));
      await saveDocument({ db: ctx.platform.db, actor: systemActor('t'), documentId: source.documentId, input: { lockVersion: next.lockVersion, title: '资源库草稿标题' }, deps: contentDeps(ctx.platform) });
      const lib = (await njEditor.request('GET', `/api/v1/library?q=${encodeURIComponent('资源库')}`)).json() as { items: { id: number; title: string; status: string }[] };
      assert.deepEqual(lib.items.filter((i) => i.id === source.documentId).map((i) => i.title), ['资源库公开标题']);
      assert.ok(lib.items.every((i) => i.status === 'published'));
    });

    test('bad placements: same column, twice, link-out column, out of scope, unknown column', async () => {
      const source = await publishedDocument(ctx.platform);
      const same = await place(editor, source.documentId, source.columnId, 'reference');
      assert.equal(same.json().code, 'content.placement.same_column');
      const column = await njColumn();
      assert.equal((await place(njEditor, source.documentId, column, 'reference')).statusCode, 201);
      const twice = await place(njEditor, source.documentId, column, 'copy');
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.json().code, 'content.placement.duplicate');
      assert.match(twice.json().detail, /引用/);
      const link = await createColumn({
        db: ctx.platform.db, actor: systemActor('t'), siteId: nanjingSiteId, deps: columnsDeps(ctx.platform),
        input: { name: '外链栏目', slug: `pl${Date.now().toString(36)}`, kind: 'link', linkUrl: 'https://www.gov.cn/' },
      });
      const linked = await place(njEditor, source.documentId, link.id, 'reference');
      assert.equal(linked.statusCode, 400);
      assert.equal(linked.json().code, 'content.column.not_for_documents');
      // nj_editor may not write on the provincial portal.
      const provincial = await workflowColumn(ctx.platform);
      const scope = await place(njEditor, source.documentId, provincial.id, 'reference');
      assert.equal(scope.statusCode, 403);
      assert.equal(scope.json().code, 'content.placement.out_of_scope');
      assert.equal((await place(njEditor, source.documentId, 99_999_999, 'reference')).statusCode, 400);
      assert.equal((await place(njEditor, source.documentId, column, 'link' as 'copy')).statusCode, 400);
      assert.equal((await njEditor.request('GET', '/api/v1/placements?cursor=%25%25')).statusCode, 400);
    });

    test('two editors placing the same document into the same column at once: one placement', async () => {
      const source = await publishedDocument(ctx.platform);
      const column = await njColumn();
      const deps = contentDeps(ctx.platform);
      const results = await Promise.allSettled(Array.from({ length: 4 }, () =>
        placeDocument({ db: ctx.platform.db, actor: systemActor('race'), sourceId: source.documentId, input: { columnId: column, mode: 'copy' }, deps })));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const rows = await ctx.platform.db.selectFrom('placements').select('id').where('origin_document_id', '=', source.documentId).execute();
      assert.equal(rows.length, 1);
      const copies = await ctx.platform.db.selectFrom('documents').select('id').where('column_id', '=', column).execute();
      assert.equal(copies.length, 1, 'the losers left no copy behind');
    });
  });
}
