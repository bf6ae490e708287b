import type { Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { listSitesInScope, requireSiteInScope } from '../../sites/index.js';

export interface SiteReportStats {
  readonly siteId: number;
  readonly siteName: string;
  readonly received: number;
  readonly forwarded: number;
  readonly fixed: number;
  readonly dismissed: number;
  readonly open: number;
  /** Triage decisions (forward or dismiss) made, and made by the triage deadline. */
  readonly triaged: number;
  readonly triagedOnTime: number;
  /** On-time share of the decisions due so far (late open ones count as late); null when none was due. */
  readonly triageOnTimeRate: number | null;
  readonly fixedOnTime: number;
  readonly fixOnTimeRate: number | null;
  /** Average hours from receipt to triage, and from forwarding to the answer; null without data. */
  readonly avgTriageHours: number | null;
  readonly avgFixHours: number | null;
}

const HOUR = 3_600_000;
const rate = (ok: number, all: number) => (all === 0 ? null : Math.round((ok / all) * 1000) / 1000);
const avgHours = (spans: number[]) => (spans.length === 0 ? null : Math.round((spans.reduce((a, b) => a + b, 0) / spans.length / HOUR) * 10) / 10);

/**
 * Statistics per site of the reports received in [from, to): counts by outcome, the on-time
 * rate of both steps (NORMS Interaction: forwarded within 1 working day, answered within 2
 * more) and average durations. A step still open past its deadline counts as late.
 */
export async function errorReportStats({ db, actor, input, now }: { db: Db; actor: Actor; input: { siteId?: number | undefined; from?: number | undefined; to?: number | undefined }; now: number }): Promise<{ sites: SiteReportStats[] }> {
  const sites = input.siteId !== undefined
    ? [await requireSiteInScope(db, actor, 'interaction.corrections.read', input.siteId)]
    : await listSitesInScope(db, actor, 'interaction.corrections.read');
  if (sites.length === 0) return { sites: [] };
  let q = db.selectFrom('error_reports').select(['site_id', 'status', 'received_at', 'triage_due_at', 'triaged_at', 'forwarded_at', 'owner_due_at', 'answered_at'])
    .where('site_id', 'in', sites.map((s) => s.id));
  if (input.from !== undefined) q = q.where('received_at', '>=', input.from);
  if (input.to !== undefined) q = q.where('received_at', '<', input.to);
  const rows = await q.execute();
  return {
    sites: sites.map((site) => {
      const mine = rows.filter((r) => Number(r.site_id) === site.id);
      const triaged = mine.filter((r) => r.triaged_at !== null);
      const triagedOnTime = triaged.filter((r) => Number(r.triaged_at) <= Number(r.triage_due_at)).length;
      const triageLateOpen = mine.filter((r) => r.triaged_at === null && Number(r.triage_due_at) < now).length;
      const fixed = mine.filter((r) => r.status === 'fixed' && r.answered_at !== null);
      const fixedOnTime = fixed.filter((r) => r.owner_due_at !== null && Number(r.answered_at) <= Number(r.owner_due_at)).length;
      const fixLateOpen = mine.filter((r) => r.status === 'forwarded' && r.owner_due_at !== null && Number(r.owner_due_at) < now).length;
      return {
        siteId: site.id, siteName: site.name, received: mine.length,
        forwarded: mine.filter((r) => r.forwarded_at !== null).length, fixed: fixed.length,
        dismissed: mine.filter((r) => r.status === 'dismissed').length,
        open: mine.filter((r) => r.status === 'received' || r.status === 'forwarded' || r.status === 'disputed').length,
        triaged: triaged.length, triagedOnTime, triageOnTimeRate: rate(triagedOnTime, triaged.length + triageLateOpen),
        fixedOnTime, fixOnTimeRate: rate(fixedOnTime, fixed.length + fixLateOpen),
        avgTriageHours: avgHours(triaged.map((r) => Number(r.triaged_at) - Number(r.received_at))),
        avgFixHours: avgHours(fixed.filter((r) => r.forwarded_at !== null).map((r) => Number(r.answered_at) - Number(r.forwarded_at))),
      };
    }),
  };
}
