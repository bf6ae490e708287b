/**
 * The template developer edits theme templates with preview, revisions and audit; a template
 * error is shown in preview and refused on save, so published pages never break.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { pageStoreFor } from '../../src/modules/publishing/index.js';
import { PROVINCE_PORTAL_CODE, publishedDocument } from '../support/workflow-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`theme template editing [${engine}]`, () => {
    let ctx: TestContext;
    let dev: TestSession;
    before(async () => {
      ctx = await createTestContext(engine);
      dev = await signIn(ctx.app, ctx.accounts.templater!);
      await publishedDocument(ctx.platform, { title: '模板测试用的通知' });
      await ctx.platform.jobs.runDue();
    });
    after(async () => ctx?.close());

    const footer = async () => (await dev.request('GET', '/api/v1/theme/template?name=partials/footer')).json() as { source: string; shipped: string; overridden: boolean; revisions: { id: number; note: string }[] };

    test('preview renders a sample page with the edited template; errors are shown, not published', async () => {
      const { source } = await footer();
      const edited = source.replace('我为政府网站找错', '我为政府网站找错（模板预览）');
      const ok = await dev.request('POST', '/api/v1/theme/preview', { name: 'partials/footer', source: edited, page: 'article' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.match((ok.json() as { html: string }).html, /模板预览/);
      assert.match((ok.json() as { html: string }).html, /模板测试用的通知/, 'a real published article of the site');
      for (const bad of ['{{ no_such_variable }}', '{% if %}', "{% include '../../../etc/passwd' %}", '{{ site.constructor.constructor }}x{{ missing }}', '{% bogus %}']) {
        const res = await dev.request('POST', '/api/v1/theme/preview', { name: 'partials/footer', source: bad, page: 'home' });
        assert.equal(res.statusCode, 400, `${bad} → ${res.statusCode}`);
        assert.equal(res.json().code, 'publishing.theme.template_error');
        assert.match(res.json().detail, /模板无法生成/);
        // The developer sees the template and line, never where the server keeps its files.
        assert.ok(!res.body.includes(process.cwd()) && !/themes[\\/]default/.test(res.body), res.body);
      }
      const unknownTag = await dev.request('POST', '/api/v1/theme/preview', { name: 'partials/footer', source: '{% bogus %}', page: 'home' });
      assert.match(unknownTag.json().detail, /bogus.*footer\.liquid, line:1/);
    });

    test('saving a broken template is refused and changes nothing; a good one is saved, audited and rebuilt; revert restores', async () => {
      const before = await footer();
      const refused = await dev.request('PUT', '/api/v1/theme/template', { name: 'partials/footer', source: `${before.source}{{ oops`, note: '坏模板' });
      assert.equal(refused.statusCode, 400);
      assert.equal((await footer()).overridden, false);

      const saved = await dev.request('PUT', '/api/v1/theme/template', { name: 'partials/footer', source: before.source.replace('网站地图', '网站导航地图'), note: '调整页脚' });
      assert.equal(saved.statusCode, 200, saved.body);
      const after = await footer();
      assert.equal(after.overridden, true);
      assert.equal(after.revisions[0]?.note, '调整页脚');
      const audit = await ctx.platform.db.selectFrom('audit_events').select('action').where('action', '=', 'publishing.theme.template_save').execute();
      assert.equal(audit.length, 1);
      await ctx.platform.jobs.runDue();
      const home = (await pageStoreFor(ctx.platform).read(PROVINCE_PORTAL_CODE, '/index.html'))!.toString('utf8');
      assert.match(home, /网站导航地图/, 'published pages use the saved template after the rebuild');

      const reverted = await dev.request('POST', '/api/v1/theme/template/revert', { name: 'partials/footer', note: '恢复默认' });
      assert.equal(reverted.statusCode, 200);
      await ctx.platform.jobs.runDue();
      assert.doesNotMatch((await pageStoreFor(ctx.platform).read(PROVINCE_PORTAL_CODE, '/index.html'))!.toString('utf8'), /网站导航地图/);
      assert.equal((await dev.request('GET', '/api/v1/theme/template?name=../secret')).statusCode, 400);
      assert.equal((await dev.request('GET', '/api/v1/theme/template?name=nope')).statusCode, 404);
    });
  });
}
