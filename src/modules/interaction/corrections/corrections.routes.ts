import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/platform.js';
import { access } from '../../../platform/identity/permissions.js';
import { interactionDeps } from '../deps.js';
import { actOnReport } from './act-on-report.js';
import { answerErrorReportSchema, errorReportDetailSchema, errorReportStatsSchema, errorReportSupervisionSchema, listErrorReportsSchema, triageErrorReportSchema } from './corrections.schemas.js';
import { errorReportStats } from './report-stats.js';
import { errorReportDetail, errorReportSupervision, listErrorReports } from './report-views.js';

/** The console's side of 网民纠错: work lists, detail, triage, the owner's answer, statistics, supervision. */
export async function errorReportsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = interactionDeps(platform);

  app.get('/api/v1/error-reports', { schema: listErrorReportsSchema, config: { access: access.permission('interaction.corrections.read') } }, async (req) => {
    const page = req.query.page ?? 1;
    const pageSize = req.query.pageSize ?? 20;
    const input = { box: req.query.box ?? 'all', siteId: req.query.siteId, status: req.query.status, page, pageSize };
    return { page, pageSize, ...(await listErrorReports({ db, actor: req.actor, input, deps })) };
  });

  app.get('/api/v1/error-reports/stats', { schema: errorReportStatsSchema, config: { access: access.permission('interaction.corrections.read') } }, async (req) => {
    return errorReportStats({ db, actor: req.actor, input: req.query, now: deps.clock.now() });
  });

  app.get('/api/v1/error-reports/:id', { schema: errorReportDetailSchema, config: { access: access.permission('interaction.corrections.read') } }, async (req) => {
    return { report: await errorReportDetail({ db, actor: req.actor, reportId: req.params.id, deps }) };
  });

  app.post('/api/v1/error-reports/:id/triage', { schema: triageErrorReportSchema, config: { access: access.permission('interaction.corrections.triage') } }, async (req) => {
    return actOnReport({ db, actor: req.actor, reportId: req.params.id, input: req.body, deps });
  });

  app.post('/api/v1/error-reports/:id/answer', { schema: answerErrorReportSchema, config: { access: access.permission('interaction.corrections.fix') } }, async (req) => {
    return actOnReport({ db, actor: req.actor, reportId: req.params.id, input: req.body, deps });
  });

  app.get('/api/v1/supervision/error-reports', { schema: errorReportSupervisionSchema, config: { access: access.permission('interaction.corrections.supervise') } }, async (req) => {
    return errorReportSupervision({ db, actor: req.actor, deps });
  });
}
