import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../platform.js';
import type { Actor } from '../identity/actor.js';
import { access } from '../identity/permissions.js';
import { AuditEventsQuery, AuditExportQuery } from './audit.schemas.js';
import { formatShanghai } from './export-csv.js';
import { exportAuditLog } from './operations/export-audit-log.js';
import { searchAuditLog, type AuditReadDeps } from './operations/search-audit-log.js';
import { verifyAuditLog } from './operations/verify-audit-log.js';

const readAudit = { access: access.permission('audit.read') };

/** The auditor's window on the log: search, export, verify. Nothing here can change an event. */
export async function auditRoutes(app: FastifyInstance, opts: { platform: Platform }): Promise<void> {
  const { platform } = opts;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const deps = (actor: Actor): AuditReadDeps => ({ db: platform.db, actor, audit: platform.audit });

  r.get('/api/v1/audit/events', {
    config: readAudit,
    schema: { tags: ['audit'], summary: '查询审计日志（最新在前） / Search audit events, newest first', querystring: AuditEventsQuery },
  }, async (req) => {
    const { page = 1, pageSize = 50, ...filter } = req.query;
    return searchAuditLog({ ...deps(req.actor), input: { ...filter, page, pageSize } });
  });

  r.get('/api/v1/audit/events.csv', {
    config: readAudit,
    schema: { tags: ['audit'], summary: '导出审计日志 CSV / Export audit events as CSV', querystring: AuditExportQuery },
  }, async (req, reply) => {
    const lines = await exportAuditLog({ ...deps(req.actor), input: req.query });
    const date = formatShanghai(platform.clock.now()).slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${date}.csv"`)
      .send(Readable.from(lines));
  });

  r.post('/api/v1/audit/verify', {
    config: readAudit,
    schema: { tags: ['audit'], summary: '校验审计日志哈希链 / Verify the audit hash chain' },
  }, async (req) => verifyAuditLog(deps(req.actor)));
}
