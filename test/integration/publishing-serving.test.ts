/**
 * Publishing and delivery together: a published page is served by Host from the page store,
 * a tampered file is never sent (the publishing repairer re-renders it), and a withdrawn
 * document answers 410 on its page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { articlePath, getDocument } from '../../src/modules/content/index.js';
import { withdrawDocument, workflowDeps } from '../../src/modules/workflow/index.js';
import { pageStoreFor } from '../../src/modules/publishing/index.js';
import { PROVINCE_PORTAL_CODE, publishedDocument } from '../support/workflow-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`published pages served by Host [${engine}]`, () => {
    let ctx: TestContext;
    const host = `${PROVINCE_PORTAL_CODE}.localhost`;
    before(async () => { ctx = await createTestContext(engine); });
    after(async () => ctx?.close());

    const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: { host } });

    test('publish → served; tamper on disk → still the genuine page, file restored; withdraw → 410', async () => {
      const { documentId } = await publishedDocument(ctx.platform, { title: '关于做好防汛工作的紧急通知' });
      await ctx.platform.jobs.runDue();
      const path = articlePath(documentId, (await getDocument(ctx.platform.db, documentId))!.firstPublishedAt!);
      const first = await get(path);
      assert.equal(first.statusCode, 200);
      assert.match(first.body, /关于做好防汛工作的紧急通知/);
      assert.ok(first.headers.etag);

      // 繁體: the visitor's choice (cookie) gets the traditional variant, made once and stored signed.
      const hant = await ctx.app.inject({ method: 'GET', url: path, headers: { host, cookie: 'jy_script=hant' } });
      assert.equal(hant.statusCode, 200);
      assert.match(hant.body, /關於做好防汛工作的緊急通知/);
      assert.match(hant.body, /<html lang="zh-Hant"/);
      assert.match(String(hant.headers.vary), /Cookie/);
      const hantFile = path.replace(/\.html$/, '.zh-hant.html');
      assert.equal((await pageStoreFor(ctx.platform).manifest(PROVINCE_PORTAL_CODE)).entries.get(hantFile)?.status, 200);
      assert.match((await get(path)).body, /关于做好防汛工作的紧急通知/, 'others still get simplified characters');

      const file = pageStoreFor(ctx.platform).filePath(PROVINCE_PORTAL_CODE, path);
      fs.writeFileSync(file, '<html><body>已被篡改 hacked</body></html>');
      // Variants too, so no encoding can slip the forged bytes out.
      for (const v of ['gzip', 'br'] as const) {
        const f = pageStoreFor(ctx.platform).filePath(PROVINCE_PORTAL_CODE, path, v);
        if (fs.existsSync(f)) fs.writeFileSync(f, 'forged');
      }
      for (const enc of ['identity', 'gzip', 'br']) {
        const res = await ctx.app.inject({ method: 'GET', url: path, headers: { host, 'accept-encoding': enc } });
        assert.equal(res.statusCode, 200);
        assert.doesNotMatch(res.rawPayload.toString('latin1'), /hacked|forged/);
      }
      const again = await get(path);
      assert.match(again.body, /关于做好防汛工作的紧急通知/);
      assert.equal(again.body, first.body, 'byte-identical to the genuine page');
      assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /hacked/, 'the file on disk was re-rendered');

      await withdrawDocument({ db: ctx.platform.db, actor: systemActor('t'), documentId, input: { reason: '信息有误', showPublicly: true }, deps: workflowDeps(ctx.platform) });
      await ctx.platform.jobs.runDue();
      assert.equal((await pageStoreFor(ctx.platform).manifest(PROVINCE_PORTAL_CODE)).entries.get(hantFile), undefined, 'rewriting the page dropped its stale variant');
      const gone = await get(path);
      assert.equal(gone.statusCode, 410);
      assert.match(gone.body, /该信息已撤稿/);
      assert.doesNotMatch(gone.body, /防汛工作的紧急通知/);
    });
  });
}

for (const engine of selectedEngines()) {
  describe(`preview of an unpublished edition as it will render [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => { ctx = await createTestContext(engine); });
    after(async () => ctx?.close());

    test('staff in scope see the draft in the site theme, never cached; others and the public do not', async () => {
      const { signIn } = await import('../support/session.js');
      const { workflowDraft } = await import('../support/workflow-fixtures.js');
      const draft = await workflowDraft(ctx.platform, { title: '尚未发布的征求意见稿', bodyHtml: '<p>草稿正文内容</p>' });
      const editor = await signIn(ctx.app, ctx.accounts.editor!);
      const res = await editor.request('GET', `/api/v1/documents/${draft.documentId}/rendered`);
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.equal(res.headers['cache-control'], 'private, no-store');
      assert.match(res.body, /尚未发布的征求意见稿/);
      assert.match(res.body, /草稿正文内容/);
      assert.match(res.body, /预览（未发布/);
      assert.match(res.body, /网站标识码：3200000001/, 'the real site footer');
      const nj = await signIn(ctx.app, ctx.accounts.nj_editor!);
      assert.equal((await nj.request('GET', `/api/v1/documents/${draft.documentId}/rendered`)).statusCode, 404);
      assert.equal((await ctx.app.inject({ method: 'GET', url: `/api/v1/documents/${draft.documentId}/rendered` })).statusCode, 401);
    });
  });
}
