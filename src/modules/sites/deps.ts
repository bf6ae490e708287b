import type { Clock } from '../../platform/clock.js';
import type { AuditLog, JobQueue } from '../../platform/contracts.js';
import type { DialectOps } from '../../db/index.js';
import type { Platform } from '../../platform/platform.js';

/** What site operations need from the platform (a subset of Platform, so tests can build it small). */
export interface SitesDeps {
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Outbox: a change the pages show queues their rebuild (site-changed-job.ts). */
  readonly jobs: JobQueue;
  readonly ops: DialectOps;
  /** JIYUE_SITE_EXTRA_DOMAIN_SUFFIXES. */
  readonly extraDomainSuffixes: readonly string[];
}

export function sitesDeps(p: Platform): SitesDeps {
  return { clock: p.clock, audit: p.audit, jobs: p.jobs, ops: p.dbh.ops, extraDomainSuffixes: p.config.siteExtraDomainSuffixes };
}
