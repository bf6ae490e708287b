import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.js';
import { access } from '../../platform/identity/permissions.js';
import { formatMessage } from '../../platform/http/error-registry.js';
import { requestLocale } from '../../platform/http/problem.js';
import { sitesDeps } from './deps.js';
import { SITE_WARNINGS } from './errors.js';
import { listSitesInScope, requireSiteInScope } from './site-scope.js';
import type { SiteView } from './sites.repo.js';
import type { SiteWarning } from './validate-site.js';
import { createSite } from './operations/create-site.js';
import { updateSite } from './operations/update-site.js';
import { updateSiteSettings } from './operations/update-site-settings.js';
import { createSiteSchema, getSiteSchema, listSitesSchema, updateSiteSchema, updateSiteSettingsSchema } from './sites.schemas.js';
import './index.js';

/** Site registry API: list and read (row-scoped), register and change (platform admin), settings (site admin). */
export async function sitesRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = sitesDeps(platform);

  app.get('/api/v1/sites', { schema: listSitesSchema, config: { access: access.permission('sites.read') } }, async (req) => {
    const { q, kind, status, ownerOrgId } = req.query;
    const needle = q?.trim().toLowerCase();
    const items = (await listSitesInScope(db, req.actor, 'sites.read')).filter((s) => (kind === undefined || s.kind === kind)
      && (status === undefined || s.status === status) && (ownerOrgId === undefined || s.ownerOrgId === ownerOrgId)
      && (!needle || matches(s, needle)));
    return { total: items.length, items: items.map(publicView) };
  });

  app.get('/api/v1/sites/:id', { schema: getSiteSchema, config: { access: access.permission('sites.read') } }, async (req) => {
    return { site: publicView(await requireSiteInScope(db, req.actor, 'sites.read', req.params.id)) };
  });

  app.post('/api/v1/sites', { schema: createSiteSchema, config: { access: access.permission('sites.manage') } }, async (req, reply) => {
    const { site, warnings } = await createSite({ db, actor: req.actor, input: req.body, deps });
    return reply.code(201).send({ site: publicView(site), warnings: localize(req, warnings) });
  });

  app.patch('/api/v1/sites/:id', { schema: updateSiteSchema, config: { access: access.permission('sites.manage') } }, async (req) => {
    const { site, warnings } = await updateSite({ db, actor: req.actor, siteId: req.params.id, input: req.body, deps });
    return { site: publicView(site), warnings: localize(req, warnings) };
  });

  app.patch('/api/v1/sites/:id/settings', { schema: updateSiteSettingsSchema, config: { access: access.permission('sites.settings') } }, async (req) => {
    return { site: publicView(await updateSiteSettings({ db, actor: req.actor, siteId: req.params.id, input: req.body, deps })) };
  });
}

/** The owner's org path is an internal scope detail. */
function publicView({ orgPath: _p, aliases, ...site }: SiteView) {
  return { ...site, aliases: [...aliases] };
}

function matches(s: SiteView, needle: string): boolean {
  return [s.name, s.code, s.primaryDomain, s.ownerOrgName, ...s.aliases].some((v) => v.toLowerCase().includes(needle));
}

function localize(req: FastifyRequest, warnings: readonly SiteWarning[]) {
  const lang = requestLocale(req) === 'en' ? 'en' : 'zh';
  return warnings.map((w) => ({ field: w.field, code: w.code, message: formatMessage(SITE_WARNINGS[w.code][lang], w.params) }));
}
