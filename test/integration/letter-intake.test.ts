import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { idemKey, letterJson, PORTAL_CODE, portalMailboxes, solvedCaptcha } from '../support/letter-fixtures.js';
import { letterIntake } from '../../src/modules/interaction/letter-intake.js';
import { interactionDeps } from '../../src/modules/interaction/deps.js';

const SUBMIT = `/api/v1/public/sites/${PORTAL_CODE}/letters`;

/*
 * Letters arriving together are written in one transaction (letter-intake.ts). These tests send
 * bursts and check that the batch gives each letter the answer it would get alone.
 */
for (const engine of selectedEngines()) {
  describe(`letters: the intake writes a burst together [${engine}]`, () => {
    let ctx: TestContext;
    let mailboxId: number;
    before(async () => {
      ctx = await createTestContext(engine);
      mailboxId = (await portalMailboxes(ctx.app))[0]!.id;
    });
    after(async () => { await ctx.close(); });

    const submit = (body: Record<string, unknown>, key: string) =>
      ctx.app.inject({ method: 'POST', url: SUBMIT, payload: body, headers: { 'idempotency-key': key } });
    const intake = () => letterIntake(ctx.platform.db, interactionDeps(ctx.platform));
    const submitEvents = async () => Number((await ctx.platform.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'interaction.letter.submit').executeTakeFirstOrThrow()).n);

    test('24 letters at once: 24 receipts with distinct codes, 24 letters, 24 audit events (fewer transactions on PostgreSQL)', async () => {
      const captchas = await Promise.all(Array.from({ length: 24 }, () => solvedCaptcha(ctx.app)));
      const eventsBefore = await submitEvents();
      const before = intake().stats();
      const answers = await Promise.all(captchas.map((c, i) => submit(letterJson(mailboxId, c, { subject: `同时来信${i}` }), idemKey())));
      assert.deepEqual(answers.map((a) => a.statusCode), answers.map(() => 201), answers.map((a) => a.body).join('\n'));
      const codes = answers.map((a) => a.json<{ queryCode: string }>().queryCode);
      assert.equal(new Set(codes).size, 24);
      const rows = await ctx.platform.db.selectFrom('letters').select(['query_code', 'subject']).where('query_code', 'in', codes).execute();
      assert.equal(rows.length, 24);
      // Each receipt names its own letter, not a neighbour's in the batch.
      const subjectOf = new Map(rows.map((r) => [r.query_code, r.subject]));
      codes.forEach((code, i) => assert.equal(subjectOf.get(code), `同时来信${i}`));
      assert.equal(await submitEvents(), eventsBefore + 24);
      const after = intake().stats();
      assert.equal(after.letters - before.letters, 24);
      // On PostgreSQL each transaction waits on the server, so letters arriving meanwhile queue
      // up. On SQLite under inject() a lone letter's transaction can finish before the next
      // request is prepared, so how many share one depends on timing there (the benchmark shows it under load).
      if (engine === 'postgres') assert.ok(after.batches - before.batches < 24, `24 letters took ${after.batches - before.batches} transactions`);
      assert.equal(after.fallbacks, before.fallbacks);
      assert.equal((await ctx.platform.audit.verify(ctx.platform.db)).ok, true);
    });

    test('in one burst: a double submit makes one letter, a replayed captcha is refused, the rest are stored', async () => {
      const shared = await solvedCaptcha(ctx.app);
      const others = await Promise.all(Array.from({ length: 6 }, () => solvedCaptcha(ctx.app)));
      const doubleKey = idemKey();
      const doubleBody = letterJson(mailboxId, others[0]!, { subject: '重复提交' });
      const answers = await Promise.all([
        submit(doubleBody, doubleKey), submit(doubleBody, doubleKey),
        submit(letterJson(mailboxId, shared, { subject: '验证码一' }), idemKey()), submit(letterJson(mailboxId, shared, { subject: '验证码二' }), idemKey()),
        ...others.slice(1).map((c, i) => submit(letterJson(mailboxId, c, { subject: `其他${i}` }), idemKey())),
      ]);
      const [d1, d2, c1, c2, ...rest] = answers as [typeof answers[0], typeof answers[0], typeof answers[0], typeof answers[0], ...typeof answers];
      assert.deepEqual([d1.statusCode, d2.statusCode].sort(), [200, 201]);
      assert.equal(d1.json<{ queryCode: string }>().queryCode, d2.json<{ queryCode: string }>().queryCode);
      const doubles = await ctx.platform.db.selectFrom('letters').select('id').where('idempotency_key', '=', doubleKey).execute();
      assert.equal(doubles.length, 1);
      assert.deepEqual([c1.statusCode, c2.statusCode].sort(), [201, 400]);
      const refused = c1.statusCode === 400 ? c1 : c2;
      assert.equal(refused.json<{ code: string }>().code, 'interaction.captcha.used');
      const byCaptcha = await ctx.platform.db.selectFrom('letters').select('id').where('subject', 'in', ['验证码一', '验证码二']).execute();
      assert.equal(byCaptcha.length, 1);
      assert.deepEqual(rest.map((a) => a.statusCode), rest.map(() => 201));
      assert.equal((await ctx.platform.audit.verify(ctx.platform.db)).ok, true);
    });
  });
}
