import type { Db } from '../../db/index.js';
import { hmacSm3, randomToken, sm3Hex, timingSafeEqualHex } from '../crypto/index.js';
import type { Config } from '../../config/index.js';
import type { UserRow } from './users.repo.js';
import { getUserById } from './users.repo.js';
import { grantsOfUser } from './grants.repo.js';
import type { Actor } from './actor.js';

export const SESSION_COOKIE = 'jiyue_session';
/** Writing last_seen on every request would make every read a write; a minute is precise enough for a 30-minute idle limit. */
const TOUCH_INTERVAL_MS = 60_000;

export interface NewSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly sessionId: number;
  readonly expiresAt: number;
}

/**
 * The CSRF token is derived from the session token with a server secret, so the console can
 * get it again after a reload (GET /auth/me) without storing it or rotating it per tab.
 */
export function csrfTokenFor(sessionToken: string, secret: Buffer): string {
  return hmacSm3(secret, `csrf:${sessionToken}`).toString('base64url');
}

export async function createSession(db: Db, args: { userId: number; mfaPassed: boolean; ip: string; userAgent: string; now: number; config: Config; secret: Buffer }): Promise<NewSession> {
  const token = randomToken(32);
  const csrfToken = csrfTokenFor(token, args.secret);
  const expiresAt = args.now + args.config.sessionAbsoluteHours * 3_600_000;
  const { id } = await db.insertInto('sessions').values({
    token_hash: sm3Hex(token), csrf_hash: sm3Hex(csrfToken), user_id: args.userId, mfa_passed: args.mfaPassed ? 1 : 0,
    created_at: args.now, last_seen_at: args.now, expires_at: expiresAt, ip: args.ip.slice(0, 64), user_agent: args.userAgent.slice(0, 512), revoked_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return { token, csrfToken, sessionId: id, expiresAt };
}

export interface ResolvedSession {
  readonly sessionId: number;
  readonly csrfHash: string;
  readonly user: UserRow;
  readonly actor: Actor;
  readonly needsPasswordChange: boolean;
  readonly needsMfaSetup: boolean;
}

/** Finds the live session for a cookie token, enforcing idle and absolute timeouts. */
export async function resolveSession(db: Db, token: string, ctx: { now: number; ip: string; userAgent: string; config: Config }): Promise<ResolvedSession | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const s = await db.selectFrom('sessions').selectAll().where('token_hash', '=', sm3Hex(token)).executeTakeFirst();
  if (!s || s.revoked_at !== null) return null;
  const idleLimit = ctx.config.sessionIdleMinutes * 60_000;
  if (s.expires_at <= ctx.now || s.last_seen_at + idleLimit <= ctx.now) return null;
  const user = await getUserById(db, s.user_id);
  if (!user || user.status !== 'active') return null;
  if (ctx.now - s.last_seen_at >= TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: ctx.now }).where('id', '=', s.id).execute();
  }
  const grants = await grantsOfUser(db, user.id);
  const actor: Actor = {
    kind: 'user', userId: user.id, username: user.username, displayName: user.display_name, orgId: user.org_id,
    grants, sessionId: s.id, ip: ctx.ip, userAgent: ctx.userAgent,
  };
  const mfaRoles = ctx.config.mfaRequiredRoles;
  const needsMfaSetup = user.totp_enabled !== 1 && grants.some((g) => mfaRoles.includes(g.role));
  return { sessionId: s.id, csrfHash: s.csrf_hash, user, actor, needsPasswordChange: passwordChangeDue(user, ctx.now, ctx.config), needsMfaSetup };
}

export function passwordChangeDue(user: UserRow, now: number, config: Config): boolean {
  if (user.must_change_password === 1) return true;
  return config.passwordMaxAgeDays > 0 && user.password_changed_at + config.passwordMaxAgeDays * 86_400_000 <= now;
}

export function csrfMatches(csrfHash: string, presented: string | undefined): boolean {
  if (!presented || presented.length > 200) return false;
  return timingSafeEqualHex(sm3Hex(presented), csrfHash);
}

export async function revokeSession(db: Db, sessionId: number, now: number): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export async function revokeAllSessions(db: Db, userId: number, now: number): Promise<number> {
  const r = await db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
