import type { DialectOps } from '../../db/index.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditLog, JobQueue } from '../../platform/contracts.js';
import type { Platform } from '../../platform/platform.js';

/** Where loud workflow events (emergency fast track) are logged besides the audit chain. */
export interface WorkflowLog {
  warn(obj: object, msg: string): void;
}

/** What workflow operations need besides the database and the actor. */
export interface WorkflowDeps {
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Outbox: scheduled publish/unpublish jobs are written in the operation's transaction. */
  readonly jobs: JobQueue;
  /** Serialises the publication of a major policy and its interpretations across processes. */
  readonly ops: Pick<DialectOps, 'lockForUpdate'>;
  readonly log: WorkflowLog;
}

/** Without a request logger (jobs, CLI) warnings go to stderr as a JSON line, unless logging is silenced. */
function stderrLog(platform: Platform): WorkflowLog {
  return {
    warn(obj, msg) {
      if (['silent', 'fatal', 'error'].includes(platform.config.logLevel)) return;
      process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), msg, ...obj })}\n`);
    },
  };
}

export function workflowDeps(platform: Platform, log?: WorkflowLog): WorkflowDeps {
  return { clock: platform.clock, audit: platform.audit, jobs: platform.jobs, ops: platform.dbh.ops, log: log ?? stderrLog(platform) };
}
