import type { Db } from '../../../db/index.js';
import { inTransaction } from '../../../db/index.js';
import { hashPassword, verifyPassword } from '../../crypto/index.js';
import { AppError, fieldError } from '../../http/error-registry.js';
import type { Actor } from '../actor.js';
import type { IdentityDeps } from '../deps.js';
import { checkPasswordShape, isReusedPassword } from '../password-policy.js';
import { getUserById, recentPasswordHashes } from '../users.repo.js';
import { IdentityErrors } from '../errors.js';

export interface ChangePasswordInput {
  readonly currentPassword: string;
  readonly newPassword: string;
}

/** The signed-in user changes their own password; other sessions of the user end. */
export async function changePassword({ db, actor, input, deps }: { db: Db; actor: Actor; input: ChangePasswordInput; deps: IdentityDeps }): Promise<void> {
  const user = actor.userId !== null ? await getUserById(db, actor.userId) : undefined;
  if (!user) throw new AppError(IdentityErrors['identity.user.not_found']);
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    await inTransaction(db, (trx) => deps.audit.append(trx, actor, { action: 'auth.password_change', result: 'denied', targetType: 'user', targetId: user.id, detail: { reason: 'wrong_current_password' } }));
    throw new AppError(IdentityErrors['auth.wrong_current_password'], {}, [fieldError('currentPassword', 'auth.wrong_current_password', '当前密码不正确', 'The current password is wrong')]);
  }
  await assertAcceptablePassword(db, deps, user.id, user.username, input.newPassword, [user.password_hash]);
  const hash = await hashPassword(input.newPassword, deps.config.passwordIterations);
  const now = deps.clock.now();
  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, password_changed_at: now, must_change_password: 0, updated_at: now }).where('id', '=', user.id).execute();
    await trx.insertInto('password_history').values({ user_id: user.id, password_hash: user.password_hash, created_at: now }).execute();
    await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null)
      .where('id', '!=', actor.sessionId ?? -1).execute();
    await deps.audit.append(trx, actor, { action: 'auth.password_change', result: 'success', targetType: 'user', targetId: user.id });
  });
}

/** Policy shape plus reuse of recent passwords; throws auth.password_policy naming the field. */
export async function assertAcceptablePassword(db: Db, deps: IdentityDeps, userId: number | null, username: string, password: string, alsoForbidden: readonly string[] = []): Promise<void> {
  const policy = { minLength: deps.config.passwordMinLength, requiredClasses: deps.config.passwordRequiredClasses, history: deps.config.passwordHistory };
  const shape = checkPasswordShape(password, username, policy);
  const zh = [...shape.zh];
  const en = [...shape.en];
  if (userId !== null && deps.config.passwordHistory > 0) {
    const recent = [...alsoForbidden, ...(await recentPasswordHashes(db, userId, deps.config.passwordHistory))];
    if (await isReusedPassword(password, recent)) {
      zh.push(`不能与最近 ${deps.config.passwordHistory} 次使用过的密码相同`);
      en.push(`not one of the last ${deps.config.passwordHistory} passwords used`);
    }
  }
  if (zh.length > 0) {
    const reasons = zh.join('；');
    const reasonsEn = en.join('; ');
    throw new AppError(IdentityErrors['auth.password_policy'], { reasons, reasonsEn },
      [fieldError('newPassword', 'auth.password_policy', reasons, `The new password needs: ${reasonsEn}`)]);
  }
}
