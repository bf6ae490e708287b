import type { Db } from '../../../db/index.js';
import type { AuditLog } from '../../contracts.js';
import { AppError } from '../../http/error-registry.js';
import { hasPermission, type Actor } from '../../identity/actor.js';
import type { Permission } from '../../identity/permissions.js';
import type { JobService } from '../job-service.js';

export interface JobOperationDeps<I> {
  readonly db: Db;
  readonly actor: Actor;
  readonly input: I;
  readonly jobs: JobService;
  readonly audit: AuditLog;
}

/** Operations check access themselves too: the CLI and jobs call them without a route in front. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw new AppError('auth.forbidden');
}
