import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import type { TestSession } from '../support/session.js';
import { fastTrackedDocument, workflowDraft } from '../support/workflow-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { LINK_CHECK_KIND } from '../../src/modules/checks/index.js';
import { saveDocument } from '../../src/modules/content/operations/save-document.js';
import { contentDeps } from '../../src/modules/content/content-deps.js';
import { getEdition } from '../../src/modules/content/index.js';
import { rejectDocument, submitDocument, workflowDeps } from '../../src/modules/workflow/index.js';
import { storeLinkCheckOutcome } from '../../src/modules/workflow/edition-link-check.js';
import { signInFresh } from './columns-fixtures.js';

interface ReviewBody { checks: { results: { rule: string; severity: string; url?: string; message: string }[] } }

/** A small web server on loopback (the test settings allow outgoing fetches there). */
async function startWeb(): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/ok') return void res.writeHead(200).end('ok');
    return void res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const SYSTEM = systemActor('link-check-test');

for (const engine of selectedEngines()) {
  describe(`the body's links are checked once a document goes to review or live [${engine}]`, () => {
    let ctx: TestContext;
    let web: Awaited<ReturnType<typeof startWeb>>;
    let reviewer: TestSession;
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 3, 0, 0));
    before(async () => {
      ctx = await createTestContext(engine, { clock });
      web = await startWeb();
      reviewer = await signInFresh(ctx, clock, ctx.accounts.reviewer!);
    });
    after(async () => {
      await web.close();
      await ctx.close();
    });

    const linkJobs = async (documentId: number) => (await ctx.platform.db.selectFrom('jobs').select(['id', 'payload']).where('kind', '=', LINK_CHECK_KIND).execute())
      .filter((j) => (JSON.parse(j.payload) as { documentId?: number }).documentId === documentId);
    const brokenIn = async (documentId: number) => ((await reviewer.request('GET', `/api/v1/documents/${documentId}/review`)).json() as ReviewBody)
      .checks.results.filter((r) => r.rule === 'broken_link');

    test('submitting queues a check in the same transaction; a dead link becomes a broken_link warning in the review view, a working one does not', async () => {
      const draft = await workflowDraft(ctx.platform, { bodyHtml: `<p>详见<a href="${web.base}/ok">附件一</a>和<a href="${web.base}/gone">附件二</a>。</p>` });
      assert.equal((await linkJobs(draft.documentId)).length, 0, 'a draft is not checked yet');
      await submitDocument({ db: ctx.platform.db, actor: SYSTEM, documentId: draft.documentId, deps: workflowDeps(ctx.platform) });
      assert.equal((await linkJobs(draft.documentId)).length, 1);
      assert.deepEqual(await brokenIn(draft.documentId), [], 'nothing before the job ran');

      await ctx.platform.jobs.runDue();
      const broken = await brokenIn(draft.documentId);
      assert.equal(broken.length, 1, JSON.stringify(broken));
      assert.equal(broken[0]!.url, `${web.base}/gone`);
      assert.equal(broken[0]!.severity, 'warn');
      assert.match(broken[0]!.message, /链接失效.*HTTP 404/);
    });

    test('a document without links to other pages queues no check; the emergency fast track queues one after publishing', async () => {
      const plain = await workflowDraft(ctx.platform, { bodyHtml: '<p>见<a href="#part2">第二部分</a>。</p><h2 id="part2">第二部分</h2>' });
      await submitDocument({ db: ctx.platform.db, actor: SYSTEM, documentId: plain.documentId, deps: workflowDeps(ctx.platform) });
      assert.equal((await linkJobs(plain.documentId)).length, 0, 'a link within the page is not checked');

      const fast = await fastTrackedDocument(ctx.platform, { bodyHtml: `<p>见<a href="${web.base}/missing">通知</a></p>` });
      assert.equal((await linkJobs(fast.documentId)).length, 1);
      await ctx.platform.jobs.runDue();
      assert.deepEqual((await brokenIn(fast.documentId)).map((r) => r.url), [`${web.base}/missing`]);
    });

    test('an edited body drops the findings of links it no longer has, a check of the old body is dropped, and the new check replaces them', async () => {
      const oldBody = `<p><a href="${web.base}/old-dead">旧链接</a></p>`;
      const draft = await workflowDraft(ctx.platform, { bodyHtml: oldBody });
      const deps = workflowDeps(ctx.platform);
      await submitDocument({ db: ctx.platform.db, actor: SYSTEM, documentId: draft.documentId, deps });
      await ctx.platform.jobs.runDue();
      assert.equal((await brokenIn(draft.documentId)).length, 1);

      // Sent back, the link fixed, submitted again.
      await rejectDocument({ db: ctx.platform.db, actor: SYSTEM, documentId: draft.documentId, input: { step: 0, reason: '链接失效，请修改' }, deps });
      const edition = await getEdition(ctx.platform.db, draft.editionId);
      await saveDocument({
        db: ctx.platform.db, actor: SYSTEM, documentId: draft.documentId, deps: contentDeps(ctx.platform),
        input: { lockVersion: edition!.lockVersion, bodyHtml: `<p><a href="${web.base}/ok#part2">新链接</a></p>` },
      });
      await submitDocument({ db: ctx.platform.db, actor: SYSTEM, documentId: draft.documentId, deps });
      assert.deepEqual(await brokenIn(draft.documentId), [], 'the old link\'s finding went with the link');

      // A check of the old body finishing late changes nothing.
      await storeLinkCheckOutcome({
        db: ctx.platform.db, payload: { documentId: draft.documentId, editionId: draft.editionId, urls: [`${web.base}/old-dead`], bodyHtml: oldBody },
        outcome: { checked: 1, broken: [], results: [{ rule: 'broken_link', severity: 'warn', field: 'body', start: 0, end: 3, url: `${web.base}/old-dead`, excerpt: '旧链接', message: '链接失效', messageEn: 'Broken link' }] },
      });
      const stored = await getEdition(ctx.platform.db, draft.editionId);
      assert.ok(!(stored!.checks as { rule: string }[]).some((r) => r.rule === 'broken_link'), JSON.stringify(stored!.checks));

      await ctx.platform.jobs.runDue();
      assert.deepEqual(await brokenIn(draft.documentId), [], 'the new link works');
    });
  });
}
