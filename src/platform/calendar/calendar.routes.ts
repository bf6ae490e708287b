import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../platform.js';
import { access } from '../identity/permissions.js';
import { checkSchema, importSchema, statusSchema, yearSchema } from './calendar.schemas.js';
import { toImportInput } from './import-request.js';
import { previewDeadline } from './preview-deadline.js';

/** Working-day calendar API: status and warnings, a year's exception days, import, date check. */
export async function calendarRoutes(app: FastifyInstance, opts: { platform: Platform }): Promise<void> {
  const { platform } = opts;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = { access: access.permission('calendar.read') };

  r.get('/api/v1/calendar/status', { schema: statusSchema, config: read },
    async () => platform.calendar.status());

  r.get('/api/v1/calendar/years/:year', { schema: yearSchema, config: read },
    async (req) => platform.calendar.getYear(req.params.year));

  r.get('/api/v1/calendar/check', { schema: checkSchema, config: read },
    async (req) => previewDeadline(platform.calendar, req.query.date, req.query.add));

  // importYear validates, checks calendar.manage again, replaces the year and audits in one transaction.
  r.post('/api/v1/calendar/import', { schema: importSchema, config: { access: access.permission('calendar.manage') } },
    async (req) => platform.calendar.importYear(platform.db, req.actor, toImportInput(req.body, 'admin')));
}
