import { inTransaction, type Db } from '../../../db/index.js';
import { AppError, registeredFieldError } from '../../../platform/http/error-registry.js';
import { hasPermissionOnOrg, type Actor } from '../../../platform/identity/actor.js';
import { getOrg, type OrgView } from '../../../platform/identity/orgs.repo.js';
import type { SitesDeps } from '../deps.js';
import { SitesErrors } from '../errors.js';
import type { SiteKind, SiteStatus } from '../sites.tables.js';
import { getSite, insertSiteRow, replaceSiteDomains, type SiteContact, type SiteView } from '../sites.repo.js';
import { validateSite, type SiteWarning } from '../validate-site.js';

export interface CreateSiteInput {
  readonly kind: SiteKind;
  readonly ownerOrgId: number;
  readonly name: string;
  readonly code: string;
  readonly primaryDomain: string;
  readonly aliases?: readonly string[] | undefined;
  readonly icpNumber?: string | null | undefined;
  readonly policeNumber?: string | null | undefined;
  /** 主办单位; defaults to the owner organization's name. */
  readonly hostUnit?: string | undefined;
  readonly contact?: Partial<SiteContact> | undefined;
  readonly logoUrl?: string | null | undefined;
  readonly status?: SiteStatus | undefined;
}

export interface SiteWriteResult {
  readonly site: SiteView;
  readonly warnings: readonly SiteWarning[];
}

/** Serialises registry writes, so "code / domain / owner not taken" checks hold until commit. */
export const SITE_REGISTRY_LOCK = 'sites.registry';

/** The owner must exist and lie in the actor's sites.manage scope (a platform admin covers all). */
export async function requireOwnerInScope(db: Db, actor: Actor, ownerOrgId: number): Promise<OrgView> {
  const owner = await getOrg(db, ownerOrgId);
  if (!owner) throw new AppError(SitesErrors['sites.owner.not_found'], {}, [registeredFieldError('ownerOrgId', 'sites.owner.not_found')]);
  if (!hasPermissionOnOrg(actor, 'sites.manage', owner.path)) throw new AppError(SitesErrors['sites.owner.out_of_scope'], { org: owner.name });
  return owner;
}

/**
 * Registers a site directly (the approval lifecycle comes later): validate every rule,
 * write the site and its domains (plus the platform-managed `<code>.localhost`), audit, all
 * in one transaction.
 */
export async function createSite({ db, actor, input, deps }: { db: Db; actor: Actor; input: CreateSiteInput; deps: SitesDeps }): Promise<SiteWriteResult> {
  return inTransaction(db, async (trx) => {
    await deps.ops.lockForUpdate(trx, SITE_REGISTRY_LOCK);
    const owner = await requireOwnerInScope(trx, actor, input.ownerOrgId);
    const { values, aliases, warnings } = await validateSite(trx, owner, {
      kind: input.kind, name: input.name, code: input.code, primaryDomain: input.primaryDomain, aliases: input.aliases ?? [],
      icpNumber: input.icpNumber ?? null, policeNumber: input.policeNumber ?? null, hostUnit: input.hostUnit?.trim() ? input.hostUnit : owner.name,
      contact: { phone: input.contact?.phone ?? '', email: input.contact?.email ?? '', address: input.contact?.address ?? '' },
      logoUrl: input.logoUrl ?? null, status: input.status ?? 'building',
    }, { extraDomainSuffixes: deps.extraDomainSuffixes });
    const id = await insertSiteRow(trx, values, actor.userId, deps.clock.now());
    await replaceSiteDomains(trx, id, { code: values.code, primaryDomain: values.primaryDomain, aliases });
    await deps.audit.append(trx, actor, {
      action: 'sites.site.create', result: 'success', targetType: 'site', targetId: id,
      detail: { code: values.code, name: values.name, kind: values.kind, ownerOrgId: owner.id, primaryDomain: values.primaryDomain, aliases, status: values.status },
    });
    const site = await getSite(trx, id);
    if (!site) throw new AppError(SitesErrors['sites.not_found']);
    return { site, warnings };
  });
}
