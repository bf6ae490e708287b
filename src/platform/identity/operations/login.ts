import type { Db } from '../../../db/index.js';
import { inTransaction } from '../../../db/index.js';
import { hashPassword, needsRehash, normalizeRecoveryCode, sm3Hex, verifyPassword, verifyTotp } from '../../crypto/index.js';
import { AppError } from '../../http/error-registry.js';
import { anonymousActor, type Actor } from '../../identity/actor.js';
import type { IdentityDeps } from '../deps.js';
import { getUserByUsername, type UserRow } from '../users.repo.js';
import { createSession, type NewSession } from '../session-store.js';
import { grantsOfUser } from '../grants.repo.js';
import { formatShanghai } from '../../i18n/format-time.js';
import { IdentityErrors } from '../errors.js';

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly totp?: string | undefined;
  readonly recoveryCode?: string | undefined;
}

export interface LoginResult {
  readonly session: NewSession;
  readonly user: UserRow;
}

/** Compared against when the username is unknown, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | null = null;

/**
 * Password, then lockout, then second factor. Every outcome is audited; failures count
 * toward the lockout (等保: lock after repeated failures), and the lock survives restarts
 * because it lives in the users table.
 */
export async function login({ db, input, ip, userAgent, deps }: { db: Db; input: LoginInput; ip: string; userAgent: string; deps: IdentityDeps }): Promise<LoginResult> {
  const now = deps.clock.now();
  const anon = anonymousActor(ip, userAgent);
  const user = await getUserByUsername(db, input.username);
  if (!user) {
    dummyHash ??= hashPassword('jiyue-dummy-password', deps.config.passwordIterations);
    await verifyPassword(input.password, await dummyHash);
    await refuse(db, deps, anon, null, 'auth.login', { username: input.username.slice(0, 64), reason: 'unknown_user' });
    throw new AppError(IdentityErrors['auth.bad_credentials']);
  }
  const actor = { ...anon, userId: user.id, username: user.username, displayName: user.display_name, orgId: user.org_id };
  if (user.locked_until !== null && user.locked_until > now) {
    await refuse(db, deps, actor, user.id, 'auth.login', { reason: 'locked' });
    throw new AppError(IdentityErrors['auth.locked'], { until: formatShanghai(user.locked_until) });
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    await recordFailure(db, deps, actor, user, now, 'bad_password');
  }
  if (user.status !== 'active') {
    await refuse(db, deps, actor, user.id, 'auth.login', { reason: 'disabled' });
    throw new AppError(IdentityErrors['auth.disabled']);
  }
  let totpStep: number | null = null;
  let usedRecoveryId: number | null = null;
  if (user.totp_enabled === 1) {
    if (!input.totp && !input.recoveryCode) throw new AppError(IdentityErrors['auth.totp_required']);
    if (input.totp) {
      const secret = user.totp_secret_enc ? deps.cipher.decrypt(user.totp_secret_enc, `totp:${user.id}`) : '';
      const r = verifyTotp(secret, input.totp, now);
      // A code may be used once: steps at or before the last accepted one are replays.
      if (!r.ok || r.step === undefined || (user.totp_last_step !== null && r.step <= user.totp_last_step)) {
        await recordFailure(db, deps, actor, user, now, 'bad_totp');
      }
      totpStep = r.step ?? null;
    } else {
      const code = normalizeRecoveryCode(input.recoveryCode ?? '');
      const row = code ? await db.selectFrom('recovery_codes').select('id').where('user_id', '=', user.id)
        .where('code_hash', '=', sm3Hex(code)).where('used_at', 'is', null).executeTakeFirst() : undefined;
      if (!row) await recordFailure(db, deps, actor, user, now, 'bad_recovery_code');
      usedRecoveryId = row?.id ?? null;
    }
  }
  const rehash = needsRehash(user.password_hash, deps.config.passwordIterations)
    ? await hashPassword(input.password, deps.config.passwordIterations) : null;
  return inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({
      failed_attempts: 0, locked_until: null, updated_at: now,
      ...(totpStep !== null ? { totp_last_step: totpStep } : {}),
      ...(rehash ? { password_hash: rehash } : {}),
    }).where('id', '=', user.id).execute();
    if (usedRecoveryId !== null) await trx.updateTable('recovery_codes').set({ used_at: now }).where('id', '=', usedRecoveryId).execute();
    const session = await createSession(trx, { userId: user.id, mfaPassed: user.totp_enabled === 1, ip, userAgent, now, config: deps.config, secret: deps.sessionSecret });
    const grants = await grantsOfUser(trx, user.id);
    await deps.audit.append(trx, { ...actor, grants, sessionId: session.sessionId }, {
      action: 'auth.login', result: 'success', targetType: 'user', targetId: user.id,
      detail: { secondFactor: user.totp_enabled === 1 ? (usedRecoveryId !== null ? 'recovery_code' : 'totp') : 'none' },
    });
    return { session, user };
  });
}

async function recordFailure(db: Db, deps: IdentityDeps, actor: Actor, user: UserRow, now: number, reason: string): Promise<never> {
  const threshold = deps.config.lockoutThreshold;
  const locked = await inTransaction(db, async (trx) => {
    // Increment in SQL so concurrent failures cannot undercount.
    await trx.updateTable('users').set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) })).where('id', '=', user.id).execute();
    const { failed_attempts } = await trx.selectFrom('users').select('failed_attempts').where('id', '=', user.id).executeTakeFirstOrThrow();
    const lockNow = failed_attempts >= threshold;
    if (lockNow) {
      await trx.updateTable('users').set({ locked_until: now + deps.config.lockoutMinutes * 60_000, failed_attempts: 0 }).where('id', '=', user.id).execute();
    }
    await deps.audit.append(trx, actor, { action: 'auth.login', result: 'denied', targetType: 'user', targetId: user.id, detail: { reason, failedAttempts: failed_attempts } });
    if (lockNow) await deps.audit.append(trx, actor, { action: 'auth.lockout', result: 'success', targetType: 'user', targetId: user.id, detail: { minutes: deps.config.lockoutMinutes } });
    return lockNow;
  });
  if (locked) throw new AppError(IdentityErrors['auth.locked'], { until: formatShanghai(now + deps.config.lockoutMinutes * 60_000) });
  throw new AppError(reason === 'bad_password' ? 'auth.bad_credentials' : 'auth.totp_invalid');
}

async function refuse(db: Db, deps: IdentityDeps, actor: Actor, userId: number | null, action: string, detail: Record<string, unknown>): Promise<void> {
  await inTransaction(db, (trx) => deps.audit.append(trx, actor, { action, result: 'denied', targetType: 'user', targetId: userId, detail }));
}
