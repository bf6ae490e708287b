import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createMailbox, interactionDeps } from '../../src/modules/interaction/index.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { PORTAL_HOST } from '../support/letter-fixtures.js';
import { insertLetter } from '../support/letter-rows.js';
import { orgIdByCode } from '../support/letter-workflow-fixtures.js';
import { signIn } from '../support/session.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 2, 0, 0);
const PHONE = '13812345678';
const ID_NUMBER = '11010519491231002X';

for (const engine of selectedEngines()) {
  describe(`letters: published letters on the site [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(T0 + 40 * DAY);
    let leaderMailbox: number;
    let xssId: number;
    let privateId: number;
    let unpublishedId: number;
    const page = (url: string, host = PORTAL_HOST) => ctx.app.inject({ method: 'GET', url, headers: { host } });

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      const unit = await orgIdByCode(ctx, '320000-jyt');
      leaderMailbox = (await createMailbox({ db: ctx.platform.db, actor: systemActor('test'), siteId: 1, input: { kind: 'leader', name: '省长信箱' }, deps: interactionDeps(ctx.platform) })).id;
      const published = (i: number, extra: Partial<Parameters<typeof insertLetter>[1]> = {}) => insertLetter(ctx, {
        isPublic: true, status: 'closed', subject: `公开咨询第${i}号`, body: `来信正文${i}`, reply: `答复正文${i}`, handlingOrgId: unit,
        receivedAt: T0 + i * DAY, dueAt: T0 + (i + 7) * DAY, acceptedAt: T0 + i * DAY + 3_600_000, repliedAt: T0 + (i + 2) * DAY, publishedAt: T0 + (i + 2) * DAY, ...extra,
      });
      for (let i = 1; i <= 22; i++) await published(i);
      await published(23, { letterType: 'complaint', mailboxId: leaderMailbox, subject: '投诉：噪声扰民' });
      xssId = await published(24, {
        subject: '<script>alert(1)</script>标题', body: `我的电话${PHONE}，身份证${ID_NUMBER}，请回电。`, reply: `请拨打${PHONE}联系<b>窗口</b>。`,
      });
      // Never on a public page: a private letter even though answered and marked, and a public one not yet answered.
      privateId = await insertLetter(ctx, { isPublic: false, status: 'closed', subject: '私密来信不应出现', receivedAt: T0, dueAt: T0 + 7 * DAY, repliedAt: T0 + DAY, publishedAt: T0 + DAY, reply: '私密答复' });
      unpublishedId = await insertLetter(ctx, { isPublic: true, status: 'assigned', subject: '尚未答复不应出现', receivedAt: T0, dueAt: T0 + 7 * DAY });
    });
    after(async () => { await ctx.close(); });

    test('the list shows published letters only, 20 a page, newest answer first, with their dates and unit', async () => {
      const first = await page('/letters/public.html');
      assert.equal(first.statusCode, 200, first.body.slice(0, 300));
      assert.match(first.body, /共 24 封/);
      assert.match(first.body, /第 1 \/ 2 页/);
      assert.equal((first.body.match(/<tr><td><a href="\/letters\/public\/letter\.html\?id=/g) ?? []).length, 20);
      assert.ok(first.body.indexOf('投诉：噪声扰民') < first.body.indexOf('公开咨询第22号'), 'newest answer first');
      assert.match(first.body, /<td>2026-11-24<\/td><td>2026-11-26<\/td><td>江苏省教育厅<\/td>/, 'received and replied dates and handling unit of letter 22');
      assert.match(first.body, /href="\/letters\/public\.html\?page=2" rel="next"/);
      for (const hidden of ['私密来信不应出现', '尚未答复不应出现']) assert.ok(!first.body.includes(hidden), hidden);
      const second = await page('/letters/public.html?page=2');
      assert.equal((second.body.match(/<tr><td><a href=/g) ?? []).length, 4);
      assert.match(second.body, /公开咨询第1号/);
      assert.match(second.body, /rel="prev"/);
      assert.doesNotMatch(second.body, /rel="next"/);
      // A malformed page number falls back to the first page rather than an error.
      assert.match((await page('/letters/public.html?page=abc')).body, /第 1 \/ 2 页/);
    });

    test('filters by mailbox and by type, and keeps the filter across pages', async () => {
      const byMailbox = await page(`/letters/public.html?mailbox=${leaderMailbox}`);
      assert.match(byMailbox.body, /共 1 封/);
      assert.match(byMailbox.body, /投诉：噪声扰民/);
      assert.match(byMailbox.body, new RegExp(`<option value="${leaderMailbox}" selected>省长信箱</option>`));
      const byType = await page('/letters/public.html?type=consultation');
      assert.match(byType.body, /共 23 封/);
      assert.doesNotMatch(byType.body, /投诉：噪声扰民/);
      assert.match(byType.body, /href="\/letters\/public\.html\?type=consultation&amp;page=2"/);
      const api = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/sites/3200000001/published-letters?letterType=complaint&mailboxId=${leaderMailbox}` });
      assert.equal(api.statusCode, 200, api.body);
      assert.deepEqual(api.json<{ items: { subject: string }[] }>().items.map((i) => i.subject), ['投诉：噪声扰民']);
    });

    test('the detail shows the letter and the reply, masked and escaped', async () => {
      const res = await page(`/letters/public/letter.html?id=${xssId}`);
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.ok(!res.body.includes('<script>alert(1)</script>'), 'the subject is not markup');
      assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;标题/);
      assert.match(res.body, /&lt;b&gt;窗口&lt;\/b&gt;/);
      assert.match(res.body, /138\*\*\*\*5678/);
      assert.match(res.body, /1101\*\*\*\*\*\*\*\*\*\*002X/);
      for (const raw of [PHONE, ID_NUMBER]) assert.ok(!res.body.includes(raw), `no ${raw} on the page`);
      assert.match(res.body, /答复内容/);
      assert.match(res.body, /江苏省教育厅/);
      const list = await page('/letters/public.html');
      assert.match(list.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;标题/);
      assert.ok(!list.body.includes('<script>alert(1)</script>'));
    });

    test('private, unanswered, unknown and other sites\' letters have no page', async () => {
      for (const id of [privateId, unpublishedId, 999_999]) assert.equal((await page(`/letters/public/letter.html?id=${id}`)).statusCode, 404, `letter ${id}`);
      assert.equal((await page('/letters/public/letter.html?id=x')).statusCode, 404);
      // Another site does not show the portal's letters.
      const other = await page(`/letters/public/letter.html?id=${xssId}`, '3200000002.localhost');
      assert.equal(other.statusCode, 404);
      const otherList = await page('/letters/public.html', '3200000002.localhost');
      assert.match(otherList.body, /暂无公开信件/);
    });

    test('the theme editor previews the new pages, and refuses a template that breaks one', async () => {
      const dev = await signIn(ctx.app, ctx.accounts.templater!, clock);
      for (const name of ['letter-public-list', 'letter-public', 'letter-statistics']) {
        const source = (await dev.request('GET', `/api/v1/theme/template?name=${name}`)).json<{ source: string }>().source;
        const res = await dev.request('POST', '/api/v1/theme/preview', { name, source: source.replace('</h1>', '（预览）</h1>'), page: name });
        assert.equal(res.statusCode, 200, `${name}: ${res.body.slice(0, 300)}`);
        assert.match(res.json<{ html: string }>().html, /（预览）<\/h1>/);
      }
      // A figures partial that reads a field the statistics page lacks is refused: every sample page renders first.
      const footer = (await dev.request('GET', '/api/v1/theme/template?name=partials/letter-figures')).json<{ source: string }>().source;
      const refused = await dev.request('PUT', '/api/v1/theme/template', { name: 'partials/letter-figures', source: `${footer}{{ block.no_such_field }}`, note: '坏模板' });
      assert.equal(refused.statusCode, 400, refused.body);
      assert.equal(refused.json<{ code: string }>().code, 'publishing.theme.template_error');
    });

    test('the letter form and the footer link to the published letters', async () => {
      const form = await page('/letters.html');
      assert.match(form.body, /<a href="\/letters\/public\.html">公开信件<\/a>/);
    });
  });
}
