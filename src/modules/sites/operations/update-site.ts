import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { SitesDeps } from '../deps.js';
import { changesPages, enqueueSiteChanged } from '../site-changed-job.js';
import { SitesErrors } from '../errors.js';
import type { SiteKind, SiteStatus } from '../sites.tables.js';
import { getSite, replaceSiteDomains, updateSiteRow, type SiteContact } from '../sites.repo.js';
import { requireSiteInScope } from '../site-scope.js';
import { definedOnly, siteChanges } from '../site-changes.js';
import { validateSite } from '../validate-site.js';
import { requireOwnerInScope, SITE_REGISTRY_LOCK, type SiteWriteResult } from './create-site.js';

/** Every field may change; absent fields keep their value. `aliases` replaces the whole list. */
export interface UpdateSiteInput {
  readonly kind?: SiteKind | undefined;
  readonly ownerOrgId?: number | undefined;
  readonly name?: string | undefined;
  readonly code?: string | undefined;
  readonly primaryDomain?: string | undefined;
  readonly aliases?: readonly string[] | undefined;
  readonly icpNumber?: string | null | undefined;
  readonly policeNumber?: string | null | undefined;
  readonly hostUnit?: string | undefined;
  readonly contact?: Partial<SiteContact> | undefined;
  readonly logoUrl?: string | null | undefined;
  readonly status?: SiteStatus | undefined;
}

/**
 * A platform admin changes a registered site (sites.manage on the site and, when the owner
 * changes, on the new owner). The whole resulting site is validated again, so a change can
 * never leave the registry breaking a rule.
 */
export async function updateSite({ db, actor, siteId, input, deps }: { db: Db; actor: Actor; siteId: number; input: UpdateSiteInput; deps: SitesDeps }): Promise<SiteWriteResult> {
  return inTransaction(db, async (trx) => {
    await deps.ops.lockForUpdate(trx, SITE_REGISTRY_LOCK);
    const before = await requireSiteInScope(trx, actor, 'sites.manage', siteId);
    const owner = await requireOwnerInScope(trx, actor, input.ownerOrgId ?? before.ownerOrgId);
    const { values, aliases, warnings } = await validateSite(trx, owner, {
      kind: input.kind ?? before.kind,
      name: input.name ?? before.name,
      code: input.code ?? before.code,
      primaryDomain: input.primaryDomain ?? before.primaryDomain,
      aliases: input.aliases ?? before.aliases,
      icpNumber: input.icpNumber !== undefined ? input.icpNumber : before.icpNumber,
      policeNumber: input.policeNumber !== undefined ? input.policeNumber : before.policeNumber,
      hostUnit: input.hostUnit ?? before.hostUnit,
      contact: { ...before.contact, ...definedOnly(input.contact) },
      logoUrl: input.logoUrl !== undefined ? input.logoUrl : before.logoUrl,
      status: input.status ?? before.status,
    }, { selfId: before.id, extraDomainSuffixes: deps.extraDomainSuffixes });
    const changes = siteChanges(before, { ...values, aliases });
    if (Object.keys(changes).length > 0) {
      await updateSiteRow(trx, before.id, values, deps.clock.now());
      await replaceSiteDomains(trx, before.id, { code: values.code, primaryDomain: values.primaryDomain, aliases });
      await deps.audit.append(trx, actor, { action: 'sites.site.update', result: 'success', targetType: 'site', targetId: before.id, detail: { changes } });
      if (changesPages(Object.keys(changes))) await enqueueSiteChanged(trx, deps.jobs, before.id, actor.userId);
    }
    const site = await getSite(trx, before.id);
    if (!site) throw new AppError(SitesErrors['sites.not_found']);
    return { site, warnings };
  });
}
