import type { Db } from '../../../db/index.js';
import { inTransaction } from '../../../db/index.js';
import { hashPassword, randomToken } from '../../crypto/index.js';
import { AppError, fieldError } from '../../http/error-registry.js';
import type { Actor } from '../actor.js';
import type { IdentityDeps } from '../deps.js';
import { requireOrgInScope } from '../scope.js';
import { getUserById, getUserByUsername, type UserRow } from '../users.repo.js';
import { IdentityErrors } from '../errors.js';

export interface CreateUserInput {
  readonly username: string;
  readonly displayName: string;
  readonly orgId: number;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
}

/** A one-time password meeting every class rule; the user must change it at first login. */
export function generateInitialPassword(): string {
  const body = randomToken(12).replace(/[-_]/g, 'x');
  return `Jy${body}#7`;
}

export async function createUser({ db, actor, input, deps }: { db: Db; actor: Actor; input: CreateUserInput; deps: IdentityDeps }): Promise<{ user: UserRow; initialPassword: string }> {
  await requireOrgInScope(db, actor, 'identity.users.manage', input.orgId);
  const username = input.username.trim().toLowerCase();
  if (await getUserByUsername(db, username)) throw new AppError(IdentityErrors['identity.user.username_taken'], { username }, [fieldError('username', 'identity.user.username_taken', `用户名“${username}”已被使用`, `Username "${username}" is already taken`)]);
  const initialPassword = generateInitialPassword();
  const hash = await hashPassword(initialPassword, deps.config.passwordIterations);
  const now = deps.clock.now();
  return inTransaction(db, async (trx) => {
    const { id } = await trx.insertInto('users').values({
      username, display_name: input.displayName.trim(), org_id: input.orgId, password_hash: hash, password_changed_at: now,
      must_change_password: 1, status: 'active', failed_attempts: 0, locked_until: null, totp_secret_enc: null, totp_enabled: 0, totp_last_step: null,
      email_enc: input.email ? deps.cipher.encrypt(input.email, 'user.email') : null,
      phone_enc: input.phone ? deps.cipher.encrypt(input.phone, 'user.phone') : null,
      created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await deps.audit.append(trx, actor, { action: 'identity.user.create', result: 'success', targetType: 'user', targetId: id, detail: { username, orgId: input.orgId } });
    const user = await getUserById(trx, id);
    if (!user) throw new AppError(IdentityErrors['identity.user.not_found']);
    return { user, initialPassword };
  });
}

export interface UpdateUserInput {
  readonly displayName?: string | undefined;
  readonly orgId?: number | undefined;
  readonly status?: 'active' | 'disabled' | undefined;
}

export async function updateUser({ db, actor, userId, input, deps }: { db: Db; actor: Actor; userId: number; input: UpdateUserInput; deps: IdentityDeps }): Promise<UserRow> {
  const user = await loadManagedUser(db, actor, userId, 'identity.users.manage');
  if (input.orgId !== undefined) await requireOrgInScope(db, actor, 'identity.users.manage', input.orgId);
  if (input.status === 'disabled' && user.id === actor.userId) throw new AppError(IdentityErrors['identity.user.self_disable']);
  const now = deps.clock.now();
  return inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({
      ...(input.displayName !== undefined ? { display_name: input.displayName.trim() } : {}),
      ...(input.orgId !== undefined ? { org_id: input.orgId } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      updated_at: now,
    }).where('id', '=', user.id).execute();
    // A disabled account must lose its open sessions at once.
    if (input.status === 'disabled') await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    await deps.audit.append(trx, actor, { action: 'identity.user.update', result: 'success', targetType: 'user', targetId: user.id, detail: { ...input } });
    return (await getUserById(trx, user.id)) as UserRow;
  });
}

export async function resetPassword({ db, actor, userId, deps }: { db: Db; actor: Actor; userId: number; deps: IdentityDeps }): Promise<{ initialPassword: string }> {
  const user = await loadManagedUser(db, actor, userId, 'identity.users.manage');
  const initialPassword = generateInitialPassword();
  const hash = await hashPassword(initialPassword, deps.config.passwordIterations);
  const now = deps.clock.now();
  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, password_changed_at: now, must_change_password: 1, updated_at: now }).where('id', '=', user.id).execute();
    await trx.insertInto('password_history').values({ user_id: user.id, password_hash: user.password_hash, created_at: now }).execute();
    await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    await deps.audit.append(trx, actor, { action: 'identity.user.reset_password', result: 'success', targetType: 'user', targetId: user.id });
  });
  return { initialPassword };
}

/** Security admin only: lifts a lockout before it expires. */
export async function unlockUser({ db, actor, userId, deps }: { db: Db; actor: Actor; userId: number; deps: IdentityDeps }): Promise<void> {
  const user = await loadManagedUser(db, actor, userId, 'identity.lockout.manage');
  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ locked_until: null, failed_attempts: 0, updated_at: deps.clock.now() }).where('id', '=', user.id).execute();
    await deps.audit.append(trx, actor, { action: 'identity.user.unlock', result: 'success', targetType: 'user', targetId: user.id });
  });
}

/** Security admin only: removes a lost second factor; the user enrols again at next login. */
export async function resetTotp({ db, actor, userId, deps }: { db: Db; actor: Actor; userId: number; deps: IdentityDeps }): Promise<void> {
  const user = await loadManagedUser(db, actor, userId, 'identity.lockout.manage');
  const now = deps.clock.now();
  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ totp_enabled: 0, totp_secret_enc: null, totp_last_step: null, updated_at: now }).where('id', '=', user.id).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
    await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    await deps.audit.append(trx, actor, { action: 'identity.user.reset_totp', result: 'success', targetType: 'user', targetId: user.id });
  });
}

async function loadManagedUser(db: Db, actor: Actor, userId: number, permission: 'identity.users.manage' | 'identity.lockout.manage'): Promise<UserRow> {
  const user = await getUserById(db, userId);
  if (!user) throw new AppError(IdentityErrors['identity.user.not_found']);
  await requireOrgInScope(db, actor, permission, user.org_id);
  return user;
}
