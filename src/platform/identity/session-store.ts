import { executeNamed, type Db } from '../../db/index.js';
import { hmacSm3, randomToken, sm3Hex, timingSafeEqualHex } from '../crypto/index.js';
import type { Config } from '../../config/index.js';
import type { UserRow } from './users.repo.js';
import { grantViewsOf, type GrantRow, type GrantView } from './grants.repo.js';
import type { ScopeType } from './identity.tables.js';
import type { Actor, Grant } from './actor.js';

export const SESSION_COOKIE = 'jiyue_session';
/** Writing last_seen on every request would make every read a write; a minute is precise enough for a 30-minute idle limit. */
const TOUCH_INTERVAL_MS = 60_000;
/** Every column of users, named: the session look-up is a prepared statement (no `u.*`, see executeNamed). */
const USER_COLUMNS = ['u.id', 'u.username', 'u.display_name', 'u.org_id', 'u.password_hash', 'u.password_changed_at', 'u.must_change_password', 'u.status',
  'u.failed_attempts', 'u.locked_until', 'u.totp_secret_enc', 'u.totp_enabled', 'u.totp_last_step', 'u.email_enc', 'u.phone_enc', 'u.created_at', 'u.updated_at'] as const;

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
  /** Name of the user's organization ('' when it is gone). */
  readonly orgName: string;
  /** The user's grants as loaded for this request (site and column scopes not yet named: see nameScopes). */
  readonly grantViews: readonly GrantView[];
  readonly actor: Actor;
  readonly needsPasswordChange: boolean;
  readonly needsMfaSetup: boolean;
}

/** Finds the live session for a cookie token, enforcing idle and absolute timeouts. */
export async function resolveSession(db: Db, token: string, ctx: { now: number; ip: string; userAgent: string; config: Config }): Promise<ResolvedSession | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  // One round trip for session, user, the user's organization and grants (a row per grant),
  // planned once per connection: this runs on every signed-in request, and on PostgreSQL each
  // round trip and each plan cost more than the rows (three queries made GET /auth/me 3.5× the
  // cost of /healthz).
  const rows = await executeNamed(db, 'resolve_session', db.selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('organizations as uo', 'uo.id', 'u.org_id')
    .leftJoin('role_grants as g', 'g.user_id', 'u.id')
    .leftJoin('organizations as go', (j) => j.onRef('go.id', '=', 'g.scope_id').on('g.scope_type', '=', 'org'))
    .select(['s.id as session_id', 's.csrf_hash', 's.revoked_at', 's.expires_at', 's.last_seen_at', 'uo.name as org_name',
      'g.id as grant_id', 'g.role as grant_role', 'g.scope_type as grant_scope_type', 'g.scope_id as grant_scope_id',
      'go.name as grant_scope_name', 'go.path as grant_scope_path', 'g.granted_at as grant_granted_at'])
    .select(USER_COLUMNS)
    .where('s.token_hash', '=', sm3Hex(token)).orderBy('g.id'));
  const row = rows[0];
  if (!row || row.revoked_at !== null) return null;
  const idleLimit = ctx.config.sessionIdleMinutes * 60_000;
  if (row.expires_at <= ctx.now || row.last_seen_at + idleLimit <= ctx.now) return null;
  const {
    session_id: sessionId, csrf_hash: csrfHash, revoked_at: _r, expires_at: _e, last_seen_at: lastSeenAt, org_name: orgName,
    grant_id: _gi, grant_role: _gr, grant_scope_type: _gt, grant_scope_id: _gs, grant_scope_name: _gn, grant_scope_path: _gp, grant_granted_at: _ga, ...user
  } = row;
  if (user.status !== 'active') return null;
  if (ctx.now - lastSeenAt >= TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: ctx.now }).where('id', '=', sessionId).execute();
  }
  // Site and column scopes stay unnamed here (their names live in other modules and only the
  // console's "me" shows them: describeMe names them).
  const grantViews = grantViewsOf(rows.flatMap((r) => grantRowOf(r, user)));
  const grants: Grant[] = grantViews.map((g) => ({ role: g.role, scopeType: g.scopeType, scopeId: g.scopeId, scopePath: g.scopePath }));
  const actor: Actor = {
    kind: 'user', userId: user.id, username: user.username, displayName: user.display_name, orgId: user.org_id,
    grants, sessionId, ip: ctx.ip, userAgent: ctx.userAgent,
  };
  const mfaRoles = ctx.config.mfaRequiredRoles;
  const needsMfaSetup = user.totp_enabled !== 1 && grants.some((g) => mfaRoles.includes(g.role));
  return { sessionId, csrfHash, user, orgName: orgName ?? '', grantViews, actor, needsPasswordChange: passwordChangeDue(user, ctx.now, ctx.config), needsMfaSetup };
}

/** The grant a joined row carries (none on the one row of a user without grants). */
function grantRowOf(r: GrantColumns, user: UserRow): GrantRow[] {
  if (r.grant_id === null || r.grant_role === null || r.grant_scope_type === null || r.grant_granted_at === null) return [];
  return [{
    id: r.grant_id, user_id: user.id, username: user.username, display_name: user.display_name, role: r.grant_role, scope_type: r.grant_scope_type,
    scope_id: r.grant_scope_id, scope_name: r.grant_scope_name, scope_path: r.grant_scope_path, granted_at: r.grant_granted_at,
  }];
}

interface GrantColumns {
  readonly grant_id: number | null;
  readonly grant_role: string | null;
  readonly grant_scope_type: ScopeType | null;
  readonly grant_scope_id: number | null;
  readonly grant_scope_name: string | null;
  readonly grant_scope_path: string | null;
  readonly grant_granted_at: number | null;
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
