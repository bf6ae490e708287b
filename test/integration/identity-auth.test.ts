import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { sessionCookie, signIn } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { totpCode } from '../../src/platform/crypto/index.js';

for (const engine of selectedEngines()) {
  describe(`login and sessions [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    before(async () => { ctx = await createTestContext(engine, { clock }); });
    after(async () => { await ctx.close(); });

    const login = (payload: object, headers: Record<string, string> = {}) =>
      ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers });

    test('a user without 2FA signs in, gets a HttpOnly SameSite=Strict cookie and a CSRF token', async () => {
      const a = ctx.accounts.editor!;
      const res = await login({ username: a.username, password: a.password });
      assert.equal(res.statusCode, 200);
      const c = res.cookies.find((x) => x.name === 'jiyue_session');
      assert.ok(c);
      assert.equal(c.httpOnly, true);
      assert.equal(c.sameSite, 'Strict');
      assert.equal(c.secure, undefined, 'not Secure over plain HTTP in auto mode');
      const body = res.json() as { user: { username: string; permissions: string[] }; csrfToken: string };
      assert.equal(body.user.username, 'editor');
      assert.ok(body.csrfToken.length > 20);
    });

    test('a new session id at every login', async () => {
      const a = ctx.accounts.editor!;
      const r1 = await login({ username: a.username, password: a.password });
      const r2 = await login({ username: a.username, password: a.password });
      assert.notEqual(sessionCookie(r1), sessionCookie(r2));
    });

    test('wrong password is refused with a Chinese problem, English on request', async () => {
      const res = await login({ username: 'editor', password: 'wrong-password' });
      assert.equal(res.statusCode, 401);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.equal(res.json().code, 'auth.bad_credentials');
      assert.equal(res.json().detail, '用户名或密码错误');
      const en = await login({ username: 'nobody', password: 'x' }, { 'accept-language': 'en-US,en;q=0.9' });
      assert.equal(en.json().detail, 'Wrong username or password');
    });

    test('an admin with 2FA must give a code; a replayed code is refused', async () => {
      const a = ctx.accounts.sysadmin!;
      const noCode = await login({ username: a.username, password: a.password });
      assert.equal(noCode.statusCode, 401);
      assert.equal(noCode.json().code, 'auth.totp_required');
      clock.advance(60_000);
      const code = totpCode(a.totpSecret!, clock.now());
      const ok = await login({ username: a.username, password: a.password, totp: code });
      assert.equal(ok.statusCode, 200);
      const replay = await login({ username: a.username, password: a.password, totp: code });
      assert.equal(replay.statusCode, 401);
      assert.equal(replay.json().code, 'auth.totp_invalid');
    });

    test('five failures lock the account for 30 minutes; the lock survives and only a security admin lifts it early', async () => {
      const sys = await signIn(ctx.app, ctx.accounts.sysadmin!, advance(clock));
      const created = await sys.request('POST', '/api/v1/users', { username: 'lockme', displayName: '锁定测试', orgId: 1 });
      assert.equal(created.statusCode, 201);
      const pw = (created.json() as { initialPassword: string }).initialPassword;
      for (let i = 0; i < 4; i++) assert.equal((await login({ username: 'lockme', password: 'bad' })).statusCode, 401);
      const fifth = await login({ username: 'lockme', password: 'bad' });
      assert.equal(fifth.statusCode, 423);
      assert.equal(fifth.json().code, 'auth.locked');
      assert.match(fifth.json().detail, /锁定/);
      // Even the right password is refused while locked.
      assert.equal((await login({ username: 'lockme', password: pw })).statusCode, 423);
      const userId = (created.json() as { user: { id: number } }).user.id;
      // The system admin cannot unlock (separation of powers) …
      assert.equal((await sys.request('POST', `/api/v1/users/${userId}/unlock`)).statusCode, 403);
      // … the security admin can.
      const sec = await signIn(ctx.app, ctx.accounts.secadmin!, advance(clock));
      assert.equal((await sec.request('POST', `/api/v1/users/${userId}/unlock`)).statusCode, 200);
      assert.equal((await login({ username: 'lockme', password: pw })).statusCode, 200);
    });

    test('a lock expires after the configured minutes', async () => {
      const sys = await signIn(ctx.app, ctx.accounts.sysadmin!, advance(clock));
      const created = await sys.request('POST', '/api/v1/users', { username: 'expirelock', displayName: '到期解锁', orgId: 1 });
      const pw = (created.json() as { initialPassword: string }).initialPassword;
      for (let i = 0; i < 5; i++) await login({ username: 'expirelock', password: 'bad' });
      assert.equal((await login({ username: 'expirelock', password: pw })).statusCode, 423);
      clock.advance(29 * 60_000);
      assert.equal((await login({ username: 'expirelock', password: pw })).statusCode, 423);
      clock.advance(2 * 60_000);
      assert.equal((await login({ username: 'expirelock', password: pw })).statusCode, 200);
    });

    test('a state-changing request without the CSRF token is refused and changes nothing', async () => {
      const sys = await signIn(ctx.app, ctx.accounts.sysadmin!, advance(clock));
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: sys.cookie }, payload: { username: 'nocsrf', displayName: 'x', orgId: 1 } });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'auth.csrf');
      const bad = await ctx.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: sys.cookie, 'x-csrf-token': 'forged' }, payload: { username: 'nocsrf', displayName: 'x', orgId: 1 } });
      assert.equal(bad.statusCode, 403);
      const list = await sys.request('GET', '/api/v1/users?q=nocsrf');
      assert.equal(list.json().total, 0);
    });

    test('idle timeout ends a session; absolute timeout ends it however active', async () => {
      const s = await signIn(ctx.app, ctx.accounts.editor!, clock);
      assert.equal((await s.request('GET', '/api/v1/auth/me')).statusCode, 200);
      clock.advance(31 * 60_000);
      assert.equal((await s.request('GET', '/api/v1/auth/me')).statusCode, 401);
      const s2 = await signIn(ctx.app, ctx.accounts.editor!, clock);
      for (let i = 0; i < 26; i++) { clock.advance(29 * 60_000); await s2.request('GET', '/api/v1/auth/me'); }
      assert.equal((await s2.request('GET', '/api/v1/auth/me')).statusCode, 401, '12 h absolute limit');
    });

    test('logout ends the session; logout everywhere ends all of them', async () => {
      const a = await signIn(ctx.app, ctx.accounts.reviewer!, clock);
      const b = await signIn(ctx.app, ctx.accounts.reviewer!, clock);
      assert.equal((await a.request('POST', '/api/v1/auth/logout')).statusCode, 200);
      assert.equal((await a.request('GET', '/api/v1/auth/me')).statusCode, 401);
      assert.equal((await b.request('GET', '/api/v1/auth/me')).statusCode, 200);
      const c = await signIn(ctx.app, ctx.accounts.reviewer!, clock);
      assert.equal((await c.request('POST', '/api/v1/auth/logout-all')).statusCode, 200);
      assert.equal((await b.request('GET', '/api/v1/auth/me')).statusCode, 401);
    });

    test('a new user must change the initial password before anything else; the policy is enforced', async () => {
      const sys = await signIn(ctx.app, ctx.accounts.sysadmin!, advance(clock));
      const created = await sys.request('POST', '/api/v1/users', { username: 'newcomer', displayName: '新同事', orgId: 1 });
      const pw = (created.json() as { initialPassword: string }).initialPassword;
      const s = await signIn(ctx.app, { username: 'newcomer', password: pw, totpSecret: null }, clock);
      const me = await s.request('GET', '/api/v1/auth/me');
      assert.equal(me.json().user.mustChangePassword, true);
      assert.equal((await s.request('GET', '/api/v1/calendar/status')).json().code, 'auth.password_change_required');
      const weak = await s.request('POST', '/api/v1/auth/password', { currentPassword: pw, newPassword: 'short' });
      assert.equal(weak.statusCode, 400);
      assert.equal(weak.json().code, 'auth.password_policy');
      assert.equal(weak.json().errors[0].field, 'newPassword');
      const same = await s.request('POST', '/api/v1/auth/password', { currentPassword: pw, newPassword: pw });
      assert.equal(same.statusCode, 400, 'reuse of the current password is refused');
      const ok = await s.request('POST', '/api/v1/auth/password', { currentPassword: pw, newPassword: 'Xin-Mima-2026!' });
      assert.equal(ok.statusCode, 200);
      assert.equal((await s.request('GET', '/api/v1/auth/me')).json().user.mustChangePassword, false);
      // Past the gate: now only the (missing) role decides.
      assert.equal((await s.request('GET', '/api/v1/calendar/status')).json().code, 'auth.forbidden');
    });

    test('an admin role without 2FA must enrol before using the console', async () => {
      const sys = await signIn(ctx.app, ctx.accounts.sysadmin!, advance(clock));
      const created = await sys.request('POST', '/api/v1/users', { username: 'newadmin', displayName: '新管理员', orgId: 1 });
      const body = created.json() as { initialPassword: string; user: { id: number } };
      const sec = await signIn(ctx.app, ctx.accounts.secadmin!, advance(clock));
      assert.equal((await sec.request('POST', '/api/v1/grants', { userId: body.user.id, role: 'audit_admin', scopeType: 'platform' })).statusCode, 201);
      const s = await signIn(ctx.app, { username: 'newadmin', password: body.initialPassword, totpSecret: null }, clock);
      await s.request('POST', '/api/v1/auth/password', { currentPassword: body.initialPassword, newPassword: 'Shenji-Mima-2026!' });
      assert.equal((await s.request('GET', '/api/v1/audit/events')).json().code, 'auth.mfa_setup_required');
      const setup = await s.request('POST', '/api/v1/auth/totp/setup');
      assert.equal(setup.statusCode, 200);
      const { secret, qrDataUrl } = setup.json() as { secret: string; qrDataUrl: string };
      assert.match(qrDataUrl, /^data:image\/png;base64,/);
      const wrong = await s.request('POST', '/api/v1/auth/totp/enable', { code: '000000' === totpCode(secret, clock.now()) ? '111111' : '000000' });
      assert.equal(wrong.statusCode, 401);
      const enabled = await s.request('POST', '/api/v1/auth/totp/enable', { code: totpCode(secret, clock.now()) });
      assert.equal(enabled.statusCode, 200);
      const codes = (enabled.json() as { recoveryCodes: string[] }).recoveryCodes;
      assert.equal(codes.length, 10);
      assert.equal((await s.request('GET', '/api/v1/audit/events')).statusCode, 200);
      // A recovery code works once.
      const r1 = await login({ username: 'newadmin', password: 'Shenji-Mima-2026!', recoveryCode: codes[0] });
      assert.equal(r1.statusCode, 200);
      const r2 = await login({ username: 'newadmin', password: 'Shenji-Mima-2026!', recoveryCode: codes[0] });
      assert.equal(r2.statusCode, 401);
    });

  });

  describe(`session cookie behind HTTPS [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => { ctx = await createTestContext(engine, { config: { trustProxy: true } }); });
    after(async () => { await ctx.close(); });

    test('the cookie is Secure when the request came over HTTPS through a trusted proxy', async () => {
      const a = ctx.accounts.editor!;
      const https = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: a.username, password: a.password }, headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(https.statusCode, 200);
      assert.equal(https.cookies.find((x) => x.name === 'jiyue_session')?.secure, true);
      const plain = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: a.username, password: a.password } });
      assert.equal(plain.cookies.find((x) => x.name === 'jiyue_session')?.secure, undefined);
    });
  });

  describe(`login throttle [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => { ctx = await createTestContext(engine, { config: { loginRatePerMinute: 3 }, seed: false }); });
    after(async () => { await ctx.close(); });

    test('per-IP login throttle answers 429 with problem+json', async () => {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 5; i++) {
        last = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' } });
        statuses.push(last.statusCode);
      }
      assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
      assert.equal(last!.json().code, 'http.rate_limited');
    });
  });
}

/** Each admin sign-in uses a fresh TOTP time step (codes are single-use). */
function advance(clock: ManualClock): ManualClock {
  clock.advance(31_000);
  return clock;
}
