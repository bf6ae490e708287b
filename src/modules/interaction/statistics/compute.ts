import { inTransaction, type Db } from '../../../db/index.js';
import type { WorkingCalendar } from '../../../platform/contracts.js';
import { listSites, type SiteView } from '../../sites/index.js';
import { addCounts, emptyCounts, type LetterCounts } from './figures.js';
import { periodKeysOf, statisticsPeriods } from './periods.js';

/** Letters answered: the reply was approved (replied) and possibly rated (closed); a reopened letter is not answered until answered again. */
const ANSWERED = new Set(['replied', 'closed']);
const SATISFIED = new Set(['satisfied', 'basically_satisfied']);

export interface ComputeDeps {
  readonly calendar: WorkingCalendar;
  readonly now: number;
}

/** A region: a government portal (province, city, county) and every site whose organization lies under the portal's. */
export interface Region {
  readonly orgId: number;
  readonly portal: SiteView;
  readonly sites: readonly SiteView[];
}

export function regionsOf(sites: readonly SiteView[]): Region[] {
  return sites.filter((s) => s.kind !== 'department')
    .map((portal) => ({ orgId: portal.ownerOrgId, portal, sites: sites.filter((s) => s.orgPath.startsWith(portal.orgPath)) }));
}

/**
 * One site's sums per period key (each month and the year), for the letters received in the
 * periods published. A letter counts in the period of its receipt: the figures of a month say
 * what became of that month's letters, and they settle as its letters are answered.
 */
export async function siteCounts(db: Db, deps: ComputeDeps, siteId: number): Promise<Map<string, LetterCounts>> {
  const { months, year } = statisticsPeriods(deps.now);
  const from = Math.min(months[0]!.from, year.from);
  const to = Math.max(months[11]!.to, year.to);
  const rows = await db.selectFrom('letters').select(['received_at', 'accepted_at', 'status', 'replied_at', 'due_at', 'satisfaction'])
    .where('site_id', '=', siteId).where('received_at', '>=', from).where('received_at', '<', to).execute();
  const wanted = new Set([...months.map((m) => m.key), year.key]);
  const sums = new Map<string, LetterCounts>();
  for (const r of rows) {
    const c = emptyCounts();
    c.received = 1;
    if (r.accepted_at !== null) c.accepted = 1;
    if (ANSWERED.has(r.status) && r.replied_at !== null) {
      c.closed = 1;
      if (Number(r.replied_at) <= Number(r.due_at)) c.onTime = 1;
      c.handlingDays = Math.max(0, await deps.calendar.workingDaysBetween(Number(r.received_at), Number(r.replied_at)));
    }
    if (r.satisfaction !== null) {
      c.rated = 1;
      if (SATISFIED.has(r.satisfaction)) c.satisfied = 1;
    }
    const keys = periodKeysOf(Number(r.received_at));
    for (const key of [keys.month, keys.year]) {
      if (!wanted.has(key)) continue;
      sums.set(key, addCounts(sums.get(key) ?? emptyCounts(), c));
    }
  }
  return sums;
}

export interface ComputeOutcome {
  readonly sites: number;
  readonly regions: number;
  readonly rows: number;
}

/**
 * Computes every site's figures, sums them per region, and replaces the whole snapshot in one
 * transaction (the public page never sees half a refresh). Progress is reported per site.
 */
export async function computeLetterStatistics(db: Db, deps: ComputeDeps, progress: (percent: number, message: string) => Promise<void>, signal?: AbortSignal): Promise<ComputeOutcome> {
  const sites = await listSites(db);
  const { months, year } = statisticsPeriods(deps.now);
  const keys = [...months.map((m) => m.key), year.key];
  const perSite = new Map<number, Map<string, LetterCounts>>();
  await progress(0, `统计 ${sites.length} 个网站 / ${sites.length} sites`);
  for (const [i, site] of sites.entries()) {
    signal?.throwIfAborted();
    perSite.set(site.id, await siteCounts(db, deps, site.id));
    if (i % 5 === 4 || i === sites.length - 1) await progress(((i + 1) / sites.length) * 90, `已统计 ${i + 1}/${sites.length} 个网站 / ${i + 1} of ${sites.length} sites`);
  }
  const regions = regionsOf(sites);
  const rows: { scope_kind: 'site' | 'region'; scope_id: number; period: string; counts: LetterCounts }[] = [];
  for (const site of sites) for (const key of keys) rows.push({ scope_kind: 'site', scope_id: site.id, period: key, counts: perSite.get(site.id)?.get(key) ?? emptyCounts() });
  for (const region of regions) {
    for (const key of keys) {
      const sum = emptyCounts();
      for (const s of region.sites) addCounts(sum, perSite.get(s.id)?.get(key) ?? emptyCounts());
      rows.push({ scope_kind: 'region', scope_id: region.orgId, period: key, counts: sum });
    }
  }
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('letter_statistics').execute();
    for (let i = 0; i < rows.length; i += 100) {
      await trx.insertInto('letter_statistics').values(rows.slice(i, i + 100).map((r) => ({
        scope_kind: r.scope_kind, scope_id: r.scope_id, period: r.period, received: r.counts.received, accepted: r.counts.accepted, closed: r.counts.closed,
        on_time: r.counts.onTime, handling_days: r.counts.handlingDays, rated: r.counts.rated, satisfied: r.counts.satisfied, computed_at: deps.now,
      }))).execute();
    }
  });
  await progress(100, `完成 / done`);
  return { sites: sites.length, regions: regions.length, rows: rows.length };
}
