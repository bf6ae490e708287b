import type { IdentityTables } from '../platform/identity/identity.tables.js';
import type { AuditTables } from '../platform/audit/audit.tables.js';
import type { JobsTables } from '../platform/jobs/jobs.tables.js';
import type { CalendarTables } from '../platform/calendar/calendar.tables.js';

export interface SchemaMigrationsTable {
  name: string;
  applied_at: number;
}

/** The whole database: each module owns and declares its own tables. */
export interface Database extends IdentityTables, AuditTables, JobsTables, CalendarTables {
  schema_migrations: SchemaMigrationsTable;
}
