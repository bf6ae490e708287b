import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { testColumnFor } from '../support/content-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { inTransaction } from '../../src/db/index.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { AppError } from '../../src/platform/http/error-registry.js';
import {
  createNextEdition, getDocument, getEdition, listEditions, markPublished, setEditionStatus,
} from '../../src/modules/content/index.js';
import { createDocument } from '../../src/modules/content/operations/create-document.js';
import { contentDeps } from '../../src/modules/content/content-deps.js';

for (const engine of selectedEngines()) {
  describe(`edition functions for the review workflow [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    const actor = systemActor('workflow-test');
    let columnId = 0;

    const draft = async () => createDocument({ db: ctx.platform.db, actor, input: { columnId, kind: 'notice', title: '流程测试' }, deps: contentDeps(ctx.platform) });
    const move = (editionId: number, to: 'in_review' | 'approved' | 'rejected' | 'draft' | 'scheduled' | 'withdrawn' | 'superseded') =>
      inTransaction(ctx.platform.db, (trx) => setEditionStatus(trx, { editionId, to, actor, now: clock.now() }));
    const publish = (editionId: number, fastTrack = false) => inTransaction(ctx.platform.db, (trx) => markPublished(trx, editionId, clock.now(), { fastTrack }));
    const code = (err: unknown) => (err instanceof AppError ? err.code : String(err));

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      columnId = (await testColumnFor(ctx.platform.db, '320000')).id;
    });
    after(async () => { await ctx.close(); });

    test('setEditionStatus follows the table, bumps the lock version and stamps times; documents.status follows', async () => {
      const { document, edition } = await draft();
      clock.advance(1000);
      const submitted = await move(edition.id, 'in_review');
      assert.equal(submitted.status, 'in_review');
      assert.equal(submitted.lockVersion, edition.lockVersion + 1);
      assert.equal(submitted.submittedAt, clock.now());
      assert.equal((await getDocument(ctx.platform.db, document.id))?.status, 'in_review');
      await assert.rejects(move(edition.id, 'scheduled'), (e) => code(e) === 'content.edition.bad_transition');
      const rejected = await move(edition.id, 'rejected');
      assert.equal((await getDocument(ctx.platform.db, document.id))?.status, 'draft');
      assert.equal(rejected.approvedAt, null);
      await move(edition.id, 'in_review');
      clock.advance(1000);
      const approved = await move(edition.id, 'approved');
      assert.equal(approved.approvedAt, clock.now());
      assert.equal((await getDocument(ctx.platform.db, document.id))?.status, 'approved');
    });

    test('publishing goes only through markPublished, from approved/scheduled, with the time from the clock', async () => {
      const { document, edition } = await draft();
      await assert.rejects(publish(edition.id), (e) => code(e) === 'content.edition.bad_transition');
      await move(edition.id, 'in_review');
      await move(edition.id, 'approved');
      await move(edition.id, 'scheduled');
      clock.advance(5000);
      const published = await publish(edition.id);
      assert.equal(published.status, 'published');
      assert.equal(published.publishedAt, clock.now());
      const doc = await getDocument(ctx.platform.db, document.id);
      assert.equal(doc?.firstPublishedAt, clock.now());
      assert.equal(doc?.publishedEditionId, edition.id);
      await assert.rejects(publish(edition.id), (e) => code(e) === 'content.edition.bad_transition', 'publishing twice is refused');
    });

    test('createNextEdition copies a published edition; publishing it supersedes the old one', async () => {
      const { document, edition } = await draft();
      await publish(edition.id, true);
      const first = await getDocument(ctx.platform.db, document.id);
      await assert.rejects(inTransaction(ctx.platform.db, (trx) => createNextEdition(trx, { documentId: document.id, actor, now: clock.now() }).then(() => createNextEdition(trx, { documentId: document.id, actor, now: clock.now() }))),
        (e) => code(e) === 'content.edition.bad_transition', 'a draft already exists: no second one');
      clock.advance(60_000);
      const next = await inTransaction(ctx.platform.db, (trx) => createNextEdition(trx, { documentId: document.id, actor, now: clock.now() }));
      assert.equal(next.number, 2);
      assert.equal(next.title, edition.title);
      assert.equal(next.status, 'draft');
      assert.equal((await getDocument(ctx.platform.db, document.id))?.status, 'published');
      await move(next.id, 'in_review');
      await move(next.id, 'approved');
      clock.advance(60_000);
      await publish(next.id);
      assert.deepEqual((await listEditions(ctx.platform.db, document.id)).map((e) => [e.number, e.status]), [[2, 'published'], [1, 'superseded']]);
      const doc = await getDocument(ctx.platform.db, document.id);
      assert.equal(doc?.firstPublishedAt, first?.firstPublishedAt);
      assert.equal(doc?.lastPublishedAt, clock.now());
    });

    test('withdrawing a published edition takes it off the public side', async () => {
      const { document, edition } = await draft();
      await publish(edition.id, true);
      await inTransaction(ctx.platform.db, async (trx) => {
        await trx.updateTable('documents').set({ withdrawn_at: clock.now(), withdraw_reason: '测试撤稿' }).where('id', '=', document.id).execute();
        await setEditionStatus(trx, { editionId: edition.id, to: 'withdrawn', actor, now: clock.now() });
      });
      const doc = await getDocument(ctx.platform.db, document.id);
      assert.equal(doc?.status, 'withdrawn');
      assert.equal(doc?.publishedEditionId, null);
      assert.equal((await getEdition(ctx.platform.db, edition.id))?.status, 'withdrawn');
    });
  });
}
