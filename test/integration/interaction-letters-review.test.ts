import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { loadConfig } from '../../src/config/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { cleanFileName } from '../../src/modules/interaction/letter-files.js';
import { insertLetter, isQueryCodeClash } from '../../src/modules/interaction/letters.repo.js';
import {
  idemKey, letterJson, multipartBody, PORTAL_CODE, PORTAL_HOST, portalMailboxes, solvedCaptcha, stringFields,
} from '../support/letter-fixtures.js';

/** Findings of the letters review: each test failed before its fix. */
const SUBMIT = `/api/v1/public/sites/${PORTAL_CODE}/letters`;
const LOOKUP = '/api/v1/public/letters/lookup';

for (const engine of selectedEngines()) {
  describe(`letters review: look-up, text, sizes, site status [${engine}]`, () => {
    let ctx: TestContext;
    let mailboxId: number;
    const clock = new ManualClock();
    before(async () => {
      ctx = await createTestContext(engine, { clock, config: { letterLookupRatePerMinute: 1000, letterSubmitRatePerHour: 1000 } });
      mailboxId = (await portalMailboxes(ctx.app))[0]!.id;
    });
    after(async () => { await ctx.close(); });

    const submit = async (body: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url: SUBMIT, payload: body, headers: { 'idempotency-key': idemKey() } });
    const countLetters = async () => Number((await ctx.platform.db.selectFrom('letters').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    test('wrong passwords sent concurrently all count: they lock the letter', async () => {
      const res = await submit(letterJson(mailboxId, await solvedCaptcha(ctx.app)));
      assert.equal(res.statusCode, 201, res.body);
      const { queryCode, queryPassword } = res.json<{ queryCode: string; queryPassword: string }>();
      const wrong = await Promise.all(Array.from({ length: 8 }, () => ctx.app.inject({ method: 'POST', url: LOOKUP, payload: { queryCode, queryPassword: 'WRONGPW2' } })));
      for (const w of wrong) assert.equal(w.statusCode, 400);
      const row = await ctx.platform.db.selectFrom('letters').select(['lookup_locked_until']).where('query_code', '=', queryCode).executeTakeFirstOrThrow();
      assert.ok(row.lookup_locked_until !== null, 'the letter is locked');
      const right = await ctx.app.inject({ method: 'POST', url: LOOKUP, payload: { queryCode, queryPassword } });
      assert.equal(right.statusCode, 400, 'even the right password is refused while locked');
      assert.equal(right.json<{ code: string }>().code, 'interaction.lookup.failed');
    });

    test('an unknown query code is audited as a denied look-up, without the code', async () => {
      const code = '20990101765432';
      const res = await ctx.app.inject({ method: 'POST', url: LOOKUP, payload: { queryCode: code, queryPassword: 'WRONGPW2' } });
      assert.equal(res.statusCode, 400);
      const events = await ctx.platform.db.selectFrom('audit_events').selectAll().where('action', '=', 'interaction.letter.lookup').where('result', '=', 'denied').execute();
      const unknown = events.filter((e) => (JSON.parse(e.detail) as { reason?: string }).reason === 'unknown_code');
      assert.equal(unknown.length, 1);
      assert.equal(unknown[0]!.target_id, null);
      assert.ok(!JSON.stringify(unknown[0]).includes(code), 'the code is not recorded');
    });

    test('NUL in a multipart field: http.invalid_text 400 on the API, the form page and the look-up page; nothing stored', async () => {
      const before = await countLetters();
      const fields = { ...stringFields(letterJson(mailboxId, await solvedCaptcha(ctx.app))), subject: '关于\u0000居住证' };
      const api = multipartBody(fields);
      const a = await ctx.app.inject({ method: 'POST', url: SUBMIT, payload: api.payload, headers: api.headers });
      assert.equal(a.statusCode, 400, a.body);
      const problem = a.json<{ code: string; errors: { field: string; message: string }[] }>();
      assert.equal(problem.code, 'http.invalid_text');
      assert.equal(problem.errors[0]?.field, 'subject');
      assert.match(problem.errors[0]?.message ?? '', /含有不允许的字符/);

      const form = multipartBody({ ...fields, idempotencyKey: idemKey() });
      const f = await ctx.app.inject({ method: 'POST', url: '/letters.html', payload: form.payload, headers: { ...form.headers, host: PORTAL_HOST } });
      assert.equal(f.statusCode, 400);
      assert.match(f.headers['content-type'] as string, /text\/html/);
      assert.match(f.body, /含有不允许的字符/);

      const q = multipartBody({ queryCode: '2026\u00001127000000', queryPassword: 'WRONGPW2' });
      const l = await ctx.app.inject({ method: 'POST', url: '/letters/query.html', payload: q.payload, headers: { ...q.headers, host: PORTAL_HOST } });
      assert.equal(l.statusCode, 400);
      assert.match(l.body, /含有不允许的字符/);
      assert.equal(await countLetters(), before);
    });

    test('the look-up form ignores file parts: a file sent with it is not an attachment error', async () => {
      const q = multipartBody({ queryCode: '20990101000001', queryPassword: 'WRONGPW2' }, [{ field: 'x', name: 'a.pdf', content: Buffer.alloc(2048, 1) }]);
      const l = await ctx.app.inject({ method: 'POST', url: '/letters/query.html', payload: q.payload, headers: { ...q.headers, host: PORTAL_HOST } });
      assert.equal(l.statusCode, 400);
      assert.match(l.body, /查询编号或查询密码不正确/);
    });

    test('every field at its maximum length in 4-byte characters is accepted and reads back', async () => {
      const c = '𠀀';
      const res = await submit(letterJson(mailboxId, await solvedCaptcha(ctx.app), {
        subject: c.repeat(100), body: c.repeat(5000), name: c.repeat(50), email: `${c.repeat(95)}@${c}.cn`, address: c.repeat(200),
      }));
      assert.equal(res.statusCode, 201, res.body);
      const { queryCode, queryPassword } = res.json<{ queryCode: string; queryPassword: string }>();
      const ok = await ctx.app.inject({ method: 'POST', url: LOOKUP, payload: { queryCode, queryPassword } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json<{ letter: { body: string } }>().letter.body, c.repeat(5000));
    });

    test('a query code taken between the check and the insert is recognised (the submit then draws again)', async () => {
      const res = await submit(letterJson(mailboxId, await solvedCaptcha(ctx.app)));
      const { queryCode } = res.json<{ queryCode: string }>();
      const row = await ctx.platform.db.selectFrom('letters').selectAll().where('query_code', '=', queryCode).executeTakeFirstOrThrow();
      const { id: _id, ...copy } = row;
      const err = await insertLetter(ctx.platform.db, { ...copy, idempotency_key: idemKey() }).then(() => null, (e: unknown) => e);
      assert.ok(err, 'the unique index refuses the second letter');
      assert.equal(isQueryCodeClash(err), true);
      const other = await insertLetter(ctx.platform.db, { ...copy, query_code: '20990101111111' }).then(() => null, (e: unknown) => e);
      assert.ok(other, 'same idempotency key: refused too');
      assert.equal(isQueryCodeClash(other), false, 'another constraint is not a code clash');
    });

    test('sites that are building, offline or closed show no letter pages, take no letters and get no mailbox', async () => {
      const code = '3201000001';
      const host = `${code}.localhost`;
      const site = await ctx.platform.db.selectFrom('sites').select(['id']).where('code', '=', code).executeTakeFirstOrThrow();
      const boxes = async () => Number((await ctx.platform.db.selectFrom('mailboxes').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', site.id).executeTakeFirstOrThrow()).n);
      const before = await boxes();
      for (const status of ['building', 'offline', 'closed'] as const) {
        await ctx.platform.db.updateTable('sites').set({ status }).where('id', '=', site.id).execute();
        // Every public address of such a site answers its notice (503, or 410 once closed; the
        // public server's site map may still hold the previous status for up to 5 s).
        const form = await ctx.app.inject({ method: 'GET', url: '/letters.html', headers: { host } });
        assert.ok([410, 503].includes(form.statusCode), `${status}: form page ${form.statusCode}`);
        assert.doesNotMatch(form.body, /letter-form/);
        assert.ok([410, 503].includes((await ctx.app.inject({ method: 'GET', url: '/letters/query.html', headers: { host } })).statusCode), `${status}: look-up page`);
        const list = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/sites/${code}/mailboxes` });
        assert.equal(list.statusCode, 404, `${status}: mailboxes API`);
        assert.equal(list.json<{ code: string }>().code, 'interaction.site.not_found');
        const api = await ctx.app.inject({ method: 'POST', url: `/api/v1/public/sites/${code}/letters`, payload: letterJson(mailboxId, await solvedCaptcha(ctx.app)) });
        assert.equal(api.statusCode, 404, `${status}: submit API`);
        const m = multipartBody(stringFields(letterJson(mailboxId, await solvedCaptcha(ctx.app))));
        assert.equal((await ctx.app.inject({ method: 'POST', url: '/letters.html', payload: m.payload, headers: { ...m.headers, host } })).statusCode, 404, `${status}: form post`);
        assert.equal(await boxes(), before, `${status}: no mailbox row made`);
      }
      await ctx.platform.db.updateTable('sites').set({ status: 'open' }).where('id', '=', site.id).execute();
      // Open again: the form is back once the public server's site map has been read again (≤ 5 s).
      let again = 0;
      for (const until = Date.now() + 7000; Date.now() < until && again !== 200;) {
        again = (await ctx.app.inject({ method: 'GET', url: '/letters.html', headers: { host } })).statusCode;
        if (again !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.equal(again, 200, 'open again: the form is back');
    });
  });

  describe(`letters review: client address behind a proxy [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => {
      // As an operator would set it: JIYUE_TRUST_PROXY=loopback (nginx on the same machine).
      const { trustProxy } = loadConfig({ JIYUE_TRUST_PROXY: 'loopback' });
      ctx = await createTestContext(engine, { config: { trustProxy, letterLookupRatePerMinute: 2, letterSubmitRatePerHour: 1 } });
    });
    after(async () => { await ctx.close(); });

    test('a spoofed leftmost X-Forwarded-For entry does not give a fresh rate-limit budget', async () => {
      // nginx with $proxy_add_x_forwarded_for appends the real address to what the client sent.
      const via = (xff: string, remoteAddress = '127.0.0.1') => ctx.app.inject({
        method: 'POST', url: LOOKUP, remoteAddress, headers: { 'x-forwarded-for': xff }, payload: { queryCode: '20990101000002', queryPassword: 'WRONGPW2' },
      });
      assert.equal((await via('198.51.100.1, 203.0.113.7')).statusCode, 400);
      assert.equal((await via('198.51.100.2, 203.0.113.7')).statusCode, 400);
      const third = await via('198.51.100.3, 203.0.113.7');
      assert.equal(third.statusCode, 429, third.body);
      assert.equal((await via('203.0.113.99')).statusCode, 400, 'another client behind the proxy is served');
      // A client talking to Jiyue directly cannot name itself either.
      assert.equal((await via('198.51.100.4', '192.0.2.8')).statusCode, 400);
      assert.equal((await via('198.51.100.5', '192.0.2.8')).statusCode, 400);
      assert.equal((await via('198.51.100.6', '192.0.2.8')).statusCode, 429);
      const ips = await ctx.platform.db.selectFrom('audit_events').select('ip').where('action', '=', 'interaction.letter.lookup').execute();
      assert.ok(ips.every((r) => !r.ip.startsWith('198.51.100.')), 'the audit trail records the real address');
    });

    test('the form pages over their limit say when to come back: the window of that limit', async () => {
      const post = (url: string) => {
        const m = multipartBody({ subject: '' });
        return ctx.app.inject({ method: 'POST', url, remoteAddress: '192.0.2.77', payload: m.payload, headers: { ...m.headers, host: PORTAL_HOST } });
      };
      assert.equal((await post('/letters.html')).statusCode, 400);
      const limited = await post('/letters.html');
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.headers['retry-after'], '3600');
      await post('/letters/query.html');
      await post('/letters/query.html');
      const lookupLimited = await post('/letters/query.html');
      assert.equal(lookupLimited.statusCode, 429);
      assert.equal(lookupLimited.headers['retry-after'], '60');
    });
  });
}

describe('letters review: attachment names', () => {
  test('bidi and other format characters are removed from file names', () => {
    assert.equal(cleanFileName('invoice\u202egpj.exe'), 'invoicegpj.exe');
    assert.equal(cleanFileName('a\u200bb\u2066c\u2069.pdf'), 'abc.pdf');
    assert.equal(cleanFileName('C:\\x\\扫描件\u0007.pdf'), '扫描件.pdf');
  });
});
