import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createUser } from '../../src/platform/identity/operations/manage-users.js';
import { identityDeps } from '../../src/platform/identity/identity-deps.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import {
  idemKey, LETTER_FILES, letterJson, multipartBody, PLANTED, PORTAL_CODE, PORTAL_HOST, portalMailboxes, solvedCaptcha, stringFields,
} from '../support/letter-fixtures.js';

const SUBMIT = `/api/v1/public/sites/${PORTAL_CODE}/letters`;

for (const engine of selectedEngines()) {
  describe(`letters: submission, receipt, privacy [${engine}]`, () => {
    let ctx: TestContext;
    let mailboxId: number;
    const clock = new ManualClock();
    before(async () => {
      ctx = await createTestContext(engine, { clock });
      mailboxId = (await portalMailboxes(ctx.app))[0]!.id;
    });
    after(async () => { await ctx.close(); });

    const submit = async (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      ctx.app.inject({ method: 'POST', url: SUBMIT, payload: body, headers });

    test('every site has a site mailbox with the default deadline of 5 working days', async () => {
      const boxes = await portalMailboxes(ctx.app);
      assert.equal(boxes[0]?.kind, 'site');
      assert.equal(boxes[0]?.name, '网站信箱');
      assert.equal(boxes[0]?.deadlineDays, 5);
    });

    test('a letter is stored once and the receipt gives a query code and a password (201)', async () => {
      const res = await submit(letterJson(mailboxId, await solvedCaptcha(ctx.app)), { 'idempotency-key': idemKey() });
      assert.equal(res.statusCode, 201, res.body);
      const receipt = res.json<{ queryCode: string; queryPassword: string; duplicate: boolean; dueAt: number; receivedAt: number; mailboxName: string }>();
      assert.match(receipt.queryCode, /^\d{14}$/);
      assert.match(receipt.queryPassword, /^[A-Z2-9]{8}$/);
      assert.equal(receipt.duplicate, false);
      assert.equal(receipt.mailboxName, '网站信箱');
      // 2026-11-26 (Thu) + 5 working days = 2026-12-03 (Thu), end of day in Asia/Shanghai.
      assert.equal(receipt.dueAt, Date.UTC(2026, 11, 3, 15, 59, 59, 999));
      const row = await ctx.platform.db.selectFrom('letters').selectAll().where('query_code', '=', receipt.queryCode).executeTakeFirstOrThrow();
      assert.equal(row.status, 'received');
      assert.ok(row.query_password_hash !== receipt.queryPassword && !row.query_password_hash.includes(receipt.queryPassword), 'the password is stored hashed');
    });

    test('the same idempotency key makes one letter: the repeat gets the first code, no password (200)', async () => {
      const key = idemKey();
      const body = letterJson(mailboxId, await solvedCaptcha(ctx.app));
      const first = await submit(body, { 'idempotency-key': key });
      const second = await submit(body, { 'idempotency-key': key });
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(second.statusCode, 200, second.body);
      assert.equal(second.json<{ queryCode: string }>().queryCode, first.json<{ queryCode: string }>().queryCode);
      assert.equal(second.json<{ queryPassword: string | null; duplicate: boolean }>().queryPassword, null);
      assert.equal(second.json<{ duplicate: boolean }>().duplicate, true);
      const n = await ctx.platform.db.selectFrom('letters').select((eb) => eb.fn.countAll<number>().as('n')).where('idempotency_key', '=', key).executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 1);
    });

    test('two concurrent submits with one key make one letter', async () => {
      const key = idemKey();
      const body = letterJson(mailboxId, await solvedCaptcha(ctx.app));
      const [a, b] = await Promise.all([submit(body, { 'idempotency-key': key }), submit(body, { 'idempotency-key': key })]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 201], `${a.body} ${b.body}`);
      const n = await ctx.platform.db.selectFrom('letters').select((eb) => eb.fn.countAll<number>().as('n')).where('idempotency_key', '=', key).executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 1);
    });

    test('a captcha solution works once: replayed with another key it is refused', async () => {
      const altcha = await solvedCaptcha(ctx.app);
      assert.equal((await submit(letterJson(mailboxId, altcha), { 'idempotency-key': idemKey() })).statusCode, 201);
      const replay = await submit(letterJson(mailboxId, altcha), { 'idempotency-key': idemKey() });
      assert.equal(replay.statusCode, 400);
      assert.equal(replay.json<{ code: string }>().code, 'interaction.captcha.used');
    });

    test('missing, forged, tampered and expired captchas are refused and nothing is stored', async () => {
      const before = await countLetters(ctx);
      const missing = await submit(letterJson(mailboxId, ''), {});
      assert.equal(missing.json<{ code: string }>().code, 'interaction.captcha.missing');
      const junk = await submit(letterJson(mailboxId, Buffer.from('{"challenge":1}').toString('base64')));
      assert.equal(junk.json<{ code: string }>().code, 'interaction.captcha.invalid');
      // A solution with a made-up derived key.
      const good = JSON.parse(Buffer.from(await solvedCaptcha(ctx.app), 'base64').toString()) as { challenge: { parameters: Record<string, unknown>; signature: string }; solution: { counter: number; derivedKey: string } };
      const wrongKey = { ...good, solution: { counter: good.solution.counter + 1, derivedKey: '00'.repeat(32) } };
      assert.equal((await submit(letterJson(mailboxId, b64(wrongKey)))).json<{ code: string }>().code, 'interaction.captcha.invalid');
      // A challenge made by someone else (our parameters, their signature): the HMAC does not match.
      const forged = { ...good, challenge: { ...good.challenge, signature: 'ab'.repeat(32) } };
      assert.equal((await submit(letterJson(mailboxId, b64(forged)))).json<{ code: string }>().code, 'interaction.captcha.invalid');
      // Moving the signed expiry breaks the signature.
      const stretched = { ...good, challenge: { ...good.challenge, parameters: { ...good.challenge.parameters, data: { exp: Date.UTC(2030, 0, 1) } } } };
      assert.equal((await submit(letterJson(mailboxId, b64(stretched)))).json<{ code: string }>().code, 'interaction.captcha.invalid');
      // A genuine solution submitted after its 10 minutes.
      const late = await solvedCaptcha(ctx.app);
      clock.advance(11 * 60_000);
      const expired = await submit(letterJson(mailboxId, late));
      assert.equal(expired.json<{ code: string }>().code, 'interaction.captcha.expired');
      assert.equal(await countLetters(ctx), before);
    });

    test('an .exe renamed .pdf is refused by its content (415) and nothing is stored', async () => {
      const before = await countLetters(ctx);
      const beforeFiles = await countFiles(ctx);
      const { payload, headers } = multipartBody(stringFields(letterJson(mailboxId, await solvedCaptcha(ctx.app), { idempotencyKey: idemKey() })), [
        { field: 'attachments', name: '证明材料.pdf', content: LETTER_FILES.pdf },
        { field: 'attachments', name: '身份证.pdf', content: LETTER_FILES.exe, type: 'application/pdf' },
      ]);
      const res = await ctx.app.inject({ method: 'POST', url: SUBMIT, payload, headers });
      assert.equal(res.statusCode, 415, res.body);
      assert.equal(res.json<{ code: string }>().code, 'interaction.attachment.disguised');
      assert.equal(await countLetters(ctx), before);
      assert.equal(await countFiles(ctx), beforeFiles);
      const exe = multipartBody(stringFields(letterJson(mailboxId, await solvedCaptcha(ctx.app))), [{ field: 'attachments', name: 'setup.exe', content: LETTER_FILES.exe }]);
      const refused = await ctx.app.inject({ method: 'POST', url: SUBMIT, payload: exe.payload, headers: exe.headers });
      assert.equal(refused.json<{ code: string }>().code, 'interaction.attachment.type_not_allowed');
    });

    test('genuine PDF, JPEG and PNG attachments are stored sealed; a fourth file and an oversized one are refused', async () => {
      const ok = multipartBody(stringFields(letterJson(mailboxId, await solvedCaptcha(ctx.app))), [
        { field: 'attachments', name: '材料.pdf', content: LETTER_FILES.pdf },
        { field: 'attachments', name: '照片.JPG', content: LETTER_FILES.jpeg },
        { field: 'attachments', name: '截图.png', content: LETTER_FILES.png },
      ]);
      const res = await ctx.app.inject({ method: 'POST', url: SUBMIT, payload: ok.payload, headers: ok.headers });
      assert.equal(res.statusCode, 201, res.body);
      const letter = await ctx.platform.db.selectFrom('letters').select('id').where('query_code', '=', res.json<{ queryCode: string }>().queryCode).executeTakeFirstOrThrow();
      const files = await ctx.platform.db.selectFrom('letter_attachments').selectAll().where('letter_id', '=', letter.id).orderBy('id').execute();
      // The names as uploaded are sealed too (a name may be personal); the row keeps a neutral one.
      assert.deepEqual(files.map((f) => [f.file_name, f.mime, Number(f.size)]), [['附件1.pdf', 'application/pdf', LETTER_FILES.pdf.length], ['附件2.jpg', 'image/jpeg', LETTER_FILES.jpeg.length], ['附件3.png', 'image/png', LETTER_FILES.png.length]]);
      const code = res.json<{ queryCode: string }>().queryCode;
      assert.deepEqual(files.map((f, i) => ctx.platform.cipher.decrypt(f.file_name_enc ?? '', `letters.attachment.${i}.name:${code}`)), ['材料.pdf', '照片.JPG', '截图.png']);
      for (const name of ['材料', '照片', '截图']) assert.ok(!JSON.stringify(files).includes(name), `${name} is not stored in the clear`);
      assert.ok(!files[0]!.content_enc.includes(LETTER_FILES.pdf.toString('base64').slice(0, 12)), 'attachment bytes are not stored in the clear');

      const four = multipartBody(stringFields(letterJson(mailboxId, await solvedCaptcha(ctx.app))), [1, 2, 3, 4].map((i) => ({ field: 'attachments', name: `${i}.pdf`, content: LETTER_FILES.pdf })));
      const tooMany = await ctx.app.inject({ method: 'POST', url: SUBMIT, payload: four.payload, headers: four.headers });
      assert.equal(tooMany.statusCode, 400, tooMany.body);
      assert.equal(tooMany.json<{ code: string }>().code, 'interaction.attachment.too_many');

      const big = Buffer.concat([LETTER_FILES.pdf, Buffer.alloc(ctx.platform.config.letterAttachmentMaxBytes)]);
      const large = multipartBody(stringFields(letterJson(mailboxId, await solvedCaptcha(ctx.app))), [{ field: 'attachments', name: '大文件.pdf', content: big }]);
      const tooLarge = await ctx.app.inject({ method: 'POST', url: SUBMIT, payload: large.payload, headers: large.headers });
      assert.equal(tooLarge.statusCode, 413, tooLarge.body);
      assert.equal(tooLarge.json<{ code: string }>().code, 'interaction.attachment.too_large');
    });

    test('personal data and private bodies are encrypted at rest (raw row), public bodies are not', async () => {
      const res = await submit(letterJson(mailboxId, await solvedCaptcha(ctx.app), { body: '私密来信正文：家中困难' }));
      const row = await ctx.platform.db.selectFrom('letters').selectAll().where('query_code', '=', res.json<{ queryCode: string }>().queryCode).executeTakeFirstOrThrow();
      const raw = JSON.stringify(row);
      for (const v of [...Object.values(PLANTED), '1381234', '私密来信正文']) assert.ok(!raw.includes(v), `"${v}" must not be stored in the clear`);
      for (const c of [row.name_enc, row.phone_enc, row.email_enc, row.id_number_enc, row.address_enc, row.body]) assert.match(c ?? '', /^v\d+\.[\w-]+\.[\w-]+\.[\w-]+$/);
      const pub = await submit(letterJson(mailboxId, await solvedCaptcha(ctx.app), { visibility: 'public', body: '公开来信正文' }));
      const pubRow = await ctx.platform.db.selectFrom('letters').select(['body', 'is_public', 'phone_enc']).where('query_code', '=', pub.json<{ queryCode: string }>().queryCode).executeTakeFirstOrThrow();
      assert.equal(pubRow.body, '公开来信正文');
      assert.equal(Number(pubRow.is_public), 1);
      assert.ok(!pubRow.phone_enc.includes(PLANTED.phone));
    });

    test('look-up: the right password shows progress with personal data masked; a wrong one gets a generic message', async () => {
      const res = await submit(letterJson(mailboxId, await solvedCaptcha(ctx.app)));
      const { queryCode, queryPassword } = res.json<{ queryCode: string; queryPassword: string }>();
      const ok = await ctx.app.inject({ method: 'POST', url: '/api/v1/public/letters/lookup', payload: { queryCode, queryPassword: queryPassword.toLowerCase() } });
      assert.equal(ok.statusCode, 200, ok.body);
      const letter = ok.json<{ letter: { status: string; statusName: string; body: string; citizen: Record<string, string>; letterTypeName: string } }>().letter;
      assert.equal(letter.status, 'received');
      assert.equal(letter.letterTypeName, '咨询');
      assert.equal(letter.body, '请问办理居住证需要哪些材料？');
      assert.deepEqual(letter.citizen, { name: '测****', phone: '138****5678', email: 'p***@example.cn', idNumber: '1101**********002X', address: '江苏省南京市****' });
      for (const v of Object.values(PLANTED)) assert.ok(!ok.body.includes(v));

      const wrong = await ctx.app.inject({ method: 'POST', url: '/api/v1/public/letters/lookup', payload: { queryCode, queryPassword: 'WRONGPW2' } });
      const unknown = await ctx.app.inject({ method: 'POST', url: '/api/v1/public/letters/lookup', payload: { queryCode: '20990101000000', queryPassword: 'WRONGPW2' } });
      assert.equal(wrong.statusCode, 400);
      assert.equal(unknown.statusCode, 400);
      assert.equal(wrong.json<{ code: string; detail: string }>().code, 'interaction.lookup.failed');
      assert.equal(wrong.json<{ detail: string }>().detail, unknown.json<{ detail: string }>().detail, 'unknown code and wrong password read the same');
    });

    test('look-up is throttled: after 5 wrong passwords even the right one is refused for 15 minutes', async () => {
      const res = await submit(letterJson(mailboxId, await solvedCaptcha(ctx.app)));
      const { queryCode, queryPassword } = res.json<{ queryCode: string; queryPassword: string }>();
      const look = (pw: string) => ctx.app.inject({ method: 'POST', url: '/api/v1/public/letters/lookup', payload: { queryCode, queryPassword: pw } });
      for (let i = 0; i < 5; i++) assert.equal((await look('WRONGPW2')).statusCode, 400);
      const locked = await look(queryPassword);
      assert.equal(locked.statusCode, 400);
      assert.equal(locked.json<{ code: string }>().code, 'interaction.lookup.failed');
      clock.advance(16 * 60_000);
      assert.equal((await look(queryPassword)).statusCode, 200);
      const denied = await ctx.platform.db.selectFrom('audit_events').select('id').where('action', '=', 'interaction.letter.lookup').where('result', '=', 'denied').execute();
      assert.ok(denied.length >= 5, 'wrong passwords are audited');
    });

    test('bad input: problem+json naming the field in Chinese, never echoing the value', async () => {
      const altcha = await solvedCaptcha(ctx.app);
      const noSubject = await submit({ ...letterJson(mailboxId, altcha), subject: undefined });
      assert.equal(noSubject.statusCode, 400);
      assert.match(noSubject.headers['content-type'] as string, /application\/problem\+json/);
      assert.equal(noSubject.json<{ code: string }>().code, 'http.validation');
      assert.match(noSubject.json<{ detail: string }>().detail, /subject/);
      const badType = await submit({ ...letterJson(mailboxId, altcha), letterType: 'praise' });
      assert.equal(badType.json<{ errors: { field: string }[] }>().errors[0]?.field, 'letterType');
      const badPhone = await submit(letterJson(mailboxId, altcha, { phone: '12345abc999' }));
      assert.equal(badPhone.json<{ code: string }>().code, 'interaction.phone.bad_format');
      assert.ok(!badPhone.body.includes('12345abc999'));
      const badId = await submit(letterJson(mailboxId, altcha, { idNumber: '110105194912310021' }));
      assert.equal(badId.json<{ code: string }>().code, 'interaction.id_number.bad_format');
      assert.ok(!badId.body.includes('110105194912310021'));
      const badMailbox = await submit(letterJson(999_999, altcha));
      assert.equal(badMailbox.json<{ code: string }>().code, 'interaction.mailbox.unavailable');
      const unknownSite = await ctx.app.inject({ method: 'POST', url: '/api/v1/public/sites/3299999999/letters', payload: letterJson(mailboxId, altcha) });
      assert.equal(unknownSite.statusCode, 404);
      const badKey = await submit(letterJson(mailboxId, altcha), { 'idempotency-key': 'short' });
      assert.equal(badKey.json<{ code: string }>().code, 'interaction.idempotency.bad_key');
      const blank = await submit(letterJson(mailboxId, altcha, { name: '   ' }));
      assert.equal(blank.json<{ code: string }>().code, 'interaction.blank');
    });

    test('HTML and script in every field are stored as text and rendered escaped', async () => {
      const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
      const { payload, headers } = multipartBody({
        mailboxId: String(mailboxId), letterType: 'complaint', visibility: 'public', subject: `标题${evil}`, body: `正文${evil}`,
        name: `姓名${evil}`.slice(0, 50), phone: '025-83391234', email: 'a@b.cn', idNumber: '', address: `地址${evil}`,
        idempotencyKey: idemKey(), altcha: await solvedCaptcha(ctx.app),
      });
      const res = await ctx.app.inject({ method: 'POST', url: '/letters.html', headers: { ...headers, host: PORTAL_HOST }, payload });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      assert.match(res.body, /信件提交成功/);
      const code = /查询编号<\/dt><dd><strong>(\d{14})</.exec(res.body)?.[1];
      const password = /查询密码<\/dt><dd><strong>([A-Z2-9]{8})</.exec(res.body)?.[1];
      assert.ok(code && password, 'the receipt page shows code and password');
      const row = await ctx.platform.db.selectFrom('letters').select(['subject', 'body']).where('query_code', '=', code).executeTakeFirstOrThrow();
      assert.equal(row.subject, `标题${evil}`, 'stored as typed: escaping is the page\'s job');
      const query = multipartBody({ queryCode: code, queryPassword: password });
      const page = await ctx.app.inject({ method: 'POST', url: '/letters/query.html', headers: { ...query.headers, host: PORTAL_HOST }, payload: query.payload });
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      assert.ok(!page.body.includes('<script>alert(1)'), 'no live script');
      assert.ok(!page.body.includes('<img src=x'), 'no live tag');
      assert.match(page.body, /标题&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.match(page.body, /正文&lt;script&gt;/);
      assert.match(page.body, /姓\*+/, 'the name is masked on the page');

      // A refused form shows the typed values again, escaped.
      const bad = multipartBody({ mailboxId: String(mailboxId), letterType: 'complaint', visibility: 'public', subject: evil, body: evil, name: '李四', phone: 'bad', idempotencyKey: idemKey(), altcha: await solvedCaptcha(ctx.app) });
      const again = await ctx.app.inject({ method: 'POST', url: '/letters.html', headers: { ...bad.headers, host: PORTAL_HOST }, payload: bad.payload });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /联系电话（phone）格式不正确/);
      assert.ok(!again.body.includes('<script>alert(1)'));
      assert.match(again.body, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    });

    test('the form page is served in the theme on every site with labelled fields and a fresh idempotency key', async () => {
      const a = await ctx.app.inject({ method: 'GET', url: '/letters.html', headers: { host: PORTAL_HOST } });
      const b = await ctx.app.inject({ method: 'GET', url: '/letters.html', headers: { host: '3201000001.localhost' } });
      assert.equal(a.statusCode, 200, a.body.slice(0, 300));
      assert.equal(b.statusCode, 200);
      assert.match(a.body, /<html lang="zh-CN"/);
      assert.match(a.body, /<form class="letter-form" action="\/letters.html" method="post" enctype="multipart\/form-data"/);
      for (const id of ['lf-mailbox', 'lf-subject', 'lf-body', 'lf-name', 'lf-phone', 'lf-email', 'lf-id', 'lf-address', 'lf-files']) {
        assert.match(a.body, new RegExp(`<label for="${id}">`), `label for ${id}`);
        assert.match(a.body, new RegExp(`id="${id}"`));
      }
      for (const t of ['咨询', '投诉', '建议', '求助']) assert.match(a.body, new RegExp(t));
      const key = (html: string) => /name="idempotencyKey" value="([\w-]+)"/.exec(html)?.[1];
      assert.ok(key(a.body) && key(a.body) !== key(b.body));
      assert.match(a.headers['content-security-policy'] as string, /script-src 'self'/);
      assert.equal(a.headers['cache-control'], 'no-store');
      const q = await ctx.app.inject({ method: 'GET', url: '/letters/query.html', headers: { host: PORTAL_HOST } });
      assert.equal(q.statusCode, 200);
      assert.match(q.body, /<label for="lq-password">查询密码<\/label>/);
    });

    test('the receipt page: a double submit of the form shows the same code without the password', async () => {
      const fields = { ...stringFields(letterJson(mailboxId, await solvedCaptcha(ctx.app))), idempotencyKey: idemKey() };
      const post = () => { const m = multipartBody(fields); return ctx.app.inject({ method: 'POST', url: '/letters.html', headers: { ...m.headers, host: PORTAL_HOST }, payload: m.payload }); };
      const first = await post();
      const second = await post();
      assert.equal(first.statusCode, 200);
      assert.equal(second.statusCode, 200);
      const code = (html: string) => /查询编号<\/dt><dd><strong>(\d{14})</.exec(html)?.[1];
      assert.equal(code(second.body), code(first.body));
      assert.match(second.body, /这封信在此前已经提交过/);
      assert.doesNotMatch(second.body, /查询密码<\/dt>/);
    });

    test('handler lists letters of sites in scope with personal data masked; others are refused', async () => {
      assert.equal((await submit(letterJson(mailboxId, await solvedCaptcha(ctx.app)))).statusCode, 201);
      const handler = await signIn(ctx.app, ctx.accounts.handler!, clock);
      const list = await handler.request('GET', `/api/v1/letters?siteId=1&pageSize=5`);
      assert.equal(list.statusCode, 200, list.body);
      const body = list.json<{ total: number; items: { citizen: Record<string, string | null>; subject: string }[] }>();
      assert.ok(body.total > 0);
      assert.equal(body.items[0]?.citizen.phone?.includes('****'), true);
      for (const v of Object.values(PLANTED)) assert.ok(!list.body.includes(v), `list must not show ${v}`);
      clock.advance(31_000);
      const editor = await signIn(ctx.app, ctx.accounts.editor!, clock);
      assert.equal((await editor.request('GET', '/api/v1/letters')).statusCode, 403);
      assert.equal((await ctx.app.inject({ method: 'GET', url: '/api/v1/letters' })).statusCode, 401);
      // A handler granted on the Nanjing portal only: sees its letters, not the province's.
      const nanjing = await ctx.platform.db.selectFrom('sites').select('id').where('code', '=', '3201000001').executeTakeFirstOrThrow();
      const njBox = (await portalMailboxes(ctx.app, '3201000001'))[0]!.id;
      const njLetter = await ctx.app.inject({ method: 'POST', url: '/api/v1/public/sites/3201000001/letters', payload: letterJson(njBox, await solvedCaptcha(ctx.app)) });
      assert.equal(njLetter.statusCode, 201, njLetter.body);
      const { user, initialPassword } = await createUser({ db: ctx.platform.db, actor: systemActor('test'), input: { username: 'nj_handler', displayName: '南京办理', orgId: 1 }, deps: identityDeps(ctx.platform) });
      await ctx.platform.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
      await ctx.platform.db.insertInto('role_grants').values({ user_id: user.id, role: 'interaction_handler', scope_type: 'site', scope_id: nanjing.id, granted_by: null, granted_at: 0 }).execute();
      const nj = await signIn(ctx.app, { username: 'nj_handler', password: initialPassword, totpSecret: null }, clock);
      const own = await nj.request('GET', '/api/v1/letters');
      assert.equal(own.statusCode, 200, own.body);
      assert.deepEqual([...new Set(own.json<{ items: { siteId: number }[] }>().items.map((i) => i.siteId))], [Number(nanjing.id)]);
      const other = await nj.request('GET', '/api/v1/letters?siteId=1');
      assert.equal(other.statusCode, 403, other.body);
    });

    test('site admin adds a leader mailbox with its own deadline; letters to it are due accordingly', async () => {
      clock.advance(31_000);
      const admin = await signIn(ctx.app, ctx.accounts.siteadmin!, clock);
      const created = await admin.request('POST', '/api/v1/sites/1/mailboxes', { kind: 'leader', name: '省长信箱', deadlineDays: 10 });
      assert.equal(created.statusCode, 201, created.body);
      const box = created.json<{ mailbox: { id: number; deadlineDays: number } }>().mailbox;
      assert.equal(box.deadlineDays, 10);
      const res = await submit(letterJson(box.id, await solvedCaptcha(ctx.app)));
      assert.equal(res.statusCode, 201, res.body);
      const r = res.json<{ receivedAt: number; dueAt: number }>();
      assert.equal(await ctx.platform.calendar.workingDaysBetween(r.receivedAt, r.dueAt), 10);
      const off = await admin.request('PATCH', `/api/v1/mailboxes/${box.id}`, { isEnabled: false });
      assert.equal(off.statusCode, 200, off.body);
      const refused = await submit(letterJson(box.id, await solvedCaptcha(ctx.app)));
      assert.equal(refused.json<{ code: string }>().code, 'interaction.mailbox.unavailable');
      const siteBox = (await portalMailboxes(ctx.app))[0]!;
      const fixed = await admin.request('PATCH', `/api/v1/mailboxes/${siteBox.id}`, { isEnabled: false });
      assert.equal(fixed.json<{ code: string }>().code, 'interaction.mailbox.site_mailbox_fixed');
      const audits = await ctx.platform.db.selectFrom('audit_events').select('action').where('action', 'in', ['interaction.mailbox.create', 'interaction.mailbox.update', 'interaction.letter.submit']).execute();
      assert.ok(audits.some((a) => a.action === 'interaction.mailbox.update'));
      assert.ok(audits.some((a) => a.action === 'interaction.letter.submit'));
    });
  });

  describe(`letters: the theme editor checks the letter templates [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => { ctx = await createTestContext(engine); });
    after(async () => { await ctx.close(); });

    test('the letter pages can be previewed, and a broken letter template cannot be saved', async () => {
      const dev = await signIn(ctx.app, ctx.accounts.templater!);
      const source = (await dev.request('GET', '/api/v1/theme/template?name=letter-form')).json<{ source: string }>().source;
      for (const page of ['letter-form', 'letter-receipt', 'letter-query']) {
        const res = await dev.request('POST', '/api/v1/theme/preview', { name: 'letter-form', source: source.replace('我要写信</h1>', '我要写信（预览）</h1>'), page });
        assert.equal(res.statusCode, 200, `${page}: ${res.body.slice(0, 300)}`);
      }
      const preview = await dev.request('POST', '/api/v1/theme/preview', { name: 'letter-form', source: source.replace('我要写信</h1>', '我要写信（预览）</h1>'), page: 'letter-form' });
      assert.match(preview.json<{ html: string }>().html, /我要写信（预览）/);
      const refused = await dev.request('PUT', '/api/v1/theme/template', { name: 'letter-query', source: '{% layout "layout" %}{% block content %}{{ letter.no_such_field }}{% endblock %}', note: '坏模板' });
      assert.equal(refused.statusCode, 400, refused.body);
      assert.equal(refused.json<{ code: string }>().code, 'publishing.theme.template_error');
    });
  });
}

function b64(o: unknown): string {
  return Buffer.from(JSON.stringify(o)).toString('base64');
}

async function countLetters(ctx: TestContext): Promise<number> {
  return Number((await ctx.platform.db.selectFrom('letters').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

async function countFiles(ctx: TestContext): Promise<number> {
  return Number((await ctx.platform.db.selectFrom('letter_attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}
