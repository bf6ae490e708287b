import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines, createTestDatabase, type TestDatabase } from '../support/engines.js';
import { testConfig } from '../support/platform.js';
import { createPlatform, type Platform } from '../../src/platform/platform.js';
import { buildApp, type JiyueApp } from '../../src/app.js';
import { registerAllJobs } from '../../src/register-jobs.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { signIn } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { assertNotLeaked, assertRefusedQuietly, captureLogs } from '../support/personal-data-leaks.js';
import { idemKey, LETTER_FILES, letterJson, multipartBody, PLANTED, PORTAL_CODE, PORTAL_HOST, portalMailboxes, solvedCaptcha, stringFields } from '../support/letter-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`letters: personal data stays out of logs and audit [${engine}]`, () => {
    let tdb: TestDatabase;
    let platform: Platform;
    let app: JiyueApp;
    const capture = captureLogs();
    const clock = new ManualClock();
    let handlerAccount: { username: string; password: string; totpSecret: string | null };
    let supervisorAccount: { username: string; password: string; totpSecret: string | null };

    before(async () => {
      tdb = await createTestDatabase(engine);
      platform = await createPlatform(testConfig(tdb), { clock });
      registerAllJobs(platform);
      const accounts = await seedDemo(platform, { writeAccountsFile: false });
      handlerAccount = accounts.find((a) => a.username === 'handler')!;
      supervisorAccount = accounts.find((a) => a.username === 'supervisor')!;
      app = await buildApp({ platform, logger: capture.logger });
      await app.ready();
    });
    after(async () => {
      await app.close();
      await platform.close();
      await tdb.drop();
    });

    test('submissions, refusals, look-ups, the handler list and a file download leave no personal data in logs or audit details', async () => {
      const mailboxId = (await portalMailboxes(app))[0]!.id;
      const url = `/api/v1/public/sites/${PORTAL_CODE}/letters`;
      const json = await app.inject({ method: 'POST', url, payload: letterJson(mailboxId, await solvedCaptcha(app)), headers: { 'idempotency-key': idemKey() } });
      assert.equal(json.statusCode, 201, json.body);
      const { queryCode, queryPassword } = json.json<{ queryCode: string; queryPassword: string }>();
      const withFile = multipartBody(stringFields(letterJson(mailboxId, await solvedCaptcha(app))), [{ field: 'attachments', name: `${PLANTED.name}身份证.pdf`, content: LETTER_FILES.exe }]);
      assert.equal((await app.inject({ method: 'POST', url, payload: withFile.payload, headers: withFile.headers })).statusCode, 415);
      const form = multipartBody({ ...stringFields(letterJson(mailboxId, await solvedCaptcha(app))), idempotencyKey: idemKey() });
      assert.equal((await app.inject({ method: 'POST', url: '/letters.html', payload: form.payload, headers: { ...form.headers, host: PORTAL_HOST } })).statusCode, 200);
      const badPhone = multipartBody(stringFields(letterJson(mailboxId, await solvedCaptcha(app), { idNumber: '110105194912310021' })));
      assertRefusedQuietly(await app.inject({ method: 'POST', url: '/letters.html', payload: badPhone.payload, headers: { ...badPhone.headers, host: PORTAL_HOST } }), 400, ['110105194912310021']);
      assert.equal((await app.inject({ method: 'POST', url, payload: letterJson(mailboxId, 'bm90IGEgY2FwdGNoYQ==') })).statusCode, 400);
      assert.equal((await app.inject({ method: 'POST', url: '/api/v1/public/letters/lookup', payload: { queryCode, queryPassword } })).statusCode, 200);
      assert.equal((await app.inject({ method: 'POST', url: '/api/v1/public/letters/lookup', payload: { queryCode, queryPassword: 'WRONGPW2' } })).statusCode, 400);
      const handler = await signIn(app, handlerAccount, clock);
      assert.equal((await handler.request('GET', '/api/v1/letters?siteId=1')).statusCode, 200);
      // A genuine file whose name is personal: stored, listed and downloaded by the handler.
      const named = multipartBody(stringFields(letterJson(mailboxId, await solvedCaptcha(app))), [{ field: 'attachments', name: `${PLANTED.name}身份证.pdf`, content: LETTER_FILES.pdf }]);
      const sent = await app.inject({ method: 'POST', url, payload: named.payload, headers: named.headers });
      assert.equal(sent.statusCode, 201, sent.body);
      const letter = await platform.db.selectFrom('letters').select('id').where('query_code', '=', sent.json<{ queryCode: string }>().queryCode).executeTakeFirstOrThrow();
      const file = (await handler.request('GET', `/api/v1/letters/${letter.id}`)).json<{ letter: { attachments: { id: number }[] } }>().letter.attachments[0]!;
      assert.equal((await handler.request('GET', `/api/v1/letters/${letter.id}/attachments/${file.id}`)).statusCode, 200);

      await assertNotLeaked(capture, platform, [...Object.values(PLANTED), '110105194912310021', '1381234', queryPassword], { logged: '/api/v1/public/sites/', audited: 'interaction.letter.submit' });
    });

    test('error reports: contact data given by API and form, a refused form, the look-up and the lists leave none in logs or audit details', async () => {
      capture.clear();
      const contact = { name: PLANTED.name, phone: PLANTED.phone, email: PLANTED.email };
      const report = async () => ({ errorType: 'typo', pageUrl: '/index.html', description: '首页有错别字', ...contact, altcha: await solvedCaptcha(app), idempotencyKey: idemKey() });
      const api = await app.inject({ method: 'POST', url: `/api/v1/public/sites/${PORTAL_CODE}/error-reports`, payload: await report() });
      assert.equal(api.statusCode, 201, api.body);
      const { queryCode } = api.json<{ queryCode: string }>();
      const form = multipartBody(stringFields(await report()));
      assert.equal((await app.inject({ method: 'POST', url: '/corrections.html', payload: form.payload, headers: { ...form.headers, host: PORTAL_HOST } })).statusCode, 200);
      const refused = multipartBody(stringFields({ ...(await report()), phone: `${PLANTED.phone}9` }));
      assertRefusedQuietly(await app.inject({ method: 'POST', url: '/corrections.html', payload: refused.payload, headers: { ...refused.headers, host: PORTAL_HOST } }), 400, [`${PLANTED.phone}9`]);
      assert.equal((await app.inject({ method: 'POST', url: '/api/v1/public/error-reports/lookup', payload: { queryCode } })).statusCode, 200);
      const supervisor = await signIn(app, supervisorAccount, clock);
      const list = await supervisor.request('GET', '/api/v1/error-reports?box=all');
      assert.equal(list.statusCode, 200, list.body);
      assert.ok(!list.body.includes(PLANTED.phone), 'the list shows the contact masked');

      await assertNotLeaked(capture, platform, [...Object.values(contact), `${PLANTED.phone}9`], { logged: '/error-reports', audited: 'error_report' });
    });
  });
}
