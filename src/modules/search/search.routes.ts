import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.js';
import { access } from '../../platform/identity/permissions.js';
import { AppError } from '../../platform/http/error-registry.js';
import { hasPermission } from '../../platform/identity/actor.js';
import { publicSearchSchema, reindexSchema, statsSchema, suggestSchema } from './search.schemas.js';
import { searchDocuments } from './search-documents.js';
import { suggest } from './suggest.js';
import { queryStats } from './query-log.js';
import { startReindex } from './reindex-job.js';
import { searchDb } from './index-entries.js';
import { hiddenSitesResolver, siteCodeResolver, siteLinkResolver } from './site-codes.js';

// Public: anyone may search. Refusals (a malformed query) are not audited: the audit record
// would carry the visitor's IP, and searching is anonymous. A generous per-address limit.
const pub = { access: access.public, quietRefusals: true, rateLimit: { max: 600, timeWindow: 60_000 } };
const manage = { access: access.permission('search.manage') };

/** 站内搜索 for visitors: the public JSON API (the public tier). */
export async function publicSearchRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const siteId = siteCodeResolver(db);
  const siteLink = siteLinkResolver(db);
  const hiddenSites = hiddenSitesResolver(db);

  app.get('/api/v1/public/search', { schema: publicSearchSchema, config: pub }, async (req) => {
    const { q, site, column, topic, genre, group, from, to, sort, page, pageSize } = req.query;
    const id = await siteId(site);
    const result = await searchDocuments(db, {
      q, ...(id !== undefined ? { siteId: id } : {}), ...(column !== undefined ? { columnId: column } : {}), ...(topic ? { topicCategory: topic } : {}),
      ...(genre ? { genre } : {}), ...(group ? { group } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), hiddenSites: await hiddenSites(),
      sort: sort ?? 'relevance', page: page ?? 1, pageSize: pageSize ?? 20, log: true, now: platform.clock.now(),
    });
    // `url` is a path on the document's own site, which need not be the site asked from (or
    // any site, platform-wide): each hit also names its site and its full address there.
    const items = await Promise.all(result.items.map(async (hit) => {
      const home = await siteLink(hit.siteId);
      return { ...hit, siteCode: home?.code ?? '', link: home ? `${home.origin}${hit.url}` : hit.url };
    }));
    return { ...result, items };
  });

  app.get('/api/v1/public/search/suggest', { schema: suggestSchema, config: pub }, async (req) => {
    const id = await siteId(req.query.site);
    return { items: await suggest(db, { prefix: req.query.prefix, ...(id !== undefined ? { siteId: id } : {}) }) };
  });

}

/** 站内搜索 for the administrator: the rebuild and the query statistics (the admin tier). */
export async function searchRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  // The administrator's figures cover every site, open or not.
  const siteId = siteCodeResolver(db, { openOnly: false });

  app.post('/api/v1/search/reindex', { schema: reindexSchema, config: manage }, async (req, reply) => {
    const out = await startReindex({ db, actor: req.actor, jobs: platform.jobs, audit: platform.audit });
    return reply.code(202).send(out);
  });

  app.get('/api/v1/search/stats', { schema: statsSchema, config: manage }, async (req) => {
    if (!hasPermission(req.actor, 'search.manage')) throw new AppError('auth.forbidden');
    const id = await siteId(req.query.site);
    const stats = await queryStats(db, { days: req.query.days ?? 30, now: platform.clock.now(), ...(id !== undefined ? { siteId: id } : {}) });
    const indexed = await searchDb(db).selectFrom('search_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { ...stats, indexed: Number(indexed.n) };
  });
}
