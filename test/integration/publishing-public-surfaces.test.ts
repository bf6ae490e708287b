/**
 * Property: over random document lifecycles, nothing that is not public — a draft, an edition
 * in review, one scheduled but not yet due, a withdrawn one, a newer draft of a published
 * document — is reachable through any public surface: article pages, column lists, the home
 * page, feeds, sitemaps, the JSON API and attachment URLs. And what is public is there.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { ManualClock } from '../../src/platform/clock.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { articlePath, createNextEdition, getDocument } from '../../src/modules/content/index.js';
import { contentDeps } from '../../src/modules/content/content-deps.js';
import { saveDocument } from '../../src/modules/content/operations/save-document.js';
import { approveDocument, scheduleDocument, submitDocument, withdrawDocument, workflowDeps } from '../../src/modules/workflow/index.js';
import { pageStoreFor, publishingDeps, rebuildSite } from '../../src/modules/publishing/index.js';
import { ONE_STEP, PROVINCE_PORTAL_CODE, workflowColumn, workflowDraft } from '../support/workflow-fixtures.js';

const RUNS = Number(process.env.JIYUE_FUZZ_RUNS ?? 8);
const SYSTEM = systemActor('surface-property');
type Action = 'submit' | 'publish' | 'schedule' | 'withdraw' | 'edit' | 'work';

interface Doc {
  id: number;
  /** Token in the title of the edition the public may see (null: none). */
  publicToken: string | null;
  /** Tokens of every other edition (drafts, in review, scheduled, withdrawn, superseded): never public. */
  hidden: Set<string>;
  current: string;
}

for (const engine of selectedEngines()) {
  describe(`no unpublished content on any public surface [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 1, 0, 0));
    const host = `${PROVINCE_PORTAL_CODE}.localhost`;
    let counter = 0;
    before(async () => { ctx = await createTestContext(engine, { clock }); });
    after(async () => ctx?.close());

    const wf = () => workflowDeps(ctx.platform);
    const token = () => `ZQ${(counter++).toString(36).toUpperCase()}Y`;

    async function apply(doc: Doc, action: Action): Promise<void> {
      // The worker runs at random moments between editorial actions, as in production.
      if (action === 'work') { await ctx.platform.jobs.runDue(); return; }
      const d = (await getDocument(ctx.platform.db, doc.id))!;
      const edition = await ctx.platform.db.selectFrom('document_editions').select(['status', 'lock_version']).where('id', '=', d.currentEditionId).executeTakeFirstOrThrow();
      const approveAll = async () => {
        for (let step = 0; step < ONE_STEP.length + 1; step++) await approveDocument({ db: ctx.platform.db, actor: SYSTEM, documentId: doc.id, input: { step }, deps: wf() });
      };
      if (action === 'submit' && edition.status === 'draft') {
        await submitDocument({ db: ctx.platform.db, actor: SYSTEM, documentId: doc.id, deps: wf() });
      } else if (action === 'publish' && (edition.status === 'draft' || edition.status === 'in_review')) {
        if (edition.status === 'draft') await submitDocument({ db: ctx.platform.db, actor: SYSTEM, documentId: doc.id, deps: wf() });
        await approveAll();
        const after = (await getDocument(ctx.platform.db, doc.id))!;
        if (after.status === 'published') {
          if (doc.publicToken) doc.hidden.add(doc.publicToken);
          doc.publicToken = doc.current;
          doc.hidden.delete(doc.current);
        }
      } else if (action === 'schedule' && edition.status === 'draft') {
        await scheduleDocument({ db: ctx.platform.db, actor: SYSTEM, documentId: doc.id, input: { publishAt: clock.now() + 86_400_000 }, deps: wf() });
      } else if (action === 'withdraw' && d.status === 'published') {
        await withdrawDocument({ db: ctx.platform.db, actor: SYSTEM, documentId: doc.id, input: { reason: '撤稿测试', showPublicly: true }, deps: wf() });
        if (doc.publicToken) doc.hidden.add(doc.publicToken);
        doc.publicToken = null;
      } else if (action === 'edit' && (edition.status === 'published' || edition.status === 'withdrawn')) {
        const next = await ctx.platform.db.transaction().execute((trx) => createNextEdition(trx, { documentId: doc.id, actor: SYSTEM, now: clock.now() }));
        doc.current = token();
        doc.hidden.add(doc.current);
        await saveDocument({ db: ctx.platform.db, actor: SYSTEM, documentId: doc.id, input: { lockVersion: next.lockVersion, title: `关于${doc.current}的通知` }, deps: contentDeps(ctx.platform) });
      }
    }

    /** Every public URL these documents could show up at, fetched by Host like a visitor. */
    async function publicBodies(docs: readonly Doc[], columnHref: string, columnId: number): Promise<Map<string, string>> {
      const urls = new Set(['/', '/rss.xml', '/atom.xml', '/sitemap.xml', '/json/site.json', `/json/columns/${columnId}.json`, columnHref, `${columnHref}rss.xml`, `${columnHref}atom.xml`]);
      const manifest = await pageStoreFor(ctx.platform).manifest(PROVINCE_PORTAL_CODE);
      for (const file of manifest.entries.keys()) if (file.startsWith('/sitemaps/') || file.startsWith(`${columnHref}list-`)) urls.add(file);
      for (const doc of docs) {
        const d = (await getDocument(ctx.platform.db, doc.id))!;
        urls.add(`/json/articles/${doc.id}.json`);
        if (d.firstPublishedAt !== null) urls.add(articlePath(doc.id, d.firstPublishedAt));
        for (const file of manifest.entries.keys()) if (file.startsWith(`/files/${doc.id}/`)) urls.add(file);
      }
      const bodies = new Map<string, string>();
      for (const url of urls) {
        const res = await ctx.app.inject({ method: 'GET', url, headers: { host } });
        assert.ok(res.statusCode < 500, `${url} → ${res.statusCode}`);
        if (res.statusCode === 200) bodies.set(url, res.body);
      }
      return bodies;
    }

    test('random lifecycles never expose non-public editions; public ones are served', async () => {
      await fc.assert(fc.asyncProperty(
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom<Action>('submit', 'publish', 'publish', 'schedule', 'withdraw', 'edit', 'work')), { minLength: 3, maxLength: 14 }),
        async (count, actions) => {
          const column = await workflowColumn(ctx.platform, { workflow: ONE_STEP });
          const slug = (await ctx.platform.db.selectFrom('columns').select('slug').where('id', '=', column.id).executeTakeFirstOrThrow()).slug;
          const docs: Doc[] = [];
          for (let i = 0; i < count; i++) {
            const t = token();
            const { documentId } = await workflowDraft(ctx.platform, { columnId: column.id, title: `关于${t}的通知` });
            docs.push({ id: documentId, publicToken: null, hidden: new Set([t]), current: t });
          }
          for (const [n, action] of actions) {
            await apply(docs[n % docs.length]!, action);
            clock.advance(60_000);
          }
          await ctx.platform.jobs.runDue();
          await check(docs, slug, column.id);
          // A full rebuild renders every page from the database again: the same must hold.
          await rebuildSite(publishingDeps(ctx.platform), column.siteId);
          await check(docs, slug, column.id);
        },
      ), { numRuns: RUNS, seed: 20261126, examples: [[2, [[0, 'publish'], [0, 'edit'], [1, 'schedule'], [1, 'publish']]], [3, [[0, 'publish'], [1, 'publish'], [0, 'withdraw'], [2, 'submit']]]] });
    });

    async function check(docs: readonly Doc[], slug: string, columnId: number): Promise<void> {
          const bodies = await publicBodies(docs, `/${slug}/`, columnId);
          const all = [...bodies.values()].join('\n');
          for (const doc of docs) {
            for (const hidden of doc.hidden) assert.ok(!all.includes(hidden), `non-public ${hidden} (document ${doc.id}) leaked: ${[...bodies].filter(([, b]) => b.includes(hidden)).map(([u]) => u).join(', ')}`);
            if (doc.publicToken) {
              const d = (await getDocument(ctx.platform.db, doc.id))!;
              assert.ok(bodies.get(articlePath(doc.id, d.firstPublishedAt!))?.includes(doc.publicToken), `published ${doc.publicToken} missing from its page`);
              assert.ok(bodies.get(`/${slug}/`)?.includes(doc.publicToken), `published ${doc.publicToken} missing from the list`);
            }
          }
    }
  });
}
