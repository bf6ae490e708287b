/**
 * Per-address limits on letters (a flood from one address gets 429 while
 * other visitors are served): the JSON API and the form page, which answers over its limit with
 * the page and a message.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { letterJson, multipartBody, PORTAL_CODE, PORTAL_HOST, portalMailboxes, solvedCaptcha, stringFields } from '../support/letter-fixtures.js';

const SUBMIT = `/api/v1/public/sites/${PORTAL_CODE}/letters`;

for (const engine of selectedEngines()) {
  describe(`letters: per-address rate limit [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => { ctx = await createTestContext(engine, { config: { letterSubmitRatePerHour: 2 } }); });
    after(async () => { await ctx.close(); });

    test('the third submit from one address in an hour gets 429 while another address is still served', async () => {
      const mailboxId = (await portalMailboxes(ctx.app))[0]!.id;
      const from = async (ip: string) => ctx.app.inject({ method: 'POST', url: SUBMIT, remoteAddress: ip, payload: letterJson(mailboxId, await solvedCaptcha(ctx.app)) });
      assert.equal((await from('203.0.113.7')).statusCode, 201);
      assert.equal((await from('203.0.113.7')).statusCode, 201);
      const third = await from('203.0.113.7');
      assert.equal(third.statusCode, 429, third.body);
      assert.equal(third.json<{ code: string }>().code, 'http.rate_limited');
      assert.equal((await from('198.51.100.9')).statusCode, 201);
      const page = await ctx.app.inject({ method: 'GET', url: '/letters.html', remoteAddress: '203.0.113.7', headers: { host: PORTAL_HOST } });
      assert.equal(page.statusCode, 200, 'the limited address can still read the site');
      // The form page over its limit answers with the page and a message, not with JSON.
      const formPost = async () => {
        const m = multipartBody(stringFields(letterJson(mailboxId, await solvedCaptcha(ctx.app))));
        return ctx.app.inject({ method: 'POST', url: '/letters.html', remoteAddress: '192.0.2.44', payload: m.payload, headers: { ...m.headers, host: PORTAL_HOST } });
      };
      assert.equal((await formPost()).statusCode, 200);
      assert.equal((await formPost()).statusCode, 200);
      const limited = await formPost();
      assert.equal(limited.statusCode, 429);
      assert.match(limited.headers['content-type'] as string, /text\/html/);
      assert.match(limited.body, /提交过于频繁，请稍后再试/);
    });
  });
}
