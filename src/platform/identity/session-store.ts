import type { Db } from '../../db/index.js';
import { hmacSm3, randomToken, sm3Hex, timingSafeEqualHex } from '../crypto/index.js';
import type { Config } from '../../config/index.js';
import type { UserRow } from './users.repo.js';
import { listGrants, type GrantView } from './grants.repo.js';
import type { Actor, Grant } from './actor.js';

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
  /** The user's grants with scope names, as loaded for this request. */
  readonly grantViews: readonly GrantView[];
  readonly actor: Actor;
  readonly needsPasswordChange: boolean;
  readonly needsMfaSetup: boolean;
}

/** Finds the live session for a cookie token, enforcing idle and absolute timeouts. */
export async function resolveSession(db: Db, token: string, ctx: { now: number; ip: string; userAgent: string; config: Config }): Promise<ResolvedSession | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  // One round trip for session and user: this runs on every signed-in request.
  const row = await db.selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as session_id', 's.csrf_hash', 's.revoked_at', 's.expires_at', 's.last_seen_at'])
    .selectAll('u')
    .where('s.token_hash', '=', sm3Hex(token)).executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  const idleLimit = ctx.config.sessionIdleMinutes * 60_000;
  if (row.expires_at <= ctx.now || row.last_seen_at + idleLimit <= ctx.now) return null;
  const { session_id: sessionId, csrf_hash: csrfHash, revoked_at: _r, expires_at: _e, last_seen_at: lastSeenAt, ...user } = row;
  if (user.status !== 'active') return null;
  if (ctx.now - lastSeenAt >= TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: ctx.now }).where('id', '=', sessionId).execute();
  }
  const grantViews = await listGrants(db, { userId: user.id });
  const grants: Grant[] = grantViews.map((g) => ({ role: g.role, scopeType: g.scopeType, scopeId: g.scopeId, scopePath: g.scopePath }));
  const actor: Actor = {
    kind: 'user', userId: user.id, username: user.username, displayName: user.display_name, orgId: user.org_id,
    grants, sessionId, ip: ctx.ip, userAgent: ctx.userAgent,
  };
  const mfaRoles = ctx.config.mfaRequiredRoles;
  const needsMfaSetup = user.totp_enabled !== 1 && grants.some((g) => mfaRoles.includes(g.role));
  return { sessionId, csrfHash, user, grantViews, actor, needsPasswordChange: passwordChangeDue(user, ctx.now, ctx.config), needsMfaSetup };
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
