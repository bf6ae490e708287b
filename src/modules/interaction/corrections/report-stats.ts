import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { OPEN_REPORT_STATUSES } from './report-workflow.js';
import { sitesInScope } from './report-views.js';

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
const avgHours = (sum: number, n: number) => (n === 0 ? null : Math.round((sum / n / HOUR) * 10) / 10);

/** Sums and counts come back as numbers (SQLite) or strings (PostgreSQL bigint and numeric); null over no rows. */
type Num = number | string | null;
const num = (v: Num | undefined) => Number(v ?? 0);
const countWhere = (cond: RawBuilder<unknown>) => sql<Num>`sum(case when ${cond} then 1 else 0 end)`;
const FIXED = sql`status = 'fixed' and answered_at is not null`;
const FIX_SPAN = sql`${FIXED} and forwarded_at is not null`;

/**
 * Statistics per site of the reports received in [from, to): counts by outcome, the on-time
 * rate of both steps (NORMS Interaction: forwarded within 1 working day, answered within 2
 * more) and average durations. A step still open past its deadline counts as late. One grouped
 * query: the database sums, whatever the number of reports.
 */
export async function errorReportStats({ db, actor, input, now }: { db: Db; actor: Actor; input: { siteId?: number | undefined; from?: number | undefined; to?: number | undefined }; now: number }): Promise<{ sites: SiteReportStats[] }> {
  const sites = await sitesInScope(db, actor, 'interaction.corrections.read', input.siteId);
  if (sites.length === 0) return { sites: [] };
  let q = db.selectFrom('error_reports').where('site_id', 'in', sites.map((s) => s.id));
  if (input.from !== undefined) q = q.where('received_at', '>=', input.from);
  if (input.to !== undefined) q = q.where('received_at', '<', input.to);
  const rows = await q.select([
    'site_id',
    sql<Num>`count(*)`.as('received'),
    sql<Num>`count(forwarded_at)`.as('forwarded'),
    countWhere(FIXED).as('fixed'),
    countWhere(sql`status = 'dismissed'`).as('dismissed'),
    countWhere(sql`status in (${sql.join(OPEN_REPORT_STATUSES)})`).as('open'),
    sql<Num>`count(triaged_at)`.as('triaged'),
    countWhere(sql`triaged_at <= triage_due_at`).as('triaged_on_time'),
    countWhere(sql`triaged_at is null and triage_due_at < ${now}`).as('triage_late_open'),
    countWhere(sql`${FIXED} and answered_at <= owner_due_at`).as('fixed_on_time'),
    countWhere(sql`status = 'forwarded' and owner_due_at < ${now}`).as('fix_late_open'),
    sql<Num>`sum(triaged_at - received_at)`.as('triage_ms'),
    sql<Num>`sum(case when ${FIX_SPAN} then answered_at - forwarded_at end)`.as('fix_ms'),
    countWhere(FIX_SPAN).as('fix_spans'),
  ]).groupBy('site_id').execute();
  const bySite = new Map(rows.map((r) => [Number(r.site_id), r]));
  return {
    sites: sites.map((site) => {
      const r = bySite.get(site.id);
      const triaged = num(r?.triaged);
      const triagedOnTime = num(r?.triaged_on_time);
      const fixed = num(r?.fixed);
      const fixedOnTime = num(r?.fixed_on_time);
      return {
        siteId: site.id, siteName: site.name, received: num(r?.received), forwarded: num(r?.forwarded), fixed,
        dismissed: num(r?.dismissed), open: num(r?.open),
        triaged, triagedOnTime, triageOnTimeRate: rate(triagedOnTime, triaged + num(r?.triage_late_open)),
        fixedOnTime, fixOnTimeRate: rate(fixedOnTime, fixed + num(r?.fix_late_open)),
        avgTriageHours: avgHours(num(r?.triage_ms), triaged),
        avgFixHours: avgHours(num(r?.fix_ms), num(r?.fix_spans)),
      };
    }),
  };
}
