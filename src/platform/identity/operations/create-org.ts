import type { Db } from '../../../db/index.js';
import { inTransaction } from '../../../db/index.js';
import { AppError } from '../../http/error-registry.js';
import type { Actor } from '../actor.js';
import type { IdentityDeps } from '../deps.js';
import type { OrgKind, OrgLevel } from '../identity.tables.js';
import { getOrgByCode, insertOrg, type OrgView } from '../orgs.repo.js';
import { requireOrgInScope } from '../scope.js';
import { IdentityErrors } from '../errors.js';

export interface CreateOrgInput {
  readonly parentId: number;
  readonly name: string;
  readonly kind: OrgKind;
  readonly code?: string | undefined;
  readonly divisionCode?: string | undefined;
  readonly creditCode?: string | undefined;
}

const NEXT_LEVEL: Readonly<Record<OrgLevel, OrgLevel | null>> = { province: 'city', city: 'county', county: 'township', township: null };

/**
 * Adds a unit under a parent. A government below another government goes one level down;
 * offices, departments and townships stay at their government's level (townships: township level).
 */
export async function createOrg({ db, actor, input, deps }: { db: Db; actor: Actor; input: CreateOrgInput; deps: IdentityDeps }): Promise<OrgView> {
  const parent = await requireOrgInScope(db, actor, 'identity.orgs.manage', input.parentId);
  if (parent.kind !== 'government') throw new AppError(IdentityErrors['identity.org.bad_parent'], { reason: '只能在政府机构下新增单位' });
  let level: OrgLevel = parent.level;
  if (input.kind === 'government' || input.kind === 'township') {
    const next = NEXT_LEVEL[parent.level];
    if (!next) throw new AppError(IdentityErrors['identity.org.bad_parent'], { reason: '乡镇街道下不能再设下级政府' });
    if (input.kind === 'township' && parent.level !== 'county') throw new AppError(IdentityErrors['identity.org.bad_parent'], { reason: '乡镇街道只能设在县（区）政府下' });
    level = next;
  }
  const divisionCode = input.divisionCode ?? parent.divisionCode;
  const code = input.code ?? `${divisionCode}-${Date.now().toString(36)}`;
  if (await getOrgByCode(db, code)) throw new AppError(IdentityErrors['identity.org.code_taken'], { code });
  return inTransaction(db, async (trx) => {
    const org = await insertOrg(trx, { parentId: parent.id, code, name: input.name, kind: input.kind, level, divisionCode, creditCode: input.creditCode ?? null }, parent.path, deps.clock.now());
    await deps.audit.append(trx, actor, { action: 'identity.org.create', result: 'success', targetType: 'organization', targetId: org.id, detail: { name: org.name, kind: org.kind, parentId: parent.id } });
    return org;
  });
}
