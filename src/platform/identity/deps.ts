import type { Config } from '../../config/index.js';
import type { Clock } from '../clock.js';
import type { AuditLog } from '../contracts.js';
import type { FieldCipher } from '../crypto/index.js';
import type { DialectOps } from '../../db/index.js';

/** What identity operations need from the platform (a subset of Platform, so tests can build it small). */
export interface IdentityDeps {
  readonly config: Config;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly cipher: FieldCipher;
  readonly ops: DialectOps;
  /** Server secret from which CSRF tokens are derived. */
  readonly sessionSecret: Buffer;
}
