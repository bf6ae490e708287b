import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createUser } from '../../src/platform/identity/operations/manage-users.js';
import { identityDeps } from '../../src/platform/identity/identity-deps.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { getOrgByCode } from '../../src/platform/identity/orgs.repo.js';
import { generateTotpSecret } from '../../src/platform/crypto/index.js';
import { ensureTestSite, insertTestColumn } from '../support/content-fixtures.js';

interface Problem { code: string; status: number; detail: string; errors?: { field: string }[] }
interface AuditItem { action: string; result: string; actorName: string; detail: Record<string, unknown> }

for (const engine of selectedEngines()) {
  describe(`role grants and the separation of powers [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    const s: Record<'sys' | 'sec' | 'aud' | 'editor', TestSession> = {} as never;
    let counter = 0;
    let provinceOfficeId = 0;

    /** Each admin sign-in needs a fresh TOTP time step (codes are single-use). */
    const signInAdmin = async (username: string) => {
      clock.advance(31_000);
      return signIn(ctx.app, ctx.accounts[username]!, clock);
    };

    /** A user ready to sign in (initial password already changed), optionally with TOTP set up. */
    const makeUser = async (orgId: number, opts: { totp?: boolean } = {}) => {
      const username = `gr${counter++}`;
      const { user, initialPassword } = await createUser({ db: ctx.platform.db, actor: systemActor('test'), input: { username, displayName: `授权测试${counter}`, orgId }, deps: identityDeps(ctx.platform) });
      const totpSecret = opts.totp ? generateTotpSecret() : null;
      await ctx.platform.db.updateTable('users').set({
        must_change_password: 0,
        ...(totpSecret ? { totp_enabled: 1, totp_secret_enc: ctx.platform.cipher.encrypt(totpSecret, `totp:${user.id}`) } : {}),
      }).where('id', '=', user.id).execute();
      return { id: user.id, username, password: initialPassword, totpSecret };
    };

    const grantRows = async (userId: number) =>
      ctx.platform.db.selectFrom('role_grants').select(['role', 'scope_type', 'scope_id']).where('user_id', '=', userId).orderBy('id').execute();

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      s.sys = await signInAdmin('sysadmin');
      s.sec = await signInAdmin('secadmin');
      s.aud = await signInAdmin('auditor');
      s.editor = await signIn(ctx.app, ctx.accounts.editor!, clock);
      provinceOfficeId = (await getOrgByCode(ctx.platform.db, '320000-bgt'))!.id;
    });
    after(async () => { await ctx.close(); });

    test('the security admin grants editor on an organization: 201, stored and audited', async () => {
      const u = await makeUser(provinceOfficeId);
      const res = await s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'editor', scopeType: 'org', scopeId: provinceOfficeId });
      assert.equal(res.statusCode, 201, res.body);
      const grant = (res.json() as { grant: { id: number; userId: number; role: string; scopeType: string; scopeId: number; scopeName: string } }).grant;
      assert.equal(grant.userId, u.id);
      assert.equal(grant.role, 'editor');
      assert.equal(grant.scopeType, 'org');
      assert.equal(grant.scopeId, provinceOfficeId);
      assert.equal(grant.scopeName, '江苏省人民政府办公厅');
      assert.deepEqual(await grantRows(u.id), [{ role: 'editor', scope_type: 'org', scope_id: provinceOfficeId }]);
      const ev = await ctx.platform.db.selectFrom('audit_events').select(['actor_name', 'result', 'target_id']).where('action', '=', 'identity.grant.create').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal(ev.actor_name, 'secadmin');
      assert.equal(ev.result, 'success');
      assert.equal(String(ev.target_id), String(grant.id));
    });

    test('三员: a system admin cannot also be made audit admin (409, clear Chinese message, audited, nothing written)', async () => {
      const u = await makeUser(provinceOfficeId);
      const first = await s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'system_admin', scopeType: 'platform' });
      assert.equal(first.statusCode, 201, first.body);
      const rowsBefore = await grantRows(u.id);
      const res = await s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'audit_admin', scopeType: 'platform' });
      assert.equal(res.statusCode, 409);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      const p = res.json() as Problem;
      assert.equal(p.code, 'identity.grant.separation_of_duties');
      assert.equal(p.detail, '三员分立：该用户已担任系统管理员，不能再授予安全审计员（系统管理员、安全管理员、安全审计员不得由同一人兼任）');
      const en = await s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'security_admin', scopeType: 'platform' }, { 'accept-language': 'en' });
      assert.equal(en.statusCode, 409);
      assert.match((en.json() as Problem).detail, /^Separation of duties/);
      assert.deepEqual(await grantRows(u.id), rowsBefore, 'no grant row written');

      // The auditor sees the refusal.
      const log = await s.aud.request('GET', '/api/v1/audit/events?action=identity.grant.separation_of_duties');
      assert.equal(log.statusCode, 200, log.body);
      const items = (log.json() as { items: AuditItem[] }).items;
      assert.ok(items.length >= 2, JSON.stringify(items));
      assert.ok(items.every((e) => e.result === 'failure' && e.actorName === 'secadmin'));
      assert.equal(items[0]!.detail.status, 409);
      const row = await ctx.platform.db.selectFrom('audit_events').select(['result', 'target_id']).where('action', '=', 'identity.grant.separation_of_duties').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal(row.result, 'failure');
      assert.equal(row.target_id, 'POST /api/v1/grants');
    });

    test('三员 holds on an organization scope too, and for the demo system admin', async () => {
      const u = await makeUser(provinceOfficeId);
      assert.equal((await s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'audit_admin', scopeType: 'org', scopeId: provinceOfficeId })).statusCode, 201);
      const clash = await s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'security_admin', scopeType: 'org', scopeId: provinceOfficeId });
      assert.equal(clash.statusCode, 409);
      assert.equal((clash.json() as Problem).code, 'identity.grant.separation_of_duties');
      // The same admin role on a second scope is not a clash.
      assert.equal((await s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'audit_admin', scopeType: 'platform' })).statusCode, 201);

      const sysadminId = (await ctx.platform.db.selectFrom('users').select('id').where('username', '=', 'sysadmin').executeTakeFirstOrThrow()).id;
      const before = await grantRows(sysadminId);
      const res = await s.sec.request('POST', '/api/v1/grants', { userId: sysadminId, role: 'security_admin', scopeType: 'platform' });
      assert.equal(res.statusCode, 409);
      assert.equal((res.json() as Problem).code, 'identity.grant.separation_of_duties');
      assert.match((res.json() as Problem).detail, /已担任系统管理员，不能再授予安全管理员/);
      assert.deepEqual(await grantRows(sysadminId), before);
    });

    test('三员 under concurrency: two admin grants racing for one user, exactly one wins', async () => {
      const u = await makeUser(provinceOfficeId);
      const [a, b] = await Promise.all([
        s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'system_admin', scopeType: 'platform' }),
        s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'audit_admin', scopeType: 'platform' }),
      ]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [201, 409], `${a.body} / ${b.body}`);
      assert.equal((await grantRows(u.id)).length, 1);
    });

    test('only the security admin grants roles: the system admin, the auditor and an editor get 403', async () => {
      const u = await makeUser(provinceOfficeId);
      const body = { userId: u.id, role: 'reviewer', scopeType: 'org', scopeId: provinceOfficeId };
      for (const [who, session] of [['sysadmin', s.sys], ['auditor', s.aud], ['editor', s.editor]] as const) {
        const res = await session.request('POST', '/api/v1/grants', body);
        assert.equal(res.statusCode, 403, who);
        assert.equal((res.json() as Problem).code, 'auth.forbidden', who);
      }
      assert.deepEqual(await grantRows(u.id), []);
      const denied = await ctx.platform.db.selectFrom('audit_events').select(['actor_name', 'result']).where('action', '=', 'auth.forbidden').where('target_id', '=', 'POST /api/v1/grants').execute();
      for (const who of ['sysadmin', 'auditor', 'editor']) assert.ok(denied.some((e) => e.actor_name === who && e.result === 'denied'), who);
    });

    test('nobody grants roles to themselves or revokes their own', async () => {
      const secId = (await ctx.platform.db.selectFrom('users').select('id').where('username', '=', 'secadmin').executeTakeFirstOrThrow()).id;
      const before = await grantRows(secId);
      const res = await s.sec.request('POST', '/api/v1/grants', { userId: secId, role: 'editor', scopeType: 'org', scopeId: provinceOfficeId });
      assert.equal(res.statusCode, 403);
      assert.equal((res.json() as Problem).code, 'identity.grant.self');
      assert.equal((res.json() as Problem).detail, '不能给自己授予或撤销角色');
      const own = await ctx.platform.db.selectFrom('role_grants').select('id').where('user_id', '=', secId).executeTakeFirstOrThrow();
      const revoke = await s.sec.request('DELETE', `/api/v1/grants/${own.id}`);
      assert.equal(revoke.statusCode, 403);
      assert.equal((revoke.json() as Problem).code, 'identity.grant.self');
      assert.deepEqual(await grantRows(secId), before);
    });

    test('bad grants are refused with their own codes', async () => {
      const u = await makeUser(provinceOfficeId);
      const unknown = await s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'root', scopeType: 'platform' });
      assert.equal(unknown.statusCode, 400);
      assert.equal((unknown.json() as Problem).code, 'identity.grant.unknown_role');
      assert.deepEqual((unknown.json() as Problem).errors?.map((e) => e.field), ['role']);
      const badScope = await s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'system_admin', scopeType: 'column', scopeId: 1 });
      assert.equal(badScope.statusCode, 400);
      assert.equal((badScope.json() as Problem).code, 'identity.grant.bad_scope');
      const noUser = await s.sec.request('POST', '/api/v1/grants', { userId: 987_654, role: 'editor', scopeType: 'org', scopeId: provinceOfficeId });
      assert.equal((noUser.json() as Problem).code, 'identity.user.not_found');
      assert.equal((await s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'editor', scopeType: 'org', scopeId: provinceOfficeId })).statusCode, 201);
      const dup = await s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'editor', scopeType: 'org', scopeId: provinceOfficeId });
      assert.equal(dup.statusCode, 409);
      assert.equal((dup.json() as Problem).code, 'identity.grant.duplicate');
      assert.equal((await grantRows(u.id)).length, 1);
    });

    test('the system admin manages accounts but cannot read the audit log; the audit admin only reads it', async () => {
      assert.equal((await s.sys.request('GET', '/api/v1/users')).statusCode, 200);
      const created = await s.sys.request('POST', '/api/v1/users', { username: `sysmade${counter++}`, displayName: '系统建', orgId: provinceOfficeId });
      assert.equal(created.statusCode, 201, created.body);
      for (const url of ['/api/v1/audit/events', '/api/v1/audit/events.csv']) {
        const res = await s.sys.request('GET', url);
        assert.equal(res.statusCode, 403, url);
        assert.equal((res.json() as Problem).code, 'auth.forbidden');
      }
      assert.equal((await s.sys.request('POST', '/api/v1/audit/verify')).statusCode, 403);

      const events = await s.aud.request('GET', '/api/v1/audit/events?pageSize=5');
      assert.equal(events.statusCode, 200);
      assert.ok((events.json() as { total: number }).total > 0);
      assert.equal((await s.aud.request('GET', '/api/v1/audit/events.csv')).statusCode, 200);
      const users = await ctx.platform.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const noUser = await s.aud.request('POST', '/api/v1/users', { username: 'auditmade', displayName: '审计建', orgId: provinceOfficeId });
      assert.equal(noUser.statusCode, 403);
      assert.equal((noUser.json() as Problem).code, 'auth.forbidden');
      const u = await makeUser(provinceOfficeId);
      const noGrant = await s.aud.request('POST', '/api/v1/grants', { userId: u.id, role: 'editor', scopeType: 'org', scopeId: provinceOfficeId });
      assert.equal(noGrant.statusCode, 403);
      assert.equal((await s.aud.request('PATCH', `/api/v1/users/${u.id}`, { displayName: '审计改' })).statusCode, 403);
      const after = await ctx.platform.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(users.n) + 1, 'only makeUser added a user');
      assert.deepEqual(await grantRows(u.id), []);
    });

    test('a city security admin cannot grant outside the city', async () => {
      const nanjing = (await getOrgByCode(ctx.platform.db, '320100'))!;
      const suzhou = (await getOrgByCode(ctx.platform.db, '320500'))!;
      const njDept = (await getOrgByCode(ctx.platform.db, '320100-jyj'))!;
      const cityAdmin = await makeUser(nanjing.id, { totp: true });
      assert.equal((await s.sec.request('POST', '/api/v1/grants', { userId: cityAdmin.id, role: 'security_admin', scopeType: 'org', scopeId: nanjing.id })).statusCode, 201);
      clock.advance(31_000);
      const nj = await signIn(ctx.app, cityAdmin, clock);

      const inSuzhou = await makeUser(suzhou.id);
      const out = await nj.request('POST', '/api/v1/grants', { userId: inSuzhou.id, role: 'editor', scopeType: 'org', scopeId: suzhou.id });
      assert.equal(out.statusCode, 403, out.body);
      assert.equal((out.json() as Problem).code, 'identity.org.out_of_scope');
      assert.equal((out.json() as Problem).detail, '该机构不在您的管理范围内');
      assert.deepEqual(await grantRows(inSuzhou.id), []);

      const inNanjing = await makeUser(njDept.id);
      // A Nanjing user, but a scope outside Nanjing, or the whole platform: refused too.
      const wrongScope = await nj.request('POST', '/api/v1/grants', { userId: inNanjing.id, role: 'editor', scopeType: 'org', scopeId: suzhou.id });
      assert.equal((wrongScope.json() as Problem).code, 'identity.org.out_of_scope');
      const platform = await nj.request('POST', '/api/v1/grants', { userId: inNanjing.id, role: 'platform_supervisor', scopeType: 'platform' });
      assert.equal((platform.json() as Problem).code, 'identity.org.out_of_scope');
      assert.deepEqual(await grantRows(inNanjing.id), []);
      // Inside the subtree it works.
      const ok = await nj.request('POST', '/api/v1/grants', { userId: inNanjing.id, role: 'editor', scopeType: 'org', scopeId: njDept.id });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.deepEqual(await grantRows(inNanjing.id), [{ role: 'editor', scope_type: 'org', scope_id: njDept.id }]);
      // Nor can they revoke a grant outside the city.
      const provinceEditor = await ctx.platform.db.selectFrom('role_grants').innerJoin('users', 'users.id', 'role_grants.user_id')
        .select('role_grants.id').where('users.username', '=', 'editor').executeTakeFirstOrThrow();
      const revoke = await nj.request('DELETE', `/api/v1/grants/${provinceEditor.id}`);
      assert.equal(revoke.statusCode, 403);
      assert.equal((revoke.json() as Problem).code, 'identity.org.out_of_scope');
    });

    test('GET /auth/me lists every grant in order with its scope named, and the organization; no grant, no role', async () => {
      const u = await makeUser(provinceOfficeId);
      const none = await signIn(ctx.app, u, clock);
      const bare = (await none.request('GET', '/api/v1/auth/me')).json() as { user: { orgName: string; roles: unknown[]; permissions: string[] } };
      assert.equal(bare.user.orgName, '江苏省人民政府办公厅');
      assert.deepEqual(bare.user.roles, []);
      assert.deepEqual(bare.user.permissions, []);
      assert.equal((await none.request('GET', '/api/v1/orgs')).statusCode, 403);

      const { siteId } = await ensureTestSite(ctx.platform.db, '320000-bgt');
      const column = await insertTestColumn(ctx.platform.db, { siteId, name: '通知公告' });
      for (const g of [
        { role: 'editor', scopeType: 'org', scopeId: provinceOfficeId },
        { role: 'reviewer', scopeType: 'site', scopeId: siteId },
        { role: 'editor', scopeType: 'column', scopeId: column.id },
        { role: 'platform_supervisor', scopeType: 'platform' },
      ]) assert.equal((await s.sec.request('POST', '/api/v1/grants', { userId: u.id, ...g })).statusCode, 201);
      const siteName = (await ctx.platform.db.selectFrom('sites').select('name').where('id', '=', siteId).executeTakeFirstOrThrow()).name;
      // The same session: grants are read again on every request.
      const me = (await none.request('GET', '/api/v1/auth/me')).json() as { user: { orgName: string; roles: { role: string; scopeType: string; scopeId: number | null; scopeName: string | null }[]; permissions: string[] } };
      assert.equal(me.user.orgName, '江苏省人民政府办公厅');
      assert.deepEqual(me.user.roles.map((r) => [r.role, r.scopeType, r.scopeId, r.scopeName]), [
        ['editor', 'org', provinceOfficeId, '江苏省人民政府办公厅'],
        ['reviewer', 'site', siteId, siteName],
        ['editor', 'column', column.id, `${siteName} › 通知公告`],
        ['platform_supervisor', 'platform', null, null],
      ]);
      assert.ok(me.user.permissions.length > 0);
      assert.equal((await none.request('GET', '/api/v1/orgs')).statusCode, 200);
    });

    test('a stored role this build does not know grants nothing and is not shown', async () => {
      const u = await makeUser(provinceOfficeId);
      await ctx.platform.db.insertInto('role_grants').values({ user_id: u.id, role: 'retired_role', scope_type: 'platform', scope_id: null, granted_by: null, granted_at: 0 }).execute();
      const user = await signIn(ctx.app, u, clock);
      const me = (await user.request('GET', '/api/v1/auth/me')).json() as { user: { roles: unknown[]; permissions: string[] } };
      assert.deepEqual(me.user.roles, []);
      assert.deepEqual(me.user.permissions, []);
      assert.equal((await user.request('GET', '/api/v1/orgs')).statusCode, 403);
    });

    test('revoking a grant: 200, and the user loses the permission on the next request', async () => {
      const u = await makeUser(provinceOfficeId);
      const granted = await s.sec.request('POST', '/api/v1/grants', { userId: u.id, role: 'platform_supervisor', scopeType: 'platform' });
      assert.equal(granted.statusCode, 201, granted.body);
      const grantId = (granted.json() as { grant: { id: number } }).grant.id;
      const user = await signIn(ctx.app, u, clock);
      assert.equal((await user.request('GET', '/api/v1/orgs')).statusCode, 200);

      assert.equal((await s.sys.request('DELETE', `/api/v1/grants/${grantId}`)).statusCode, 403, 'the system admin cannot revoke');
      assert.equal((await user.request('GET', '/api/v1/orgs')).statusCode, 200);

      const revoked = await s.sec.request('DELETE', `/api/v1/grants/${grantId}`);
      assert.equal(revoked.statusCode, 200);
      assert.deepEqual(revoked.json(), { ok: true });
      assert.deepEqual(await grantRows(u.id), []);
      const after = await user.request('GET', '/api/v1/orgs');
      assert.equal(after.statusCode, 403);
      assert.equal((after.json() as Problem).code, 'auth.forbidden');
      const ev = await ctx.platform.db.selectFrom('audit_events').select(['actor_name', 'result']).where('action', '=', 'identity.grant.revoke').where('target_id', '=', String(grantId)).executeTakeFirstOrThrow();
      assert.deepEqual(ev, { actor_name: 'secadmin', result: 'success' });
      const again = await s.sec.request('DELETE', `/api/v1/grants/${grantId}`);
      assert.equal(again.statusCode, 404);
      assert.equal((again.json() as Problem).code, 'identity.grant.not_found');
    });
  });
}
