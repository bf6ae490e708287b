import type { Actor } from '../identity/actor.js';
import type { AuditEntry } from '../contracts.js';
import { AppError } from '../http/error-registry.js';
import type { AuditResult } from './audit.tables.js';
import { AuditErrors } from './errors.js';
import type { HashedEventFields } from './event-hash.js';
import { sanitizeDetail, wellFormed } from './sanitize-detail.js';

/** Column sizes from the migration (PostgreSQL counts characters, so we do too). */
export const AUDIT_LIMITS = {
  action: 100,
  actorName: 100,
  targetType: 64,
  targetId: 128,
  ip: 64,
  userAgent: 512,
} as const;

const RESULTS: readonly AuditResult[] = ['success', 'denied', 'failure'];
// NUL and other control characters: PostgreSQL rejects NUL in text, and none belong in a log line.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/** Cuts to at most n characters (code points, as the database counts them). */
export function truncateChars(s: string, n: number): string {
  const clean = wellFormed(s).replace(CONTROL_CHARS, ' ');
  const chars = Array.from(clean);
  return chars.length <= n ? clean : chars.slice(0, n).join('');
}

function actorName(actor: Actor): string {
  if (actor.username.trim() !== '') return actor.username;
  return actor.kind === 'anonymous' ? 'anonymous' : 'system';
}

/**
 * Validates the entry and builds the columns of the event (all but seq, at and the hashes).
 * The action is the event's identity and is refused, not cut, when malformed; descriptive
 * columns (names, user agents) are cut to size, because losing their tail loses nothing.
 */
export function eventColumns(actor: Actor, entry: AuditEntry): Omit<HashedEventFields, 'seq' | 'at' | 'prev_hash'> {
  const action = typeof entry.action === 'string' ? entry.action : '';
  if (action.trim() === '') throw new AppError(AuditErrors['audit.invalid_entry'], { reason: 'empty action' });
  if (Array.from(action).length > AUDIT_LIMITS.action) {
    throw new AppError(AuditErrors['audit.invalid_entry'], { reason: `action longer than ${AUDIT_LIMITS.action} characters` });
  }
  if (/[\u0000-\u001f\u007f]/.test(action)) throw new AppError(AuditErrors['audit.invalid_entry'], { reason: 'control character in action' });
  if (!RESULTS.includes(entry.result)) throw new AppError(AuditErrors['audit.invalid_entry'], { reason: 'unknown result' });
  const targetId = entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId);
  return {
    actor_id: actor.userId,
    actor_name: truncateChars(actorName(actor), AUDIT_LIMITS.actorName),
    org_id: actor.orgId,
    action: wellFormed(action),
    target_type: entry.targetType ? truncateChars(entry.targetType, AUDIT_LIMITS.targetType) : null,
    target_id: targetId === null ? null : truncateChars(targetId, AUDIT_LIMITS.targetId),
    result: entry.result,
    ip: truncateChars(actor.ip ?? '', AUDIT_LIMITS.ip),
    user_agent: truncateChars(actor.userAgent ?? '', AUDIT_LIMITS.userAgent),
    detail: sanitizeDetail(entry.detail),
  };
}
