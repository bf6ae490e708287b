import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { AppError } from '../../src/platform/http/error-registry.js';
import { createSite, getSiteByDomain, sitesDeps } from '../../src/modules/sites/index.js';
import { freshProvinceDepartment, orgId, registrySnapshot, type Problem, type SiteBody } from './sites-fixtures.js';

interface WriteBody { site: SiteBody; warnings: { field: string; code: string; message: string }[] }

for (const engine of selectedEngines()) {
  describe(`site registry: register and change sites [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    let sys: TestSession;
    let n = 0;
    /** A valid body for a new provincial department site, overridable per test. */
    const deptBody = async (over: Record<string, unknown> = {}) => {
      const i = n++;
      return { kind: 'department', ownerOrgId: await freshProvinceDepartment(ctx), name: `江苏省测试厅${i}`, code: `320000${String(7000 + i)}`, primaryDomain: `t${i}.jiangsu.gov.cn`, ...over };
    };

    /** The request is refused with this code, status and Chinese text naming the field, and nothing is written. */
    const refused = async (body: unknown, expect: { status: number; code: string; field: string; text: RegExp }, method = 'POST', url = '/api/v1/sites') => {
      const before = await registrySnapshot(ctx);
      const res = await sys.request(method, url, body);
      assert.equal(res.statusCode, expect.status, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      const p = res.json() as Problem;
      assert.equal(p.code, expect.code, res.body);
      assert.match(p.detail, expect.text);
      const fe = p.errors?.find((e) => e.code === expect.code);
      assert.ok(fe, `field error for ${expect.code}: ${res.body}`);
      assert.equal(fe.field, expect.field);
      assert.match(fe.message, /[\u4e00-\u9fa5]/, 'the field message is Chinese');
      assert.deepEqual(await registrySnapshot(ctx), before, 'nothing written');
      return p;
    };

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      clock.advance(31_000);
      sys = await signIn(ctx.app, ctx.accounts.sysadmin!, clock);
    });
    after(async () => { await ctx.close(); });

    test('the demo registry: provincial portal, 13 city portals, 2 county portals, department sites, all open with a local alias', async () => {
      const res = await sys.request('GET', '/api/v1/sites');
      assert.equal(res.statusCode, 200, res.body);
      const items = (res.json() as { items: SiteBody[] }).items;
      const portal = items.find((s) => s.code === '3200000001');
      assert.equal(portal?.primaryDomain, 'www.jiangsu.gov.cn');
      assert.equal(portal?.kind, 'province_portal');
      assert.equal(portal?.localDomain, '3200000001.localhost');
      assert.equal(items.filter((s) => s.kind === 'city_portal').length, 13);
      assert.deepEqual(items.filter((s) => s.kind === 'county_portal').map((s) => s.primaryDomain).sort(), ['www.ks.gov.cn', 'www.njxw.gov.cn']);
      assert.ok(items.some((s) => s.primaryDomain === 'fgw.jiangsu.gov.cn' && s.name === '江苏省发展和改革委员会'), 'the DRC site');
      assert.ok(items.filter((s) => s.kind === 'department').length >= 5, 'several department sites');
      assert.ok(items.every((s) => s.status === 'open'), 'all open');
      const byLocal = await getSiteByDomain(ctx.platform.db, '3201000001.LOCALHOST');
      assert.equal(byLocal?.primaryDomain, 'www.nanjing.gov.cn');
    });

    test('a platform admin registers a department site: 201, normalised, domains stored, audited', async () => {
      const body = await deptBody({
        primaryDomain: 'WWW.Kjt.Jiangsu.GOV.CN.', aliases: ['en.kjt.jiangsu.gov.cn'], icpNumber: '苏ICP备05012345号',
        policeNumber: '苏公网安备32010202010001号', contact: { phone: '025-83391234', email: 'kjt@jiangsu.gov.cn', address: '南京市北京东路39号' },
        logoUrl: '/logo/kjt.png',
      });
      const res = await sys.request('POST', '/api/v1/sites', body);
      assert.equal(res.statusCode, 201, res.body);
      const { site, warnings } = res.json() as WriteBody;
      assert.equal(site.primaryDomain, 'www.kjt.jiangsu.gov.cn');
      assert.deepEqual(site.aliases, ['en.kjt.jiangsu.gov.cn']);
      assert.equal(site.localDomain, `${body.code}.localhost`);
      assert.equal(site.policeNumber, '苏公网安备 32010202010001号');
      assert.equal(site.status, 'building');
      const owner = await ctx.platform.db.selectFrom('organizations').select('name').where('id', '=', body.ownerOrgId).executeTakeFirstOrThrow();
      assert.equal(site.hostUnit, owner.name, 'the host unit defaults to the owner organization');
      assert.deepEqual(warnings, []);
      const domains = await ctx.platform.db.selectFrom('site_domains').select(['domain', 'is_primary']).where('site_id', '=', site.id).orderBy('domain').execute();
      assert.deepEqual(domains.map((d) => [d.domain, Number(d.is_primary)]), [[`${body.code}.localhost`, 0], ['en.kjt.jiangsu.gov.cn', 0], ['www.kjt.jiangsu.gov.cn', 1]]);
      const ev = await ctx.platform.db.selectFrom('audit_events').select(['actor_name', 'result', 'target_type', 'target_id', 'detail'])
        .where('action', '=', 'sites.site.create').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal(ev.actor_name, 'sysadmin');
      assert.equal(ev.result, 'success');
      assert.equal(ev.target_type, 'site');
      assert.equal(String(ev.target_id), String(site.id));
      assert.equal((JSON.parse(ev.detail) as { code: string }).code, body.code);
      const got = await sys.request('GET', `/api/v1/sites/${site.id}`);
      assert.equal((got.json() as { site: SiteBody }).site.primaryDomain, 'www.kjt.jiangsu.gov.cn');
    });

    test('a .政务 domain is accepted and stored in punycode', async () => {
      const res = await sys.request('POST', '/api/v1/sites', await deptBody({ primaryDomain: 'kjt.江苏.政务' }));
      assert.equal(res.statusCode, 201, res.body);
      assert.match((res.json() as WriteBody).site.primaryDomain, /^kjt\.xn--[a-z0-9]+\.xn--zfr164b$/);
    });

    test('a department domain outside its portal is registered with a warning, not refused', async () => {
      const res = await sys.request('POST', '/api/v1/sites', await deptBody({ primaryDomain: 'www.jssjyt.gov.cn' }));
      assert.equal(res.statusCode, 201, res.body);
      const { warnings } = res.json() as WriteBody;
      assert.equal(warnings[0]?.code, 'sites.domain.department_shape');
      assert.match(warnings[0]?.message ?? '', /jiangsu\.gov\.cn/);
    });

    test('a platform admin changes a site: code, domains and status; the local alias follows the code; audited with the changes', async () => {
      const created = (await sys.request('POST', '/api/v1/sites', await deptBody())).json() as WriteBody;
      const id = created.site.id;
      const res = await sys.request('PATCH', `/api/v1/sites/${id}`, { code: '3200007999', aliases: ['EN.t-new.jiangsu.gov.cn'], status: 'open', icpNumber: null });
      assert.equal(res.statusCode, 200, res.body);
      const { site } = res.json() as WriteBody;
      assert.equal(site.code, '3200007999');
      assert.equal(site.localDomain, '3200007999.localhost');
      assert.deepEqual(site.aliases, ['en.t-new.jiangsu.gov.cn']);
      assert.equal(site.status, 'open');
      assert.equal(await getSiteByDomain(ctx.platform.db, created.site.localDomain), undefined, 'the old local alias is gone');
      assert.equal((await getSiteByDomain(ctx.platform.db, '3200007999.localhost'))?.id, id);
      const ev = await ctx.platform.db.selectFrom('audit_events').select(['detail', 'target_id']).where('action', '=', 'sites.site.update').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal(String(ev.target_id), String(id));
      const changes = (JSON.parse(ev.detail) as { changes: Record<string, { from: unknown; to: unknown }> }).changes;
      assert.deepEqual(changes.code, { from: created.site.code, to: '3200007999' });
      assert.deepEqual(changes.status, { from: 'building', to: 'open' });
      assert.ok(!('name' in changes), 'unchanged fields are not recorded');
    });

    test('identifier code: bad format is refused (400, sites.code.bad_format, field code)', async () => {
      await refused(await deptBody({ code: 'BM123' }), { status: 400, code: 'sites.code.bad_format', field: 'code', text: /网站标识码.*格式不正确/ });
      await refused(await deptBody({ code: '32000012345' }), { status: 400, code: 'sites.code.bad_format', field: 'code', text: /10 位数字/ });
    });

    test('identifier code: the first 6 digits must be the owner division code', async () => {
      await refused(await deptBody({ code: '3201009999' }), { status: 400, code: 'sites.code.division_mismatch', field: 'code', text: /前 6 位应为主办机构的行政区划代码 320000/ });
    });

    test('identifier code: a taken code is refused (409) naming the site that has it', async () => {
      await refused(await deptBody({ code: '3200000001' }), { status: 409, code: 'sites.code.taken', field: 'code', text: /“3200000001”已被网站“江苏省人民政府”使用/ });
    });

    test('domain: taken (case-insensitively) as primary or alias is refused naming the site', async () => {
      await refused(await deptBody({ primaryDomain: 'WWW.Jiangsu.gov.cn' }), { status: 409, code: 'sites.domain.taken', field: 'primaryDomain', text: /www\.jiangsu\.gov\.cn.*江苏省人民政府/ });
      await refused(await deptBody({ aliases: ['www.nanjing.gov.cn'] }), { status: 409, code: 'sites.domain.taken', field: 'aliases.0', text: /南京市人民政府/ });
    });

    test('domain: only .gov.cn / .政务; malformed and reserved local names are refused', async () => {
      await refused(await deptBody({ primaryDomain: 'www.jiangsu-gov.com' }), { status: 400, code: 'sites.domain.not_gov', field: 'primaryDomain', text: /只能使用以 \.gov\.cn 或 \.政务 结尾的域名/ });
      await refused(await deptBody({ primaryDomain: 'gov.cn' }), { status: 400, code: 'sites.domain.not_gov', field: 'primaryDomain', text: /gov\.cn/ });
      await refused(await deptBody({ primaryDomain: 'bad_domain..gov.cn' }), { status: 400, code: 'sites.domain.bad_format', field: 'primaryDomain', text: /格式不正确/ });
      await refused(await deptBody({ aliases: ['3209990001.localhost'] }), { status: 400, code: 'sites.domain.reserved', field: 'aliases.0', text: /平台保留/ });
      await refused(await deptBody({ primaryDomain: 'a.jiangsu.gov.cn', aliases: ['A.jiangsu.gov.cn'] }), { status: 400, code: 'sites.domain.duplicate', field: 'aliases.0', text: /重复/ });
    });

    test('domain: JIYUE_SITE_EXTRA_DOMAIN_SUFFIXES admits test suffixes (operation with the setting on)', async () => {
      const deps = { ...sitesDeps(ctx.platform), extraDomainSuffixes: ['localhost'] };
      const input = { kind: 'department' as const, ownerOrgId: await freshProvinceDepartment(ctx), name: '本地测试厅', code: '3200006001', primaryDomain: 'kjt.localhost' };
      const { site } = await createSite({ db: ctx.platform.db, actor: systemActor('test'), input, deps });
      assert.equal(site.primaryDomain, 'kjt.localhost');
      await assert.rejects(
        createSite({ db: ctx.platform.db, actor: systemActor('test'), input: { ...input, ownerOrgId: await freshProvinceDepartment(ctx), code: '3200006002', primaryDomain: 'kjt2.localhost' }, deps: sitesDeps(ctx.platform) }),
        (e: unknown) => e instanceof AppError && e.code === 'sites.domain.not_gov',
      );
    });

    test('one site per organization: a second site is refused (409) naming the existing site', async () => {
      await refused(await deptBody({ ownerOrgId: await orgId(ctx, '320000-fgw') }), { status: 409, code: 'sites.owner.taken', field: 'ownerOrgId', text: /江苏省发展和改革委员会已开办网站“江苏省发展和改革委员会”（网站标识码 3200000002）/ });
    });

    test('townships and county departments cannot own a site: use columns on the county portal', async () => {
      const text = /不能单独开办网站，请使用县级门户网站（南京市玄武区人民政府）的栏目/;
      await refused(await deptBody({ ownerOrgId: await orgId(ctx, '320102-t1'), code: '3201020099' }), { status: 400, code: 'sites.owner.no_site_allowed', field: 'ownerOrgId', text });
      await refused(await deptBody({ ownerOrgId: await orgId(ctx, '320102-jyj'), code: '3201020098' }), { status: 400, code: 'sites.owner.no_site_allowed', field: 'ownerOrgId', text });
    });

    test('a general office cannot own a site: the portal is its government\'s', async () => {
      await refused(await deptBody({ kind: 'province_portal', ownerOrgId: await orgId(ctx, '320000-bgt') }), {
        status: 400, code: 'sites.owner.general_office', field: 'ownerOrgId', text: /政府门户网站由江苏省人民政府主办，江苏省人民政府办公厅不单独开办网站/,
      });
    });

    test('the portal kind must match the owner government level; kinds must match owner kinds', async () => {
      const nanjing = await orgId(ctx, '320100');
      const p = await refused(await deptBody({ kind: 'province_portal', ownerOrgId: nanjing, code: '3201009998' }), { status: 400, code: 'sites.kind.level_mismatch', field: 'kind', text: /南京市人民政府是设区市级人民政府，网站类型应为“设区市政府门户网站”/ });
      assert.ok(p.errors?.some((e) => e.code === 'sites.owner.taken'), 'every broken rule is listed');
      await refused(await deptBody({ kind: 'county_portal' }), { status: 400, code: 'sites.kind.portal_owner', field: 'kind', text: /政府门户网站的主办机构应为人民政府/ });
      await refused(await deptBody({ kind: 'department', ownerOrgId: nanjing, code: '3201009997' }), { status: 400, code: 'sites.kind.department_owner', field: 'kind', text: /部门网站只能由省级或设区市级政府部门主办/ });
    });

    test('filing numbers, contact and logo are checked', async () => {
      await refused(await deptBody({ icpNumber: 'ICP05000001' }), { status: 400, code: 'sites.icp.bad_format', field: 'icpNumber', text: /苏ICP备05000001号/ });
      await refused(await deptBody({ policeNumber: '苏公网安备 3201020201000号' }), { status: 400, code: 'sites.police.bad_format', field: 'policeNumber', text: /14 位数字/ });
      await refused(await deptBody({ contact: { email: 'not-an-email' } }), { status: 400, code: 'sites.contact.bad_email', field: 'contact.email', text: /联系邮箱/ });
      await refused(await deptBody({ logoUrl: 'javascript:alert(1)' }), { status: 400, code: 'sites.logo.bad_url', field: 'logoUrl', text: /https:\/\// });
    });

    test('an update is validated as a whole: taking another site\'s domain or code is refused and changes nothing', async () => {
      const created = (await sys.request('POST', '/api/v1/sites', await deptBody())).json() as WriteBody;
      const url = `/api/v1/sites/${created.site.id}`;
      await refused({ primaryDomain: 'www.suzhou.gov.cn' }, { status: 409, code: 'sites.domain.taken', field: 'primaryDomain', text: /苏州市人民政府/ }, 'PATCH', url);
      await refused({ code: '3200000002' }, { status: 409, code: 'sites.code.taken', field: 'code', text: /江苏省发展和改革委员会/ }, 'PATCH', url);
      await refused({ ownerOrgId: await orgId(ctx, '320000-jyt') }, { status: 409, code: 'sites.owner.taken', field: 'ownerOrgId', text: /江苏省教育厅已开办网站/ }, 'PATCH', url);
      // Keeping its own code and domain is not a clash with itself.
      const same = await sys.request('PATCH', url, { code: created.site.code, primaryDomain: created.site.primaryDomain.toUpperCase() });
      assert.equal(same.statusCode, 200, same.body);
    });

    test('concurrent registrations of one identifier code: exactly one wins', async () => {
      const [a, b] = await Promise.all([deptBody({ code: '3200008888' }), deptBody({ code: '3200008888' })]);
      const results = await Promise.all([sys.request('POST', '/api/v1/sites', a), sys.request('POST', '/api/v1/sites', b)]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409], results.map((r) => r.body).join(' / '));
      const rows = await ctx.platform.db.selectFrom('sites').select('id').where('code', '=', '3200008888').execute();
      assert.equal(rows.length, 1);
    });

    test('an unknown owner or site answers clearly', async () => {
      const res = await sys.request('POST', '/api/v1/sites', await deptBody({ ownerOrgId: 999_999 }));
      assert.equal(res.statusCode, 400);
      assert.equal((res.json() as Problem).code, 'sites.owner.not_found');
      const missing = await sys.request('PATCH', '/api/v1/sites/999999', { name: 'x' });
      assert.equal(missing.statusCode, 404);
      assert.equal((missing.json() as Problem).code, 'sites.not_found');
    });
  });
}
