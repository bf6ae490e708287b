import { inTransaction, type Db } from '../../../db/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { AuditLog } from '../../../platform/contracts.js';
import { hasPermissionOnOrg, hasPermissionOnSite, type Actor } from '../../../platform/identity/actor.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { getSiteByCode } from '../../sites/index.js';
import { DeliveryErrors } from '../errors.js';
import { getPageAlert, markAcknowledged, type PageAlert } from '../page-alerts.repo.js';

export interface AcknowledgeDeps {
  readonly clock: Clock;
  readonly audit: AuditLog;
}

/**
 * An administrator confirms having looked at a tamper alert (it leaves the open list). Out of
 * scope looks the same as not found, so alert ids of other regions are not revealed.
 */
export async function acknowledgePageAlert({ db, actor, id, note, deps }: {
  db: Db; actor: Actor; id: number; note: string | null; deps: AcknowledgeDeps;
}): Promise<PageAlert> {
  return inTransaction(db, async (trx) => {
    const alert = await getPageAlert(trx, id);
    const site = alert ? await getSiteByCode(trx, alert.siteCode) : undefined;
    const inScope = alert && (site
      ? hasPermissionOnSite(actor, 'pages.alerts', { siteId: site.id, orgPath: site.orgPath })
      : hasPermissionOnOrg(actor, 'pages.alerts', ''));
    if (!alert || !inScope) throw new AppError(DeliveryErrors['pages.alerts.not_found'], { id });
    if (alert.acknowledgedAt !== null) throw new AppError(DeliveryErrors['pages.alerts.already_acknowledged'], { id });
    const now = deps.clock.now();
    if (!await markAcknowledged(trx, id, actor.userId, note, now)) throw new AppError(DeliveryErrors['pages.alerts.already_acknowledged'], { id });
    await deps.audit.append(trx, actor, {
      action: 'pages.alerts.acknowledge', result: 'success', targetType: 'page_alert', targetId: id,
      detail: { siteCode: alert.siteCode, file: alert.file, kind: alert.kind, ...(note ? { note } : {}) },
    });
    return { ...alert, acknowledgedBy: actor.userId, acknowledgedAt: now, ackNote: note };
  });
}
