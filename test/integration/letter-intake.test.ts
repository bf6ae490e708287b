import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { idemKey, letterJson, PORTAL_CODE, portalMailboxes, solvedCaptcha } from '../support/letter-fixtures.js';
import { letterIntake, type PreparedLetter } from '../../src/modules/interaction/letter-intake.js';
import { isCodeClash } from '../../src/modules/interaction/query-credentials.js';
import { systemActor } from '../../src/platform/identity/actor.js';
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

/** A prepared letter as prepareLetter makes one, with a query code of the test's choosing. */
function preparedLetter(siteId: number, mailboxId: number, code: string, n: number): PreparedLetter {
  const now = Date.now();
  const key = `clash-test-${code}-${n}`.padEnd(20, 'x');
  return {
    siteId, key, captcha: { id: `captcha-${code}-${n}`, expiresAt: now + 600_000 }, actor: systemActor('test'),
    row: {
      site_id: siteId, mailbox_id: mailboxId, query_code: code, query_password_hash: 'x', letter_type: 'consultation', is_public: 1,
      subject: `编号冲突${n}`, body: '正文', name_enc: 'x', phone_enc: 'x', email_enc: null, id_number_enc: null, address_enc: null,
      status: 'received', idempotency_key: key, received_at: now, due_at: now + 86_400_000, step_due_at: now + 86_400_000, lookup_failures: 0, lookup_locked_until: null,
    },
    files: [],
    audit: (id) => ({ action: 'interaction.letter.submit', result: 'success', targetType: 'letter', targetId: id, detail: { queryCode: code } }),
    receipt: { queryCode: code, queryPassword: 'ABCDEFGH', duplicate: false, mailboxName: '网站信箱', letterType: 'consultation', receivedAt: now, dueAt: now + 86_400_000 },
  };
}

for (const engine of selectedEngines()) {
  describe(`letters: a query code drawn twice leaves its batch alone [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => { ctx = await createTestContext(engine); });
    after(async () => { await ctx.close(); });

    test('the first holder of a code is stored; a letter drawing a taken code gets the clash (for a retry), the rest of its batch is stored', async () => {
      const site = await ctx.platform.db.selectFrom('sites').select('id').where('code', '=', PORTAL_CODE).executeTakeFirstOrThrow();
      const mailboxId = (await portalMailboxes(ctx.app))[0]!.id;
      const intake = letterIntake(ctx.platform.db, interactionDeps(ctx.platform));
      const siteId = Number(site.id);
      assert.ok('stored' in await intake.submit(preparedLetter(siteId, mailboxId, '20991231000001', 0)));
      const before = intake.stats();
      // Submitted in one turn, so one batch: a code taken before it, a code drawn twice within it, and a free one.
      const outcomes = await Promise.allSettled([
        intake.submit(preparedLetter(siteId, mailboxId, '20991231000001', 1)),
        intake.submit(preparedLetter(siteId, mailboxId, '20991231000002', 2)),
        intake.submit(preparedLetter(siteId, mailboxId, '20991231000002', 3)),
        intake.submit(preparedLetter(siteId, mailboxId, '20991231000003', 4)),
      ]);
      assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'fulfilled', 'rejected', 'fulfilled']);
      for (const o of outcomes) if (o.status === 'rejected') assert.ok(isCodeClash(o.reason, 'letters'), String(o.reason));
      const after = intake.stats();
      assert.equal(after.batches - before.batches, 1);
      assert.equal(after.fallbacks, before.fallbacks);
      const subjects = (await ctx.platform.db.selectFrom('letters').select('subject').where('query_code', 'like', '2099123100000%').orderBy('subject').execute()).map((r) => r.subject);
      assert.deepEqual(subjects, ['编号冲突0', '编号冲突2', '编号冲突4']);
      assert.equal((await ctx.platform.audit.verify(ctx.platform.db)).ok, true);
    });
  });
}
