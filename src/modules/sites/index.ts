/**
 * Public face of the sites module (站点注册). Other modules import ONLY from here.
 * Importing it registers the 'site' scope resolver, so role grants on a site work.
 */
import { registerScopeResolver } from '../../platform/identity/scope-resolvers.js';
import { getSite } from './sites.repo.js';

export {
  getSite, getSiteByOwner, getSiteByCode, getSiteByCodeCached, getSiteByDomain, listSites, localDomainOf,
  type SiteView, type SiteContact,
} from './sites.repo.js';
export type { SiteKind, SiteStatus } from './sites.tables.js';
export { requireSiteInScope, listSitesInScope } from './site-scope.js';
export { SitesErrors } from './errors.js';
export { createSite, type CreateSiteInput, type SiteWriteResult } from './operations/create-site.js';
export { updateSite, type UpdateSiteInput } from './operations/update-site.js';
export { updateSiteSettings, type UpdateSiteSettingsInput } from './operations/update-site-settings.js';
export { sitesDeps, type SitesDeps } from './deps.js';
export { SITE_CHANGED_KIND, type SiteChangedPayload } from './site-changed-job.js';

registerScopeResolver('site', async (db, id) => {
  const site = await getSite(db, id);
  return site ? { name: site.name, orgPath: site.orgPath } : undefined;
});
