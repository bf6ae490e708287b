import type { Db } from '../../db/index.js';
import type { Config } from '../../config/index.js';
import { PERMISSIONS, type Permission } from './permissions.js';
import { ROLE_LABELS } from './roles.js';
import { listGrants, nameScopes, type GrantView } from './grants.repo.js';
import { getOrg } from './orgs.repo.js';
import { passwordChangeDue } from './session-store.js';
import type { UserRow } from './users.repo.js';
import type { Locale } from '../i18n/locale.js';

export interface MeView {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly orgId: number;
  readonly orgName: string;
  readonly roles: readonly { role: string; roleLabel: string; scopeType: string; scopeId: number | null; scopeName: string | null }[];
  readonly permissions: readonly string[];
  readonly mustChangePassword: boolean;
  readonly mfaSetupRequired: boolean;
  readonly totpEnabled: boolean;
  readonly passwordExpiresAt: number | null;
}

/** What the console needs to know about the signed-in user (menus follow `permissions`). */
/**
 * `loaded`: the user's grants and organization name as the access hook loaded them for this
 * request (GET /auth/me asks the database again only to name site and column scopes).
 */
export async function describeMe(db: Db, user: UserRow, ctx: { now: number; config: Config; locale: Locale; loaded?: { grants: readonly GrantView[]; orgName: string } }): Promise<MeView> {
  const grants = ctx.loaded ? await nameScopes(db, ctx.loaded.grants) : await listGrants(db, { userId: user.id });
  const orgName = ctx.loaded ? ctx.loaded.orgName : (await getOrg(db, user.org_id))?.name ?? '';
  const roleSet = new Set(grants.map((g) => g.role));
  const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => PERMISSIONS[p].some((r) => roleSet.has(r)));
  const lang = ctx.locale === 'en' ? 'en' : 'zh';
  return {
    id: user.id, username: user.username, displayName: user.display_name, orgId: user.org_id, orgName,
    roles: grants.map((g) => ({ role: g.role, roleLabel: ROLE_LABELS[g.role][lang], scopeType: g.scopeType, scopeId: g.scopeId, scopeName: g.scopeName })),
    permissions,
    mustChangePassword: passwordChangeDue(user, ctx.now, ctx.config),
    mfaSetupRequired: user.totp_enabled !== 1 && grants.some((g) => ctx.config.mfaRequiredRoles.includes(g.role)),
    totpEnabled: user.totp_enabled === 1,
    passwordExpiresAt: ctx.config.passwordMaxAgeDays > 0 ? user.password_changed_at + ctx.config.passwordMaxAgeDays * 86_400_000 : null,
  };
}
