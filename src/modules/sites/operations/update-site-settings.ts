import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { SitesDeps } from '../deps.js';
import { changesPages, enqueueSiteChanged } from '../site-changed-job.js';
import { SitesErrors } from '../errors.js';
import { getSite, updateSiteRow, type SiteContact, type SiteView } from '../sites.repo.js';
import { requireSiteInScope } from '../site-scope.js';
import { definedOnly, siteChanges } from '../site-changes.js';
import { SiteIssues } from '../site-issues.js';
import { isValidLogoUrl } from '../site-fields.js';
import { checkContactFormats, checkShownSiteText } from '../validate-site.js';

/** What a site's own administrator may change: the name, the logo and the contact block. */
export interface UpdateSiteSettingsInput {
  readonly name?: string | undefined;
  readonly logoUrl?: string | null | undefined;
  readonly contact?: Partial<SiteContact> | undefined;
}

/**
 * A site admin edits the settings-like fields of a site in their scope (sites.settings).
 * Identity fields (code, domains, owner, filing numbers, status) stay with the platform admin.
 */
export async function updateSiteSettings({ db, actor, siteId, input, deps }: { db: Db; actor: Actor; siteId: number; input: UpdateSiteSettingsInput; deps: SitesDeps }): Promise<SiteView> {
  return inTransaction(db, async (trx) => {
    const before = await requireSiteInScope(trx, actor, 'sites.settings', siteId);
    const issues = new SiteIssues();
    const name = (input.name ?? before.name).trim();
    if (!name) issues.add('sites.blank', 'name', { label: '网站名称', labelEn: 'Site name', field: 'name' });
    const rawLogo = input.logoUrl !== undefined ? input.logoUrl : before.logoUrl;
    const logoUrl = rawLogo?.trim() ? rawLogo.trim() : null;
    if (logoUrl !== null && !isValidLogoUrl(logoUrl)) issues.add('sites.logo.bad_url', 'logoUrl');
    const merged = { ...before.contact, ...definedOnly(input.contact) };
    const contact: SiteContact = { phone: merged.phone.trim(), email: merged.email.trim(), address: merged.address.trim() };
    checkShownSiteText(issues, { name, contact });
    checkContactFormats(issues, contact);
    issues.throwIfAny();

    const after = { ...before, name, logoUrl, contact };
    const changes = siteChanges(before, after);
    if (Object.keys(changes).length > 0) {
      await updateSiteRow(trx, before.id, { ...after }, deps.clock.now());
      await deps.audit.append(trx, actor, { action: 'sites.site.update_settings', result: 'success', targetType: 'site', targetId: before.id, detail: { changes } });
      if (changesPages(Object.keys(changes))) await enqueueSiteChanged(trx, deps.jobs, before.id, actor.userId);
    }
    const site = await getSite(trx, before.id);
    if (!site) throw new AppError(SitesErrors['sites.not_found']);
    return site;
  });
}
