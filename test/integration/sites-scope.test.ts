import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createUser } from '../../src/platform/identity/operations/manage-users.js';
import { identityDeps } from '../../src/platform/identity/identity-deps.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { generateTotpSecret } from '../../src/platform/crypto/index.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import { orgId, registrySnapshot, type Problem, type SiteBody } from './sites-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`site registry: who sees and changes which site [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    let counter = 0;
    const s: Record<'sys' | 'sec' | 'sup' | 'siteadmin' | 'editor' | 'njEditor', TestSession> = {} as never;
    let portalId = 0;
    let nanjingId = 0;

    const login = async (username: string) => {
      clock.advance(31_000); // TOTP codes are single-use per time step
      return signIn(ctx.app, ctx.accounts[username]!, clock);
    };

    /** A signed-in site admin granted on the given scope (org or site), 2FA already set up. */
    const siteAdminOn = async (scopeType: 'org' | 'site', scopeId: number): Promise<TestSession> => {
      const username = `sa${counter++}`;
      const { user, initialPassword } = await createUser({ db: ctx.platform.db, actor: systemActor('test'), input: { username, displayName: `站务${counter}`, orgId: await orgId(ctx, '320100-bgt') }, deps: identityDeps(ctx.platform) });
      const totpSecret = generateTotpSecret();
      await ctx.platform.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 1, totp_secret_enc: ctx.platform.cipher.encrypt(totpSecret, `totp:${user.id}`) }).where('id', '=', user.id).execute();
      const grant = await s.sec.request('POST', '/api/v1/grants', { userId: user.id, role: 'site_admin', scopeType, scopeId });
      assert.equal(grant.statusCode, 201, grant.body);
      clock.advance(31_000);
      return signIn(ctx.app, { username, password: initialPassword, totpSecret }, clock);
    };

    const listCodes = async (session: TestSession, query = '') => {
      const res = await session.request('GET', `/api/v1/sites${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { items: SiteBody[] }).items.map((x) => x.code).sort();
    };

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      s.sys = await login('sysadmin');
      s.sec = await login('secadmin');
      s.sup = await login('supervisor');
      s.siteadmin = await login('siteadmin');
      s.editor = await login('editor');
      s.njEditor = await login('nj_editor');
      portalId = (await getSiteByCode(ctx.platform.db, '3200000001'))!.id;
      nanjingId = (await getSiteByCode(ctx.platform.db, '3201000001'))!.id;
    });
    after(async () => { await ctx.close(); });

    test('list is row-scoped: a Nanjing editor sees the Nanjing sites only; a platform supervisor sees all', async () => {
      assert.deepEqual(await listCodes(s.njEditor), ['3201000001', '3201000002', '3201000003', '3201020001']);
      const all = await listCodes(s.sup);
      const total = await ctx.platform.db.selectFrom('sites').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(all.length, Number(total.n));
      assert.ok(all.length >= 26, `${all.length} sites`);
    });

    test('list filters: kind, status, owner and text', async () => {
      assert.equal((await listCodes(s.sup, '?kind=city_portal')).length, 13);
      assert.deepEqual(await listCodes(s.sup, '?q=Nanjing.gov'), ['3201000001', '3201000002', '3201000003']);
      assert.deepEqual(await listCodes(s.sup, `?ownerOrgId=${await orgId(ctx, '320583')}`), ['3205830001']);
      assert.deepEqual(await listCodes(s.njEditor, '?kind=province_portal'), []);
      assert.deepEqual(await listCodes(s.sup, '?status=closed'), []);
    });

    test('the demo office staff are granted on the province government: the provincial portal is in their scope', async () => {
      assert.ok((await listCodes(s.editor)).includes('3200000001'), 'portal listed');
      const res = await s.editor.request('GET', `/api/v1/sites/${portalId}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((res.json() as { site: SiteBody }).site.name, '江苏省人民政府');
    });

    test('reading a site outside one\'s scope: 403 with a Chinese message; an unknown id: 404', async () => {
      const res = await s.njEditor.request('GET', `/api/v1/sites/${portalId}`);
      assert.equal(res.statusCode, 403);
      const p = res.json() as Problem;
      assert.equal(p.code, 'sites.out_of_scope');
      assert.equal(p.detail, '网站“江苏省人民政府”不在您的管理范围内');
      assert.equal((await s.njEditor.request('GET', `/api/v1/sites/${nanjingId}`)).statusCode, 200);
      const missing = await s.sup.request('GET', '/api/v1/sites/999999');
      assert.equal(missing.statusCode, 404);
      assert.equal((missing.json() as Problem).code, 'sites.not_found');
    });

    test('the site admin changes the settings of a site in scope: 200, stored, audited', async () => {
      const res = await s.siteadmin.request('PATCH', `/api/v1/sites/${portalId}/settings`, { name: '江苏省人民政府门户网站', logoUrl: 'https://www.jiangsu.gov.cn/logo.png', contact: { phone: '025-83392000' } });
      assert.equal(res.statusCode, 200, res.body);
      const site = (res.json() as { site: SiteBody }).site;
      assert.equal(site.name, '江苏省人民政府门户网站');
      assert.equal(site.contact.phone, '025-83392000');
      assert.equal(site.contact.email, 'webmaster@jiangsu.gov.cn', 'unchanged contact fields are kept');
      const ev = await ctx.platform.db.selectFrom('audit_events').select(['actor_name', 'target_id', 'detail']).where('action', '=', 'sites.site.update_settings').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal(ev.actor_name, 'siteadmin');
      assert.equal(String(ev.target_id), String(portalId));
      assert.deepEqual((JSON.parse(ev.detail) as { changes: { name: unknown } }).changes.name, { from: '江苏省人民政府', to: '江苏省人民政府门户网站' });
    });

    test('a site admin of another organization cannot change this site\'s settings (403, nothing written)', async () => {
      const njAdmin = await siteAdminOn('org', await orgId(ctx, '320100'));
      const before = await registrySnapshot(ctx);
      const res = await njAdmin.request('PATCH', `/api/v1/sites/${portalId}/settings`, { name: '被篡改' });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal((res.json() as Problem).code, 'sites.out_of_scope');
      assert.deepEqual(await registrySnapshot(ctx), before);
      assert.equal((await s.sup.request('GET', `/api/v1/sites/${portalId}`)).json<{ site: SiteBody }>().site.name === '被篡改', false);
      // Their own city's site is fine.
      const own = await njAdmin.request('PATCH', `/api/v1/sites/${nanjingId}/settings`, { contact: { address: '南京市北京东路1号' } });
      assert.equal(own.statusCode, 200, own.body);
    });

    test('a grant on one site (site scope) covers that site only', async () => {
      const wuxi = (await getSiteByCode(ctx.platform.db, '3202000001'))!;
      const admin = await siteAdminOn('site', wuxi.id);
      assert.deepEqual(await listCodes(admin), ['3202000001']);
      assert.equal((await admin.request('PATCH', `/api/v1/sites/${wuxi.id}/settings`, { logoUrl: '/logo/wuxi.png' })).statusCode, 200);
      const other = await admin.request('PATCH', `/api/v1/sites/${nanjingId}/settings`, { logoUrl: '/logo/x.png' });
      assert.equal(other.statusCode, 403);
      assert.equal((other.json() as Problem).code, 'sites.out_of_scope');
      // The grant itself went through identity's scope check, which asks the sites module's resolver.
      const grants = await s.sec.request('GET', '/api/v1/grants');
      const siteGrants = (grants.json() as { items: { scopeType: string; scopeId: number | null }[] }).items.filter((g) => g.scopeType === 'site');
      assert.deepEqual(siteGrants.map((g) => g.scopeId), [wuxi.id]);
    });

    test('the settings route changes settings only; identity fields stay with the platform admin', async () => {
      const res = await s.siteadmin.request('PATCH', `/api/v1/sites/${portalId}/settings`, { code: '3200000099' });
      assert.equal(res.statusCode, 400);
      assert.equal((res.json() as Problem).code, 'http.validation');
      const manage = await s.siteadmin.request('PATCH', `/api/v1/sites/${portalId}`, { status: 'offline' });
      assert.equal(manage.statusCode, 403);
      assert.equal((manage.json() as Problem).code, 'auth.forbidden');
      const bad = await s.siteadmin.request('PATCH', `/api/v1/sites/${portalId}/settings`, { name: '  ', contact: { email: 'x@' } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual((bad.json() as Problem).errors?.map((e) => e.field).sort(), ['contact.email', 'name']);
    });

    test('only the platform admin registers sites: the supervisor and the site admin get 403', async () => {
      const body = { kind: 'department', ownerOrgId: await orgId(ctx, '320100-czj'), name: '南京市财政局', code: '3201000009', primaryDomain: 'czj.nanjing.gov.cn' };
      for (const session of [s.sup, s.siteadmin, s.njEditor]) {
        const res = await session.request('POST', '/api/v1/sites', body);
        assert.equal(res.statusCode, 403);
        assert.equal((res.json() as Problem).code, 'auth.forbidden');
      }
      const ok = await s.sys.request('POST', '/api/v1/sites', body);
      assert.equal(ok.statusCode, 201, ok.body);
      assert.deepEqual(await listCodes(s.njEditor), ['3201000001', '3201000002', '3201000003', '3201000009', '3201020001']);
    });
  });
}
