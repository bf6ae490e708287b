import { inTransaction, type Db } from '../../../db/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { AuditLog } from '../../../platform/contracts.js';
import { systemActor } from '../../../platform/identity/actor.js';
import { insertPageAlert, type NewPageAlert } from '../page-alerts.repo.js';

export interface AlertDeps {
  readonly db: Db;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

export interface AlertInput extends NewPageAlert {
  /**
   * What makes this incident itself (the digest found, the manifest's stamp): the same incident
   * seen again by another request or by the watcher within a minute is not a new alert.
   */
  readonly incident: string;
}

const GUARD = systemActor('page-guard');
const REPEAT_MS = 60_000;
const recent = new WeakMap<Db, Map<string, number>>();

/** Audit action of an alert: `pages.tamper.modified`, `pages.tamper.added`, … */
export function alertAuditAction(kind: NewPageAlert['kind']): string {
  return `pages.tamper.${kind}`;
}

/**
 * Writes a tamper alert (shown in the console until acknowledged) and its audit event in one
 * transaction. Returns the alert id, or null when the same incident was recorded moments ago.
 */
export async function recordPageAlert(deps: AlertDeps, input: AlertInput): Promise<number | null> {
  let seen = recent.get(deps.db);
  if (!seen) {
    seen = new Map();
    recent.set(deps.db, seen);
  }
  const now = Date.now();
  const key = `${input.siteCode}\u0000${input.file}\u0000${input.kind}\u0000${input.incident}`;
  const last = seen.get(key);
  if (last !== undefined && now - last < REPEAT_MS) return null;
  seen.set(key, now);
  if (seen.size > 10_000) for (const [k, at] of seen) if (now - at >= REPEAT_MS) seen.delete(k);
  const { incident: _incident, ...alert } = input;
  return inTransaction(deps.db, async (trx) => {
    const id = await insertPageAlert(trx, alert, deps.clock.now());
    await deps.audit.append(trx, GUARD, {
      action: alertAuditAction(alert.kind),
      result: alert.action === 'restored' || alert.action === 'removed' ? 'success' : 'failure',
      targetType: 'page',
      targetId: `${alert.siteCode}${alert.file}`,
      detail: { alertId: id, siteCode: alert.siteCode, file: alert.file, kind: alert.kind, detectedBy: alert.detectedBy, action: alert.action, detail: alert.detail },
    });
    return id;
  });
}
