import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.js';
import { access } from '../../platform/identity/permissions.js';
import { getSiteByCode } from '../sites/index.js';
import { acknowledgePageAlert } from './operations/acknowledge-page-alert.js';
import { listPageAlertsInScope } from './operations/list-page-alerts.js';
import { acknowledgePageAlertSchema, listPageAlertsSchema } from './page-alerts.schemas.js';

const config = { access: access.permission('pages.alerts') };

/** Tamper alerts (网页防篡改) for the console: list, acknowledge. */
export async function pageAlertsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;

  app.get('/api/v1/page-alerts', { schema: listPageAlertsSchema, config }, async (req) => {
    const { status, site, page = 1, pageSize = 20 } = req.query;
    return listPageAlertsInScope({ db, actor: req.actor, input: { status, siteCode: site, page, pageSize } });
  });

  app.post('/api/v1/page-alerts/:id/acknowledge', { schema: acknowledgePageAlertSchema, config }, async (req) => {
    const note = req.body?.note?.trim() || null;
    const alert = await acknowledgePageAlert({ db, actor: req.actor, id: req.params.id, note, deps: platform });
    const site = await getSiteByCode(db, alert.siteCode);
    return { alert: { ...alert, siteName: site?.name ?? '' } };
  });
}
