import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../../platform/http/error-registry.js';
import { access } from '../../../platform/identity/permissions.js';
import type { Platform } from '../../../platform/platform.js';
import { getSiteByCode } from '../../sites/index.js';
import { InteractionErrors } from '../errors.js';
import { consoleStatistics } from './console-statistics.js';
import { publicStatistics } from './public-statistics.js';
import { startStatisticsRefresh, statisticsRefreshJob } from './refresh-job.js';
import { consoleStatisticsSchema, publicStatisticsSchema, refreshJobSchema, refreshStatisticsSchema } from './statistics.schemas.js';

/** 公开统计: the public JSON of a site (the public tier). */
export function registerPublicStatisticsRoutes(fastify: FastifyInstance, platform: Platform): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;

  app.get('/api/v1/public/sites/:siteCode/letter-statistics', { schema: publicStatisticsSchema, config: { access: access.public, quietRefusals: true } }, async (req) => {
    const site = await getSiteByCode(db, req.params.siteCode);
    if (site?.status !== 'open') throw new AppError(InteractionErrors['interaction.site.not_found']);
    return publicStatistics(db, site, platform.clock.now());
  });

}

/** 公开统计 in the console: the screen, the refresh and its progress (the admin tier). */
export function registerStatisticsRoutes(fastify: FastifyInstance, platform: Platform): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;

  app.get('/api/v1/letter-statistics', { schema: consoleStatisticsSchema, config: { access: access.permission('interaction.statistics.read') } }, async (req) => {
    return consoleStatistics(db, req.actor, platform.clock.now());
  });

  app.post('/api/v1/letter-statistics/refresh', { schema: refreshStatisticsSchema, config: { access: access.permission('interaction.statistics.refresh') } }, async (req, reply) => {
    return reply.code(202).send(await startStatisticsRefresh({ db, actor: req.actor, jobs: platform.jobs, audit: platform.audit }));
  });

  app.get('/api/v1/letter-statistics/refresh/:id', { schema: refreshJobSchema, config: { access: access.permission('interaction.statistics.refresh') } }, async (req) => {
    return statisticsRefreshJob(db, platform.jobs, req.params.id);
  });
}
