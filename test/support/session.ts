import type { LightMyRequestResponse } from 'fastify';
import type { JiyueApp } from '../../src/app.js';
import type { DemoAccount } from '../../src/demo/seed-demo.js';
import type { Clock } from '../../src/platform/clock.js';
import { totpCode } from '../../src/platform/crypto/index.js';

/** A signed-in client over inject(): carries the cookie and the CSRF token. */
export interface TestSession {
  readonly cookie: string;
  readonly csrf: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'jiyue_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `jiyue_session=${c.value}`;
}

export async function signIn(app: JiyueApp, account: Pick<DemoAccount, 'username' | 'password' | 'totpSecret'>, clock?: Clock): Promise<TestSession> {
  const now = clock?.now() ?? Date.now();
  const res = await app.inject({
    method: 'POST', url: '/api/v1/auth/login',
    payload: { username: account.username, password: account.password, ...(account.totpSecret ? { totp: totpCode(account.totpSecret, now) } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`login of ${account.username} failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie, csrf,
    request: (method, url, body, headers = {}) => app.inject({
      method: method as 'GET', url, headers: { cookie, 'x-csrf-token': csrf, ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    }),
  };
}
