import type { IdentityTables } from '../platform/identity/identity.tables.js';
import type { AuditTables } from '../platform/audit/audit.tables.js';
import type { JobsTables } from '../platform/jobs/jobs.tables.js';
import type { CalendarTables } from '../platform/calendar/calendar.tables.js';
import type { SitesTables } from '../modules/sites/sites.tables.js';
import type { ContentTables } from '../modules/content/content.tables.js';
import type { PublishingTables } from '../modules/publishing/publishing.tables.js';
import type { ColumnsTables } from '../modules/columns/columns.tables.js';
import type { ChecksTables } from '../modules/checks/checks.tables.js';
import type { WorkflowTables } from '../modules/workflow/workflow.tables.js';
import type { DeliveryTables } from '../modules/delivery/delivery.tables.js';
import type { InteractionTables } from '../modules/interaction/interaction.tables.js';
import type { AnalyticsTables } from '../modules/analytics/analytics.tables.js';

export interface SchemaMigrationsTable {
  name: string;
  applied_at: number;
}

/** The whole database: each module owns and declares its own tables. */
export interface Database extends IdentityTables, AuditTables, JobsTables, CalendarTables, SitesTables, ColumnsTables, ContentTables, ChecksTables, WorkflowTables, PublishingTables, DeliveryTables, InteractionTables, AnalyticsTables {
  schema_migrations: SchemaMigrationsTable;
}
