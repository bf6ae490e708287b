import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';

/**
 * "Wrong types, missing fields, oversized bodies, unknown keys, malformed cookies or CSRF
 * tokens, SQL or script fragments in any field: a 4xx problem+json, nothing written, an audit
 * event for refusals, never a 500 or a stack trace."
 */

type Who = 'sysadmin' | 'anonymous';
interface BadCase {
  readonly name: string;
  readonly who: Who;
  readonly method: 'POST' | 'PATCH' | 'GET' | 'DELETE';
  readonly url: string;
  /** An object is sent as JSON; a string is sent raw with `contentType`. */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  readonly status: number;
  readonly code: string;
  /** The field named in errors[], for validation failures. */
  readonly field?: string;
  /** What errors[] says about that field. */
  readonly message?: RegExp;
}

const user = (extra: Record<string, unknown>) => ({ username: 'badinput', displayName: '坏输入', orgId: 1, ...extra });
const HUGE = 'x'.repeat(1_100_000);

const CASES: readonly BadCase[] = [
  { name: 'missing field', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: { username: 'nodisplay', orgId: 1 }, status: 400, code: 'http.validation', field: 'displayName' },
  { name: 'object for a string', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ displayName: { zh: '对象' } }), status: 400, code: 'http.validation', field: 'displayName' },
  { name: 'word for an integer', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ orgId: 'one' }), status: 400, code: 'http.validation', field: 'orgId' },
  { name: 'fraction for an integer', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ orgId: 1.5 }), status: 400, code: 'http.validation', field: 'orgId' },
  { name: 'negative id', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ orgId: -1 }), status: 400, code: 'http.validation', field: 'orgId' },
  { name: 'null for a required string', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ displayName: null }), status: 400, code: 'http.validation', field: 'displayName' },
  { name: 'array body', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: '[{"username":"arr","displayName":"数组","orgId":1}]', contentType: 'application/json', status: 400, code: 'http.validation' },
  { name: 'JSON string body', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: '"hello"', contentType: 'application/json', status: 400, code: 'http.validation' },
  { name: 'unknown key', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ isAdmin: true }), status: 400, code: 'http.validation', field: 'isAdmin' },
  { name: 'display name of spaces', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ displayName: '   ' }), status: 400, code: 'http.validation', field: 'displayName', message: /^字段“姓名（displayName）”不能为空白$/ },
  { name: 'display name of a zero-width space', who: 'sysadmin', method: 'PATCH', url: '/api/v1/users/1', body: { displayName: '\u200b' }, status: 400, code: 'http.validation', field: 'displayName' },
  { name: 'organization name of ideographic spaces', who: 'sysadmin', method: 'POST', url: '/api/v1/orgs', body: { parentId: 1, name: '\u3000\u3000', kind: 'department' }, status: 400, code: 'http.validation', field: 'name' },
  { name: 'too long', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ displayName: '长'.repeat(101) }), status: 400, code: 'http.validation', field: 'displayName' },
  { name: 'oversized body', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ displayName: HUGE }), status: 413, code: 'http.body_too_large' },
  { name: 'truncated JSON', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: '{"username":"trunc","displayName":', contentType: 'application/json', status: 400, code: 'http.bad_json' },
  { name: 'empty JSON body', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: '', contentType: 'application/json', status: 400, code: 'http.bad_json' },
  { name: '__proto__ key', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: '{"username":"proto","displayName":"原型","orgId":1,"__proto__":{"role":"system_admin"}}', contentType: 'application/json', status: 400, code: 'http.forbidden_key' },
  { name: 'NUL character in a text field', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ displayName: 'a\u0000b' }), status: 400, code: 'http.invalid_text', field: 'displayName' },
  { name: 'unpaired surrogate in a text field', who: 'sysadmin', method: 'POST', url: '/api/v1/orgs', body: { parentId: 1, name: '部门\ud800', kind: 'department' }, status: 400, code: 'http.invalid_text', field: 'name' },
  { name: 'NUL character in the query', who: 'sysadmin', method: 'GET', url: '/api/v1/users?q=a%00b', status: 400, code: 'http.invalid_text', field: 'querystring.q' },
  { name: 'broken percent-escape in the query', who: 'sysadmin', method: 'GET', url: '/api/v1/users?q=%E6%B1%9F%', status: 400, code: 'http.bad_request', field: 'querystring.q' },
  { name: 'percent-escapes that are no UTF-8 text in the query', who: 'sysadmin', method: 'GET', url: '/api/v1/users?q=%ED%A0%80', status: 400, code: 'http.bad_request', field: 'querystring.q' },
  { name: 'NUL character in a login name', who: 'anonymous', method: 'POST', url: '/api/v1/auth/login', body: { username: 'sysadmin\u0000', password: 'x' }, status: 400, code: 'http.invalid_text', field: 'username' },
  { name: 'form body', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: 'username=form&displayName=x&orgId=1', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'http.unsupported_media_type' },
  { name: 'SQL in username', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ username: "' OR 1=1 --" }), status: 400, code: 'http.validation', field: 'username' },
  { name: 'SQL in username (stacked)', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ username: 'x; DROP TABLE users; --' }), status: 400, code: 'http.validation', field: 'username' },
  { name: 'script in username', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ username: '<script>alert(1)</script>' }), status: 400, code: 'http.validation', field: 'username' },
  { name: 'SQL in email', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ email: "a@b.cn'; DROP TABLE users; --" }), status: 400, code: 'http.validation', field: 'email' },
  { name: 'SQL in phone', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({ phone: '1 OR 1=1' }), status: 400, code: 'http.validation', field: 'phone' },
  { name: 'SQL in org kind', who: 'sysadmin', method: 'POST', url: '/api/v1/orgs', body: { parentId: 1, name: '部门', kind: "department' OR '1'='1" }, status: 400, code: 'http.validation', field: 'kind' },
  { name: 'SQL in path id', who: 'sysadmin', method: 'PATCH', url: `/api/v1/users/${encodeURIComponent('1 OR 1=1')}`, body: { displayName: '改' }, status: 400, code: 'http.validation', field: 'params.id' },
  { name: 'path id zero', who: 'sysadmin', method: 'PATCH', url: '/api/v1/users/0', body: { displayName: '改' }, status: 400, code: 'http.validation', field: 'params.id' },
  { name: 'path id past 2^53', who: 'sysadmin', method: 'PATCH', url: '/api/v1/users/99999999999999999999', body: { displayName: '改' }, status: 400, code: 'http.validation', field: 'params.id' },
  { name: 'no such user', who: 'sysadmin', method: 'PATCH', url: '/api/v1/users/987654', body: { displayName: '改' }, status: 404, code: 'identity.user.not_found' },
  { name: 'SQL in query string', who: 'sysadmin', method: 'GET', url: `/api/v1/users?orgId=${encodeURIComponent('1 OR 1=1')}`, status: 400, code: 'http.validation', field: 'querystring.orgId' },
  { name: 'a field sent to a route that takes no body', who: 'sysadmin', method: 'POST', url: '/api/v1/search/reindex', body: { siteCode: '3200000001' }, status: 400, code: 'http.validation', field: 'siteCode' },
  { name: 'a parameter sent to a route that takes no query', who: 'sysadmin', method: 'GET', url: '/api/v1/auth/me?siteId=1', status: 400, code: 'http.validation', field: 'querystring.siteId' },
  { name: 'unknown query key', who: 'sysadmin', method: 'GET', url: '/api/v1/users?debug=1', status: 400, code: 'http.validation', field: 'querystring.debug' },
  { name: 'garbage session cookie', who: 'anonymous', method: 'GET', url: '/api/v1/users', headers: { cookie: 'jiyue_session=%%%not-a-token;;;=' }, status: 401, code: 'auth.unauthenticated' },
  { name: 'huge session cookie', who: 'anonymous', method: 'GET', url: '/api/v1/users', headers: { cookie: `jiyue_session=${'A'.repeat(8000)}` }, status: 401, code: 'auth.unauthenticated' },
  { name: 'unicode session cookie', who: 'anonymous', method: 'GET', url: '/api/v1/users', headers: { cookie: `jiyue_session=${encodeURIComponent('会话令牌😀')}` }, status: 401, code: 'auth.unauthenticated' },
  { name: 'SQL in session cookie', who: 'anonymous', method: 'POST', url: '/api/v1/users', body: user({}), headers: { cookie: `jiyue_session=${encodeURIComponent("' OR 1=1 --")}` }, status: 401, code: 'auth.unauthenticated' },
  { name: 'missing CSRF token', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({}), headers: { 'x-csrf-token': '' }, status: 403, code: 'auth.csrf' },
  { name: 'garbage CSRF token', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({}), headers: { 'x-csrf-token': '<script>alert(1)</script>' }, status: 403, code: 'auth.csrf' },
  { name: 'huge CSRF token', who: 'sysadmin', method: 'POST', url: '/api/v1/users', body: user({}), headers: { 'x-csrf-token': 'A'.repeat(20_000) }, status: 403, code: 'auth.csrf' },
  { name: 'SQL CSRF token', who: 'sysadmin', method: 'DELETE', url: '/api/v1/grants/1', headers: { 'x-csrf-token': "' OR 1=1 --" }, status: 403, code: 'auth.csrf' },
];

async function counts(ctx: TestContext): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['users', 'organizations', 'role_grants'] as const) {
    out[t] = Number((await ctx.platform.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }
  return out;
}

async function lastAuditSeq(ctx: TestContext): Promise<number> {
  const row = await ctx.platform.db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
  return Number(row?.m ?? 0);
}

function assertCleanProblem(res: LightMyRequestResponse, label: string): void {
  assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${label}: status ${res.statusCode} ${res.body.slice(0, 200)}`);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, label);
  assert.doesNotMatch(res.body, /\bat .+:\d+:\d+|node_modules|\/src\/|Error:|SQLITE|syntax error at/, `${label}: internal detail leaked`);
}

for (const engine of selectedEngines()) {
  describe(`bad input is refused cleanly [${engine}]`, () => {
    let ctx: TestContext;
    let sys: TestSession;
    const clock = new ManualClock();
    before(async () => {
      ctx = await createTestContext(engine, { clock });
      clock.advance(31_000);
      sys = await signIn(ctx.app, ctx.accounts.sysadmin!, clock);
    });
    after(async () => { await ctx.close(); });

    const send = (c: BadCase): Promise<LightMyRequestResponse> => {
      const payload = c.body === undefined ? {} : typeof c.body === 'string' ? { payload: c.body } : { payload: c.body as object };
      const contentType: Record<string, string> = c.contentType ? { 'content-type': c.contentType } : {};
      if (c.who === 'sysadmin') return sys.request(c.method, c.url, c.body, { ...contentType, ...c.headers });
      return ctx.app.inject({ method: c.method, url: c.url, headers: { ...contentType, ...c.headers }, ...payload });
    };

    for (const c of CASES) {
      test(`${c.name}: ${c.status} ${c.code}, nothing written, refusal audited`, async () => {
        const before = await counts(ctx);
        const seq = await lastAuditSeq(ctx);
        const res = await send(c);
        assertCleanProblem(res, c.name);
        assert.equal(res.statusCode, c.status, `${c.name}: ${res.body.slice(0, 300)}`);
        const problem = res.json() as { code: string; status: number; detail: string; errors?: { field: string; message: string }[] };
        assert.equal(problem.code, c.code);
        assert.equal(problem.status, c.status);
        assert.match(problem.detail, /[\u4e00-\u9fff]/, 'Chinese message by default');
        if (c.field) assert.ok(problem.errors?.some((e) => e.field === c.field), `${c.name}: errors ${JSON.stringify(problem.errors)}`);
        if (c.message) assert.ok(problem.errors?.some((e) => e.field === c.field && c.message!.test(e.message)), `${c.name}: errors ${JSON.stringify(problem.errors)}`);
        assert.deepEqual(await counts(ctx), before, 'nothing written');
        const events = await ctx.platform.db.selectFrom('audit_events').selectAll().where('seq', '>', seq).execute();
        assert.equal(events.length, 1, `${c.name}: exactly one audit event, got ${events.map((e) => e.action).join(', ')}`);
        const ev = events[0]!;
        assert.equal(ev.action, c.code);
        assert.equal(ev.result, c.status === 401 || c.status === 403 ? 'denied' : 'failure');
        assert.equal(ev.target_type, 'http');
        assert.match(String(ev.target_id), new RegExp(`^${c.method} /api/v1/`));
        assert.equal(ev.actor_name, c.who, 'the refusal names who was refused');
      });
    }

    test('a forged or mismatched CSRF token never passes: another session\'s token is refused', async () => {
      clock.advance(31_000);
      const other = await signIn(ctx.app, ctx.accounts.sysadmin!, clock);
      const before = await counts(ctx);
      const res = await sys.request('POST', '/api/v1/orgs', { parentId: 1, name: '跨会话', kind: 'department' }, { 'x-csrf-token': other.csrf });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'auth.csrf');
      const flipped = `${sys.csrf.slice(0, -1)}${sys.csrf.endsWith('A') ? 'B' : 'A'}`;
      const res2 = await sys.request('POST', '/api/v1/orgs', { parentId: 1, name: '改一位', kind: 'department' }, { 'x-csrf-token': flipped });
      assert.equal(res2.statusCode, 403);
      assert.deepEqual(await counts(ctx), before);
    });

    test('SQL fragments in free-text fields are stored literally, never executed', async () => {
      const before = await counts(ctx);
      const name = "'; DROP TABLE users; -- 部门";
      const org = await sys.request('POST', '/api/v1/orgs', { parentId: 1, name, kind: 'department' });
      assert.equal(org.statusCode, 201, org.body);
      const orgId = (org.json() as { org: { id: number; name: string } }).org.id;
      assert.equal((org.json() as { org: { name: string } }).org.name, name);
      const display = "' OR 1=1 --";
      const created = await sys.request('POST', '/api/v1/users', { username: 'sqlliteral', displayName: display, orgId });
      assert.equal(created.statusCode, 201, created.body);
      const row = await ctx.platform.db.selectFrom('users').select(['display_name', 'org_id']).where('username', '=', 'sqlliteral').executeTakeFirstOrThrow();
      assert.equal(row.display_name, display);
      assert.equal(Number(row.org_id), orgId);
      const storedOrg = await ctx.platform.db.selectFrom('organizations').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
      assert.equal(storedOrg.name, name);
      assert.deepEqual(await counts(ctx), { ...before, users: before.users! + 1, organizations: before.organizations! + 1 });
    });

    test('search terms are data: SQL and LIKE wildcards match literally on both engines', async () => {
      const total = async (q: string) => {
        const res = await sys.request('GET', `/api/v1/users?q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200, res.body);
        return (res.json() as { total: number; items: { username: string }[] });
      };
      assert.equal((await total("' OR 1=1 --")).total, 1, 'only the user whose display name is that text');
      assert.equal((await total("' OR '1'='1")).total, 0);
      assert.equal((await total('%')).total, 0, '% is not a wildcard');
      const underscore = await total('nj_');
      assert.deepEqual(underscore.items.map((u) => u.username), ['nj_editor'], '_ is a literal underscore');
      assert.equal((await total('\\')).total, 0);
    });

    test('script in a display name is accepted as text and returned as JSON data', async () => {
      const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
      const created = await sys.request('POST', '/api/v1/users', { username: 'scripted', displayName: script, orgId: 1 });
      assert.equal(created.statusCode, 201, created.body);
      assert.match(String(created.headers['content-type']), /^application\/json/);
      assert.equal(created.headers['x-content-type-options'], 'nosniff');
      assert.equal((created.json() as { user: { displayName: string } }).user.displayName, script);
      const list = await sys.request('GET', '/api/v1/users?q=scripted');
      assert.match(String(list.headers['content-type']), /^application\/json/);
      assert.equal((list.json() as { items: { displayName: string }[] }).items[0]?.displayName, script);
    });

    test('login with SQL fragments is an ordinary wrong password, audited as a failure', async () => {
      const seq = await lastAuditSeq(ctx);
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: "sysadmin' --", password: "' OR '1'='1" } });
      assertCleanProblem(res, 'sql login');
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().code, 'auth.bad_credentials');
      const events = await ctx.platform.db.selectFrom('audit_events').select(['action', 'result']).where('seq', '>', seq).execute();
      assert.ok(events.some((e) => e.result === 'denied' || e.result === 'failure'), JSON.stringify(events));
    });

    test('the auditor sees the refusals in the audit log', async () => {
      clock.advance(31_000);
      const auditor = await signIn(ctx.app, ctx.accounts.auditor!, clock);
      const res = await auditor.request('GET', '/api/v1/audit/events?action=auth.csrf&pageSize=100');
      assert.equal(res.statusCode, 200, res.body);
      const items = (res.json() as { items: { action: string; result: string }[] }).items;
      assert.ok(items.length >= 4, `csrf refusals seen: ${items.length}`);
      assert.ok(items.every((e) => e.action === 'auth.csrf' && e.result === 'denied'));
    });

    // Known gap: the app's Ajv runs with coerceTypes 'array' for every part of the request,
    // so JSON bodies are coerced too. Passes once bodies are validated without coercion.
    test('scalar wrong types in a JSON body are refused, not coerced', async () => {
      const before = await counts(ctx);
      for (const [i, patch] of [{ orgId: true }, { displayName: 123 }, { username: ['coerced'] }, { orgId: '1' }].entries()) {
        const res = await sys.request('POST', '/api/v1/users', { username: `coerce${i}`, displayName: '类型', orgId: 1, ...patch });
        assert.equal(res.statusCode, 400, `${JSON.stringify(patch)} → ${res.statusCode}`);
      }
      assert.deepEqual(await counts(ctx), before);
    });
  });
}
