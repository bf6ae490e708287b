import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Platform } from '../platform.js';
import { access } from '../identity/permissions.js';

/** Liveness plus what an operator must notice: the database and a missing holiday calendar. */
export async function healthRoutes(app: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  app.get('/healthz', { schema: { tags: ['platform'], summary: '健康检查 / Health' }, config: { access: access.public, quietRefusals: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(platform.db);
    } catch {
      return reply.code(503).send({ status: 'error', db: platform.dbh.engine });
    }
    const calendar = await platform.calendar.status();
    return { status: 'ok', db: platform.dbh.engine, calendar: { warning: calendar.warning, warningEn: calendar.warningEn, missing: calendar.missing } };
  });
}
