import type { Config } from '../../config/index.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditLog } from '../../platform/contracts.js';
import type { DialectOps } from '../../db/index.js';
import type { Platform } from '../../platform/platform.js';

/** What column operations need from the platform (a subset of Platform, so tests and seeds can build it small). */
export interface ColumnsDeps {
  readonly config: Pick<Config, 'columnUpdateDays'>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly ops: DialectOps;
}

export function columnsDeps(p: Platform): ColumnsDeps {
  return { config: p.config, clock: p.clock, audit: p.audit, ops: p.dbh.ops };
}
