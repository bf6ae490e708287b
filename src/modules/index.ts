import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform/platform.js';
import { sitesRoutes } from './sites/sites.routes.js';
import { columnsRoutes } from './columns/columns.routes.js';
import { documentsRoutes } from './content/documents.routes.js';
import { placementsRoutes } from './content/placements/placements.routes.js';
import { checksRoutes, registerChecksJobs } from './checks/index.js';
import { registerWorkflowJobs, workflowRoutes } from './workflow/index.js';

/**
 * Domain modules' route plugins, registered by buildApp after the platform's own.
 * Each module adds one line here.
 */
export const moduleRoutes: readonly ((app: FastifyInstance, opts: { platform: Platform }) => Promise<void>)[] = [
  sitesRoutes,
  columnsRoutes,
  documentsRoutes,
  placementsRoutes,
  checksRoutes,
  workflowRoutes,
];

/** Domain modules' job kinds and schedules, registered by every process that runs jobs. */
export const moduleJobs: readonly ((platform: Platform) => void)[] = [
  registerChecksJobs,
  registerWorkflowJobs,
];
