import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { lookupError } from '../../src/platform/http/error-registry.js';
import { createUser } from '../../src/platform/identity/operations/manage-users.js';
import { identityDeps } from '../../src/platform/identity/identity-deps.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { ROLES } from '../../src/platform/identity/roles.js';

/**
 * Every route, random requests, four callers: whatever arrives, the answer is below 500, and a
 * refusal is problem+json with a registered code. JIYUE_FUZZ_RUNS sets runs per route;
 * JIYUE_FUZZ_SEED replays (or varies) the inputs, which are fixed by default so CI is repeatable.
 */
const RUNS = Number(process.env.JIYUE_FUZZ_RUNS ?? 40);
const SEED = Number(process.env.JIYUE_FUZZ_SEED ?? 20_261_126);

/** Routes left out: plugin-served prefixes, and the SSE stream, which never ends under inject(). */
const SKIP_PREFIXES = ['/admin', '/api/docs'];
// The public sites answer HTML pages, not problem+json; delivery-paths.test.ts fuzzes their paths.
const SKIP_ROUTES = new Set(['GET /api/v1/jobs/stream', 'GET /*']);
/**
 * The public forms of 写信, 找错, 在线调查, 网友评论, 征求意见 and 在线访谈 (and the look-ups) answer
 * every refusal with a page of the site (a visitor without JavaScript gets a page, never
 * problem+json; letter-form-refusals.test.ts, public-form-refusals.test.ts).
 */
const FORM_PAGES = new Set(['POST /letters.html', 'POST /letters/query.html', 'POST /corrections.html', 'POST /corrections/query.html',
  'POST /survey.html', 'POST /comments.html', 'POST /comments/report.html', 'POST /consultation.html', 'POST /interviews/question.html']);
/** Routes that would end the caller's own session; they are fuzzed anonymously only. */
const ANONYMOUS_ONLY = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/logout-all']);

type Caller = 'anonymous' | 'sysadmin' | 'secadmin' | 'auditor';
const CALLERS: readonly Caller[] = ['anonymous', 'sysadmin', 'secadmin', 'auditor'];

const NASTY = ["' OR 1=1 --", "'; DROP TABLE users; --", '<script>alert(1)</script>', '../../etc/passwd', '%', '_', '\\', '${7*7}', '{{7*7}}',
  '\u0000', '\ud800', '中文名称', '😀', '', ' ', 'null', 'undefined', 'NaN', '-1', '1e309', '0x10', 'true', '[]', '{}'];
const KEYS = ['__proto__', 'constructor', 'prototype', 'username', 'displayName', 'orgId', 'userId', 'role', 'scopeType', 'scopeId',
  'parentId', 'name', 'kind', 'divisionCode', 'creditCode', 'status', 'steps', 'stepMs', 'csv', 'year', 'days', 'date',
  'password', 'newPassword', 'currentPassword', 'totp', 'recoveryCode', 'code', 'email', 'phone'];
const QUERY_KEYS = ['q', 'orgId', 'userId', 'page', 'pageSize', 'from', 'to', 'action', 'result', 'actorName', 'actorId', 'status', 'kind', 'date', 'add', 'id'];

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...NASTY),
  fc.constant('长'.repeat(5000)),
);
const number = fc.oneof(fc.integer(), fc.integer({ min: -3, max: 40 }), fc.double(), fc.constantFrom(0, -1, 2 ** 53, -(2 ** 63), 1e308, 0.5));
const leaf = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant({ __proto__: { admin: true } }) },
);
const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

/** A JSON object as raw text, so keys such as __proto__ reach the server as sent. */
const objectBody = fc.array(fc.tuple(key, value), { maxLength: 6 })
  .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`);
/** Plausible bodies (right keys, random values) get past the schema more often. */
const plausibleBody = fc.record({
  username: fc.oneof(fc.constantFrom('fuzzuser', 'Fuzz.User-1', 'sysadmin'), text),
  displayName: text,
  orgId: number,
  userId: number,
  role: fc.oneof(fc.constantFrom(...ROLES), text),
  scopeType: fc.oneof(fc.constantFrom('platform', 'org', 'site', 'column'), text),
  scopeId: number,
  parentId: number,
  name: text,
  kind: fc.oneof(fc.constantFrom('government', 'general_office', 'department', 'township'), text),
  steps: number,
  stepMs: fc.integer({ min: 0, max: 20 }),
  csv: fc.oneof(text, fc.constant('date,kind,name\n2031-01-01,holiday,元旦\n')),
  year: number,
  password: text,
  totp: fc.oneof(fc.constantFrom('123456', '000000'), text),
}, { requiredKeys: [] }).map((o) => JSON.stringify(o));
const rawBody = fc.oneof(
  { weight: 4, arbitrary: objectBody.map((body) => ({ body, contentType: 'application/json' })) },
  { weight: 4, arbitrary: plausibleBody.map((body) => ({ body, contentType: 'application/json' })) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => ({ body: JSON.stringify(v) ?? 'null', contentType: 'application/json' })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((body) => ({ body, contentType: 'application/json' })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data', 'application/json; charset=gbk'), fc.string({ maxLength: 60 }))
    .map(([contentType, body]) => ({ body, contentType })) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** Path segments: plausible ids (the fuzz victims), and things no id should be. */
const segment = (victimIds: readonly number[]) => fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...victimIds).map(String) },
  { weight: 2, arbitrary: fc.oneof(fc.integer({ min: -(2 ** 31), max: 0 }), fc.integer({ min: 100_000, max: 2 ** 31 }), fc.integer({ min: 1900, max: 2200 })).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('99999999999999999999', '9007199254740992', '1e3', '0x1f', '1.5', ' 1', '..', '%2e%2e%2f', '..%2F..%2Fetc%2Fpasswd', '%00', '%zz', '%E4%B8', '%E4%B8%AD%E6%96%87', '1%20OR%201%3D1') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map(encodeURIComponent) },
);

const queryString = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), fc.oneof(text.map(String), number.map(String))), { maxLength: 4 })
  .map((pairs) => {
    const qs = new URLSearchParams();
    for (const [k, v] of pairs) qs.append(k, v);
    const s = qs.toString();
    return s ? `?${s}` : '';
  });

function assertSane(res: LightMyRequestResponse, label: string, page = false): void {
  assert.ok(res.statusCode < 500, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`);
  if (res.statusCode < 400) return;
  if (page) {
    assert.match(String(res.headers['content-type']), /^text\/html/, `${label} → ${res.statusCode} ${String(res.headers['content-type'])}`);
    assert.match(res.body, /^<!DOCTYPE html>/i, `${label} → ${res.statusCode}: a whole page`);
    return;
  }
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/, `${label} → ${res.statusCode} ${String(res.headers['content-type'])}`);
  const p = res.json() as { code?: unknown; status?: unknown };
  assert.equal(typeof p.code, 'string', label);
  assert.ok(lookupError(p.code as string), `${label}: unregistered code ${String(p.code)}`);
  assert.equal(p.status, res.statusCode, label);
}

for (const engine of selectedEngines()) {
  describe(`route fuzzing [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    const sessions = new Map<Caller, TestSession>();
    let victimIds: number[] = [];
    /** How many answers of each status the fuzz produced, to show it got past the gates. */
    const seen = new Map<number, number>();
    before(async () => {
      ctx = await createTestContext(engine, { clock });
      // Users and grants whose ids the fuzzer hits, so success paths run too, without touching
      // the callers' own accounts (a reset password would end their sessions).
      const deps = identityDeps(ctx.platform);
      for (let i = 0; i < 4; i++) {
        const { user } = await createUser({ db: ctx.platform.db, actor: systemActor('fuzz'), input: { username: `victim${i}`, displayName: `受试${i}`, orgId: 1 }, deps });
        await ctx.platform.db.insertInto('role_grants').values({ user_id: user.id, role: 'editor', scope_type: 'org', scope_id: 1, granted_by: null, granted_at: 0 }).execute();
        victimIds.push(user.id);
      }
      const maxGrant = await ctx.platform.db.selectFrom('role_grants').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
      victimIds = [...victimIds, Number(maxGrant.m), Number(maxGrant.m) - 1, 2026, 2027];
      for (const who of ['sysadmin', 'secadmin', 'auditor'] as const) {
        clock.advance(31_000);
        sessions.set(who, await signIn(ctx.app, ctx.accounts[who]!, clock));
      }
    });
    after(async () => { await ctx.close(); });

    test('there are routes to fuzz', () => {
      assert.ok(targets().length >= 25, `only ${targets().length} routes`);
    });

    function targets(): { method: string; url: string }[] {
      if (!ctx) return [];
      return ctx.app.jiyueRoutes()
        .filter((r) => r.method !== 'HEAD' && !SKIP_PREFIXES.some((p) => r.url === p || r.url.startsWith(`${p}/`)) && !SKIP_ROUTES.has(`${r.method} ${r.url}`))
        .map((r) => ({ method: r.method, url: r.url }));
    }

    test('every route answers random requests from every caller below 500, refusals as problem+json', async (t) => {
      for (const route of targets()) {
        const key = `${route.method} ${route.url}`;
        const callers = ANONYMOUS_ONLY.has(key) ? (['anonymous'] as const) : CALLERS;
        await t.test(key, async () => {
          const hasBody = route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT' || route.method === 'DELETE';
          const params = route.url.match(/:\w+/g) ?? [];
          await fc.assert(fc.asyncProperty(
            fc.constantFrom(...callers),
            fc.array(segment(victimIds), { minLength: params.length, maxLength: params.length }),
            queryString,
            hasBody ? rawBody : fc.constant(undefined),
            fc.nat(4).map((n) => n > 0), // mostly with the CSRF token, so requests get past it
            async (caller, segs, query, body, withCsrf) => {
              let i = 0;
              const url = route.url.replace(/:\w+/g, () => segs[i++] ?? '1') + query;
              const session = caller === 'anonymous' ? undefined : sessions.get(caller);
              const headers: Record<string, string> = {};
              if (session) {
                headers.cookie = session.cookie;
                if (withCsrf) headers['x-csrf-token'] = session.csrf;
              }
              if (body) headers['content-type'] = body.contentType;
              const res = await ctx.app.inject({ method: route.method as 'GET', url, headers, ...(body ? { payload: body.body } : {}) });
              assertSane(res, `${caller} ${route.method} ${url} ${body ? body.body.slice(0, 200) : ''}`, FORM_PAGES.has(key));
              seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
            },
          ), { numRuns: RUNS, seed: SEED, endOnFailure: false });
        });
      }
    });

    test('the fuzz reached past every gate: successes, validation, 401, 403 and 404 all occurred', () => {
      const count = (pred: (status: number) => boolean) => [...seen].filter(([st]) => pred(st)).reduce((n, [, c]) => n + c, 0);
      const summary = JSON.stringify(Object.fromEntries(seen));
      assert.ok(count((st) => st >= 200 && st < 300) > 0, summary);
      for (const st of [400, 401, 403, 404]) assert.ok(count((x) => x === st) > 0, `${st}: ${summary}`);
    });

    test('the callers are still signed in afterwards', async () => {
      for (const [who, s] of sessions) {
        const me = await s.request('GET', '/api/v1/auth/me');
        assert.equal(me.statusCode, 200, `${who}: ${me.body.slice(0, 200)}`);
      }
    });
  });
}
