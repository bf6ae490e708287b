import QRCode from 'qrcode';
import type { Db } from '../../../db/index.js';
import { inTransaction } from '../../../db/index.js';
import { generateRecoveryCodes, generateTotpSecret, sm3Hex, totpUri, verifyTotp } from '../../crypto/index.js';
import { AppError, fieldError } from '../../http/error-registry.js';
import type { Actor } from '../actor.js';
import type { IdentityDeps } from '../deps.js';
import { getUserById } from '../users.repo.js';
import { IdentityErrors } from '../errors.js';

/** Starts enrolment: a new secret is stored (encrypted) but not enabled until a code proves the app has it. */
export async function setupTotp({ db, actor, deps }: { db: Db; actor: Actor; deps: IdentityDeps }): Promise<{ secret: string; otpauthUri: string; qrDataUrl: string }> {
  const user = actor.userId !== null ? await getUserById(db, actor.userId) : undefined;
  if (!user) throw new AppError(IdentityErrors['identity.user.not_found']);
  if (user.totp_enabled === 1) throw new AppError(IdentityErrors['auth.totp_already_enabled']);
  const secret = generateTotpSecret();
  const otpauthUri = totpUri({ secret, account: user.username });
  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ totp_secret_enc: deps.cipher.encrypt(secret, `totp:${user.id}`), updated_at: deps.clock.now() }).where('id', '=', user.id).execute();
    await deps.audit.append(trx, actor, { action: 'auth.totp_setup', result: 'success', targetType: 'user', targetId: user.id });
  });
  return { secret, otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220 }) };
}

/** Confirms enrolment with a code and returns one-time recovery codes (stored hashed). */
export async function enableTotp({ db, actor, code, deps }: { db: Db; actor: Actor; code: string; deps: IdentityDeps }): Promise<{ recoveryCodes: string[] }> {
  const user = actor.userId !== null ? await getUserById(db, actor.userId) : undefined;
  if (!user) throw new AppError(IdentityErrors['identity.user.not_found']);
  if (user.totp_enabled === 1) throw new AppError(IdentityErrors['auth.totp_already_enabled']);
  if (!user.totp_secret_enc) throw new AppError(IdentityErrors['auth.totp_not_pending']);
  const now = deps.clock.now();
  const r = verifyTotp(deps.cipher.decrypt(user.totp_secret_enc, `totp:${user.id}`), code, now);
  if (!r.ok) {
    await inTransaction(db, (trx) => deps.audit.append(trx, actor, { action: 'auth.totp_enable', result: 'denied', targetType: 'user', targetId: user.id }));
    throw new AppError(IdentityErrors['auth.totp_invalid'], {}, [fieldError('code', 'auth.totp_invalid', '动态验证码不正确', 'The authenticator code is wrong')]);
  }
  const recoveryCodes = generateRecoveryCodes(10);
  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ totp_enabled: 1, totp_last_step: r.step ?? null, updated_at: now }).where('id', '=', user.id).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
    await trx.insertInto('recovery_codes').values(recoveryCodes.map((c) => ({ user_id: user.id, code_hash: sm3Hex(c), used_at: null }))).execute();
    // The current session proved the second factor just now.
    if (actor.sessionId !== null) await trx.updateTable('sessions').set({ mfa_passed: 1 }).where('id', '=', actor.sessionId).execute();
    await deps.audit.append(trx, actor, { action: 'auth.totp_enable', result: 'success', targetType: 'user', targetId: user.id });
  });
  return { recoveryCodes };
}
