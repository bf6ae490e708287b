import type { Platform } from '../platform.js';
import type { IdentityDeps } from './deps.js';

export function identityDeps(p: Platform): IdentityDeps {
  return { config: p.config, clock: p.clock, audit: p.audit, cipher: p.cipher, ops: p.dbh.ops, sessionSecret: p.keys.sessionSecret };
}
