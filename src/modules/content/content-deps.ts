import type { Clock } from '../../platform/clock.js';
import type { AuditLog } from '../../platform/contracts.js';
import type { Platform } from '../../platform/platform.js';
import type { DialectOps } from '../../db/index.js';
import { attachmentsRoot } from './attachments/attachment-store.js';

/** What content operations need besides the database and the actor. */
export interface ContentDeps {
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Absolute path of the attachment store. */
  readonly attachmentsRoot: string;
  readonly uploadMaxBytes: number;
  /** Engine-specific locks (serialising checks that a unique index cannot express). */
  readonly ops: DialectOps;
}

export function contentDeps(platform: Platform): ContentDeps {
  return {
    clock: platform.clock, audit: platform.audit,
    attachmentsRoot: attachmentsRoot(platform.config.dataDir), uploadMaxBytes: platform.config.uploadMaxBytes,
    ops: platform.dbh.ops,
  };
}
