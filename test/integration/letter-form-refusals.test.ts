/**
 * The public letter and error-report forms after a refusal, without JavaScript: the page comes
 * back in Chinese with what the citizen typed (never the files), every field's problem at once
 * and beside its input (aria-invalid, aria-describedby), also over the per-address limit, after
 * a refused attachment, and on the look-up page's follow-up forms. Ids in addresses and forms are
 * plain decimal digits. A refused or closed letter shows no reply deadline.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { ManualClock } from '../../src/platform/clock.js';
import { idemKey, LETTER_FILES, PORTAL_HOST, portalMailboxes, solvedCaptcha } from '../support/letter-fixtures.js';
import { seedLetter } from '../support/letter-workflow-fixtures.js';
import { insertLetter } from '../support/letter-rows.js';

type Part = readonly [name: string, value: string] | { readonly field: string; readonly name: string; readonly content: Buffer; readonly type?: string };

/** A multipart body in the order given: a browser sends the parts in the form's order, files between text fields. */
function orderedMultipart(parts: readonly Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----jiyueordered${Math.random().toString(16).slice(2)}`;
  const out: Buffer[] = [];
  for (const p of parts) {
    if (Array.isArray(p)) {
      const [k, v] = p as readonly [string, string];
      out.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
    } else {
      const f = p as Exclude<Part, readonly [string, string]>;
      out.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/pdf'}\r\n\r\n`, 'utf8'), f.content, Buffer.from('\r\n'));
    }
  }
  out.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(out), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const TYPED = { subject: '小区路灯损坏已一周', body: '西门路灯已坏一周，夜间出行不便，请协调维修。', name: '王小明', phone: '13912340000', email: 'wang@example.cn', address: '南京市玄武区某路1号' };

/** The letter form's fields in the theme's order, with the files where the file input is. */
function letterParts(mailboxId: string, altcha: string, files: readonly Part[], extra: Partial<Record<keyof typeof TYPED | 'letterType', string>> = {}): Part[] {
  const v = { ...TYPED, letterType: 'help', ...extra };
  return [
    ['idempotencyKey', idemKey()], ['mailboxId', mailboxId], ['letterType', v.letterType], ['subject', v.subject], ['body', v.body], ['visibility', 'private'],
    ...files,
    ['name', v.name], ['phone', v.phone], ['email', v.email], ['idNumber', ''], ['address', v.address], ['altcha', altcha],
  ];
}

/** The value of an input, or the text of a textarea, on a page. */
function fieldValue(html: string, id: string): string | undefined {
  const input = new RegExp(`<input id="${id}"[^>]*\\svalue="([^"]*)"`).exec(html);
  if (input) return input[1];
  return new RegExp(`<textarea id="${id}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1];
}

/** The opening tag of the element with this id. */
function tagOf(html: string, id: string): string {
  const m = new RegExp(`<(?:input|textarea|select)[^>]*\\sid="${id}"[^>]*>`).exec(html) ?? new RegExp(`<(?:input|textarea|select) id="${id}"[^>]*>`).exec(html);
  assert.ok(m, `an input with id ${id}`);
  return m[0];
}

function assertKept(html: string): void {
  assert.equal(fieldValue(html, 'lf-subject'), TYPED.subject, 'subject kept');
  assert.equal(fieldValue(html, 'lf-body'), TYPED.body, 'body kept');
  assert.equal(fieldValue(html, 'lf-name'), TYPED.name, 'name kept');
  assert.equal(fieldValue(html, 'lf-phone'), TYPED.phone, 'phone kept');
  assert.equal(fieldValue(html, 'lf-email'), TYPED.email, 'email kept');
  assert.equal(fieldValue(html, 'lf-address'), TYPED.address, 'address kept');
  assert.match(html, /<input type="radio" name="letterType" value="help" required checked>/, 'the chosen type kept');
}

async function countLetters(ctx: TestContext): Promise<number> {
  return Number((await ctx.platform.db.selectFrom('letters').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

for (const engine of selectedEngines()) {
  describe(`letter and error-report forms after a refusal [${engine}]`, () => {
    let ctx: TestContext;
    let mailboxId: number;
    const clock = new ManualClock();
    before(async () => {
      ctx = await createTestContext(engine, { clock });
      mailboxId = (await portalMailboxes(ctx.app))[0]!.id;
    });
    after(async () => { await ctx.close(); });

    const post = (url: string, body: { payload: Buffer; headers: Record<string, string> }, host = PORTAL_HOST) =>
      ctx.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, host } });

    test('an attachment over the size limit: 413 with everything typed kept, and the files to choose again', async () => {
      const before = await countLetters(ctx);
      const big = Buffer.concat([LETTER_FILES.pdf, Buffer.alloc(ctx.platform.config.letterAttachmentMaxBytes)]);
      const res = await post('/letters.html', orderedMultipart(letterParts(String(mailboxId), await solvedCaptcha(ctx.app), [{ field: 'attachments', name: '大文件.pdf', content: big }])));
      assert.equal(res.statusCode, 413, res.body.slice(0, 300));
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.match(res.body, /第 1 个文件超过大小上限/);
      assertKept(res.body);
      assert.match(res.body, /请重新选择/, 'says the files must be chosen again');
      assert.match(tagOf(res.body, 'lf-files'), /aria-invalid="true"/);
      assert.equal(await countLetters(ctx), before);
    });

    test('a control character in the text: 400, the text shown again without it, so sending again goes through', async () => {
      const before = await countLetters(ctx);
      const res = await post('/letters.html', orderedMultipart(letterParts(String(mailboxId), await solvedCaptcha(ctx.app), [], { body: `路灯\u0007已坏\u202e一周` })));
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(res.body, /含有不允许的字符/);
      assert.equal(fieldValue(res.body, 'lf-body'), '路灯已坏一周');
      assert.equal(await countLetters(ctx), before);
      const again = await post('/letters.html', orderedMultipart(letterParts(String(mailboxId), await solvedCaptcha(ctx.app), [], { body: fieldValue(res.body, 'lf-body')! })));
      assert.equal(again.statusCode, 200, again.body.slice(0, 300));
      assert.equal(await countLetters(ctx), before + 1);
    });

    test('a body declared larger than every file at its limit together is refused before it is read; one of no declared length too', async () => {
      const before = await countLetters(ctx);
      const body = orderedMultipart(letterParts(String(mailboxId), await solvedCaptcha(ctx.app), [{ field: 'attachments', name: '视频.pdf', content: LETTER_FILES.pdf }]));
      const huge = await ctx.app.inject({ method: 'POST', url: '/letters.html', payload: body.payload, headers: { ...body.headers, host: PORTAL_HOST, 'content-length': String(2 ** 31) } });
      assert.equal(huge.statusCode, 413, huge.body.slice(0, 300));
      assert.match(huge.headers['content-type'] as string, /text\/html/);
      assert.match(huge.body, /附件（attachments）合计不能超过 15 MB/);
      const api = await ctx.app.inject({ method: 'POST', url: '/api/v1/public/sites/3200000001/letters', payload: body.payload, headers: { ...body.headers, 'content-length': String(2 ** 31) } });
      assert.equal(api.json<{ code: string }>().code, 'interaction.form.too_large');
      const chunked = await ctx.app.inject({ method: 'POST', url: '/api/v1/public/sites/3200000001/letters', payload: body.payload, headers: { ...body.headers, 'transfer-encoding': 'chunked' } });
      assert.equal(chunked.statusCode, 411, chunked.body);
      assert.equal(await countLetters(ctx), before);
    });

    test('more than 3 files: 400 with everything typed kept', async () => {
      const four = [1, 2, 3, 4].map((i) => ({ field: 'attachments', name: `${i}.pdf`, content: LETTER_FILES.pdf }));
      const res = await post('/letters.html', orderedMultipart(letterParts(String(mailboxId), await solvedCaptcha(ctx.app), four)));
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(res.body, /最多 3 个/);
      assertKept(res.body);
      assert.match(res.body, /请重新选择/);
    });

    test('every field error at once, each beside its input with aria-invalid and aria-describedby, and the alert summary', async () => {
      const before = await countLetters(ctx);
      const parts = letterParts(String(mailboxId), await solvedCaptcha(ctx.app), [], { subject: '', phone: '12345abc999', email: 'not-an-email' })
        .filter((p) => !(Array.isArray(p) && p[0] === 'letterType'));
      const res = await post('/letters.html', orderedMultipart(parts));
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(res.body, /<div class="form-errors" role="alert"/);
      for (const [id, message] of [['lf-subject', /请填写标题/], ['lf-phone', /联系电话（phone）格式不正确/], ['lf-email', /电子邮箱（email）格式不正确/], ['lf-type', /请选择信件类型/]] as const) {
        const error = new RegExp(`id="${id}-error"[^>]*>([^<]*)<`).exec(res.body);
        assert.ok(error, `a message with id ${id}-error`);
        assert.match(error[1]!, message);
      }
      for (const id of ['lf-subject', 'lf-phone', 'lf-email']) {
        const tag = tagOf(res.body, id);
        assert.match(tag, /aria-invalid="true"/, `${id} is marked invalid`);
        assert.match(tag, new RegExp(`aria-describedby="[^"]*${id}-error`), `${id} is described by its message`);
      }
      assert.match(res.body, /<input type="radio" name="letterType" value="help"[^>]*aria-invalid="true"[^>]*aria-describedby="lf-type-error"/);
      assert.doesNotMatch(tagOf(res.body, 'lf-name'), /aria-invalid/, 'a good field is not marked');
      assert.doesNotMatch(/<div class="form-errors"[\s\S]*?<\/div>/.exec(res.body)![0], /12345abc999/, 'a message never repeats the value');
      assert.equal(fieldValue(res.body, 'lf-phone'), '12345abc999', 'the input keeps it');
      assert.equal(fieldValue(res.body, 'lf-body'), TYPED.body);
      assert.equal(await countLetters(ctx), before);
    });

    test('mailboxId must be plain digits: 0x.. is a field error, not another mailbox', async () => {
      const hex = `0x${mailboxId.toString(16)}`;
      const res = await post('/letters.html', orderedMultipart(letterParts(hex, await solvedCaptcha(ctx.app), [])));
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(res.body, /id="lf-mailbox-error"[^>]*>请选择收信信箱/);
      assert.match(tagOf(res.body, 'lf-mailbox'), /aria-invalid="true"/);
      assertKept(res.body);
      for (const bad of [`${mailboxId}abc`, `${mailboxId}e0`, ` ${mailboxId}`]) {
        const again = await post('/letters.html', orderedMultipart(letterParts(bad, await solvedCaptcha(ctx.app), [])));
        assert.equal(again.statusCode, 400, `mailboxId ${JSON.stringify(bad)}`);
      }
      const ok = await post('/letters.html', orderedMultipart(letterParts(String(mailboxId), await solvedCaptcha(ctx.app), [])));
      assert.equal(ok.statusCode, 200, ok.body.slice(0, 300));
      assert.match(ok.body, /信件提交成功/);
    });

    test('the error-report form ignores a file part and keeps what was typed on a refusal', async () => {
      const pageUrl = 'https://www.jiangsu.gov.cn/';
      const host = '3200000001.localhost';
      const file = { field: 'attachments', name: '截图.png', content: LETTER_FILES.png, type: 'image/png' };
      const refused = await post('/corrections.html', orderedMultipart([
        ['idempotencyKey', idemKey()], ['pageUrl', pageUrl], file, ['description', '“办事指南”页电话号码有误'], ['name', '纠错李四'], ['phone', '12'], ['altcha', await solvedCaptcha(ctx.app)],
      ]), host);
      assert.equal(refused.statusCode, 400, refused.body.slice(0, 300));
      assert.doesNotMatch(refused.body, /附件（attachments）最多/);
      assert.match(refused.body, /请选择错误类型/);
      assert.match(refused.body, /<textarea id="cf-desc"[^>]*>“办事指南”页电话号码有误<\/textarea>/);
      assert.match(refused.body, /<input id="cf-name"[^>]*value="纠错李四"/);
      assert.match(refused.body, /<input id="cf-page"[^>]*value="https:\/\/www\.jiangsu\.gov\.cn\/"/);
      const taken = await post('/corrections.html', orderedMultipart([
        ['idempotencyKey', idemKey()], ['pageUrl', pageUrl], ['errorType', 'typo'], file, ['description', '首页有错别字'], ['altcha', await solvedCaptcha(ctx.app)],
      ]), host);
      assert.equal(taken.statusCode, 200, taken.body.slice(0, 500));
      assert.match(taken.body, /纠错提交成功/);
    });

    test('look-up page: a refused supplement or rating keeps the letter shown, says why beside the field, and keeps the text', async () => {
      const letter = await seedLetter(ctx);
      await ctx.platform.db.updateTable('letters').set({ status: 'supplementing', paused_at: clock.now(), paused_from_status: 'received' }).where('id', '=', letter.id).execute();
      const long = '补'.repeat(5001);
      const supplement = orderedMultipart([['queryCode', letter.queryCode], ['action', 'supplement'], ['text', long], ['queryPassword', letter.queryPassword]]);
      const res = await post('/letters/query.html', supplement);
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(res.body, /<section class="letter-result"/, 'the letter is still shown');
      assert.match(res.body, /id="lq-supplement-error"[^>]*>补充内容不能超过 5000 字/);
      assert.match(res.body, /<textarea id="lq-supplement"[^>]*aria-invalid="true"[^>]*aria-describedby="lq-supplement-error"/);
      assert.ok(res.body.includes(`>${long}</textarea>`), 'the typed supplement is kept');

      await ctx.platform.db.updateTable('letters').set({ status: 'replied', replied_at: clock.now(), paused_at: null, paused_from_status: null }).where('id', '=', letter.id).execute();
      const rate = await post('/letters/query.html', orderedMultipart([['queryCode', letter.queryCode], ['action', 'rate'], ['satisfaction', 'bogus'], ['queryPassword', letter.queryPassword]]));
      assert.equal(rate.statusCode, 400, rate.body.slice(0, 300));
      assert.match(rate.body, /<section class="letter-result"/);
      assert.match(rate.body, /id="lq-rate-error"[^>]*>请选择您对答复的评价/);

      // Without the right password nothing of the letter is shown, whatever else was wrong.
      const wrong = await post('/letters/query.html', orderedMultipart([['queryCode', letter.queryCode], ['action', 'supplement'], ['text', long], ['queryPassword', 'WRONGPW2']]));
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /查询编号或查询密码不正确/);
      assert.doesNotMatch(wrong.body, /<section class="letter-result"/);
      assert.ok(!wrong.body.includes(long));
    });

    test('no reply deadline on the look-up page of a refused, merged or closed letter', async () => {
      const letter = await seedLetter(ctx);
      const look = () => post('/letters/query.html', orderedMultipart([['queryCode', letter.queryCode], ['queryPassword', letter.queryPassword]]));
      const open = await look();
      assert.equal(open.statusCode, 200);
      assert.match(open.body, /<dt>答复期限<\/dt>/, 'a letter being handled shows its deadline');
      for (const status of ['refused', 'merged', 'closed'] as const) {
        await ctx.platform.db.updateTable('letters').set({ status }).where('id', '=', letter.id).execute();
        const page = await look();
        assert.equal(page.statusCode, 200, status);
        assert.doesNotMatch(page.body, /答复期限/, `no deadline when ${status}`);
      }
    });

    test('a published letter\'s address takes plain digits only: 1e3 or 1abc is the site\'s 404', async () => {
      const id = await insertLetter(ctx, {
        isPublic: true, status: 'closed', subject: '公开咨询：编号解析', reply: '答复', receivedAt: clock.now() - 86_400_000, dueAt: clock.now(),
        repliedAt: clock.now() - 3_600_000, publishedAt: clock.now() - 3_600_000,
      });
      const get = (q: string) => ctx.app.inject({ method: 'GET', url: `/letters/public/letter.html?id=${q}`, headers: { host: PORTAL_HOST } });
      assert.equal((await get(String(id))).statusCode, 200);
      for (const bad of [`${id}e0`, `${id}abc`, `${id}.0`, `0x${id.toString(16)}`, `+${id}`, `%20${id}`, `0${id}`, '1e3']) {
        const res = await get(bad);
        assert.equal(res.statusCode, 404, `id=${bad}`);
        assert.doesNotMatch(res.body, /公开咨询：编号解析/);
      }
    });
  });

  describe(`letter form over the per-address limit [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => { ctx = await createTestContext(engine, { config: { letterSubmitRatePerHour: 1 } }); });
    after(async () => { await ctx.close(); });

    test('429: the page says nothing was sent and keeps what was typed', async () => {
      const mailboxId = (await portalMailboxes(ctx.app))[0]!.id;
      const send = async () => {
        const m = orderedMultipart(letterParts(String(mailboxId), await solvedCaptcha(ctx.app), []));
        return ctx.app.inject({ method: 'POST', url: '/letters.html', remoteAddress: '192.0.2.61', payload: m.payload, headers: { ...m.headers, host: PORTAL_HOST } });
      };
      assert.equal((await send()).statusCode, 200);
      const limited = await send();
      assert.equal(limited.statusCode, 429);
      assert.match(limited.headers['content-type'] as string, /text\/html/);
      assert.match(limited.body, /提交过于频繁，请稍后再试/);
      assert.match(limited.body, /没有提交/);
      assertKept(limited.body);
      // With files (a large body) the text is not read back: the page still says clearly that nothing was sent.
      const big = orderedMultipart(letterParts(String(mailboxId), 'x', [{ field: 'attachments', name: 'a.pdf', content: Buffer.concat([LETTER_FILES.pdf, Buffer.alloc(200_000)]) }]));
      const withFile = await ctx.app.inject({ method: 'POST', url: '/letters.html', remoteAddress: '192.0.2.61', payload: big.payload, headers: { ...big.headers, host: PORTAL_HOST } });
      assert.equal(withFile.statusCode, 429);
      assert.match(withFile.body, /没有提交/);
      assert.match(withFile.body, /重新填写/);
    });
  });
}
