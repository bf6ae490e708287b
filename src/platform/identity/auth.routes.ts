import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../platform.js';
import { access } from './permissions.js';
import { Obj, Ok, errorResponses } from '../http/schema.js';
import { requestLocale } from '../http/problem.js';
import { login } from './operations/login.js';
import { changePassword } from './operations/change-password.js';
import { enableTotp, setupTotp } from './operations/setup-totp.js';
import { csrfTokenFor, revokeAllSessions, revokeSession, SESSION_COOKIE } from './session-store.js';
import { describeMe } from './me.js';
import { identityDeps } from './identity-deps.js';
import { inTransaction } from '../../db/index.js';
import { AppError } from '../http/error-registry.js';
import { HttpErrors } from '../http/errors.js';

const LoginBody = Obj({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
  totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  recoveryCode: Type.Optional(Type.String({ minLength: 8, maxLength: 20 })),
});
const PasswordBody = Obj({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) });
const TotpEnableBody = Obj({ code: Type.String({ pattern: '^[0-9]{6}$' }) });

export async function authRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const deps = identityDeps(platform);
  const tags = ['auth'];

  app.post('/api/v1/auth/login', {
    schema: { tags, summary: '登录 / Sign in', body: LoginBody, response: errorResponses(400, 401, 403, 423, 429) },
    config: { access: access.public, rateLimit: { max: platform.config.loginRatePerMinute, timeWindow: 60_000 } },
  }, async (req, reply) => {
    const body = req.body;
    const { session, user } = await login({ db: platform.db, input: body, ip: req.ip, userAgent: req.actor.userAgent, deps });
    setSessionCookie(req, reply, platform, session.token, session.expiresAt);
    return { user: await describeMe(platform.db, user, { now: platform.clock.now(), config: platform.config, locale: requestLocale(req) }), csrfToken: session.csrfToken };
  });

  app.get('/api/v1/auth/me', { schema: { tags, summary: '当前用户 / Current user' }, config: { access: access.session } }, async (req) => {
    const s = req.session;
    if (!s) throw new AppError(HttpErrors['auth.unauthenticated']);
    // The access hook loaded the user and grants for this very request: reuse them.
    return {
      user: await describeMe(platform.db, s.user, { now: platform.clock.now(), config: platform.config, locale: requestLocale(req), loaded: { grants: s.grantViews, orgName: s.orgName } }),
      csrfToken: csrfTokenFor(req.cookies[SESSION_COOKIE] ?? '', platform.keys.sessionSecret),
    };
  });

  app.post('/api/v1/auth/logout', { schema: { tags, summary: '退出登录 / Sign out' }, config: { access: access.session } }, async (req, reply) => {
    const sessionId = req.session?.sessionId;
    if (sessionId !== undefined) {
      await inTransaction(platform.db, async (trx) => {
        await revokeSession(trx, sessionId, platform.clock.now());
        await platform.audit.append(trx, req.actor, { action: 'auth.logout', result: 'success', targetType: 'session', targetId: sessionId });
      });
    }
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post('/api/v1/auth/logout-all', { schema: { tags, summary: '退出全部会话 / Sign out everywhere', response: { 200: Ok } }, config: { access: access.session } }, async (req, reply) => {
    const userId = req.actor.userId;
    if (userId !== null) {
      await inTransaction(platform.db, async (trx) => {
        const n = await revokeAllSessions(trx, userId, platform.clock.now());
        await platform.audit.append(trx, req.actor, { action: 'auth.logout_all', result: 'success', targetType: 'user', targetId: userId, detail: { sessions: n } });
      });
    }
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post('/api/v1/auth/password', { schema: { tags, summary: '修改密码 / Change password', body: PasswordBody, response: { 200: Ok } }, config: { access: access.session } }, async (req) => {
    await changePassword({ db: platform.db, actor: req.actor, input: req.body, deps });
    return { ok: true };
  });

  app.post('/api/v1/auth/totp/setup', { schema: { tags, summary: '开始设置双因素认证 / Start 2FA setup' }, config: { access: access.session } }, async (req) => {
    return setupTotp({ db: platform.db, actor: req.actor, deps });
  });

  app.post('/api/v1/auth/totp/enable', { schema: { tags, summary: '启用双因素认证 / Enable 2FA', body: TotpEnableBody }, config: { access: access.session } }, async (req) => {
    return enableTotp({ db: platform.db, actor: req.actor, code: (req.body).code, deps });
  });
}

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, platform: Platform, token: string, expiresAt: number): void {
  const mode = platform.config.cookieSecure;
  const secure = mode === 'always' || (mode === 'auto' && req.protocol === 'https');
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/', httpOnly: true, sameSite: 'strict', secure, expires: new Date(expiresAt),
  });
}
