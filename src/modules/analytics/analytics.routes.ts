import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.js';
import { access } from '../../platform/identity/permissions.js';
import { trafficSchema } from './analytics.schemas.js';
import { readTraffic } from './operations/read-traffic.js';

const read = { access: access.permission('analytics.read') };

/** 访问统计 for the console (the admin tier). */
export async function analyticsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/analytics/traffic', { schema: trafficSchema, config: read }, async (req) => {
    const { site, days, year, from, to } = req.query;
    return readTraffic({ db: platform.db, actor: req.actor, now: platform.clock.now(), input: { siteCode: site, days, year, from, to } });
  });
}
