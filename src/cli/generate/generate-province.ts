/**
 * `jiyue generate`: builds a realistic province into an empty database. It orchestrates; each
 * module writes its own tables through its exported functions (sites and columns through their
 * audited operations, documents, letters, survey responses and the search log through the
 * modules' bulk writers, in transactions of a few thousand rows). Deterministic from the seed and
 * the clock's day: the same seed on the same day gives the same province.
 */
import { getUserByUsername } from '../../platform/identity/users.repo.js';
import type { Platform } from '../../platform/platform.js';
import { inTransaction, withBulkWrites } from '../../db/index.js';
import { systemActor } from '../../platform/identity/actor.js';
import { withoutColumnChangeHook } from '../../modules/columns/index.js';
import { openDocumentBulkWriter, type BulkDocument } from '../../modules/content/index.js';
import { startStatisticsRefresh } from '../../modules/interaction/index.js';
import type { SiteView } from '../../modules/sites/index.js';
import { insertDemoAccounts, insertOrgTree, isDatabaseEmpty, prepareDemoAccounts, type DemoAccount } from '../../demo/seed-demo.js';
import { registerSites } from '../../demo/seed-sites.js';
import { seedDemoColumns } from '../../demo/seed-columns.js';
import { seedDemoChecks } from '../../demo/seed-checks.js';
import { demoSiteContexts } from '../../demo/documents/site-contexts.js';
import { POLICY_SUBJECTS } from '../../demo/documents/corpus.js';
import type { DemoSiteContext } from '../../demo/documents/demo-document.js';
import { Prng } from '../../demo/documents/prng.js';
import { chooseSites, provinceOrganizations, type CatalogSite } from './province.js';
import { DAY, DocumentPlanner, dailyCounts, dayStart, type PlannedDocument } from './documents.js';
import { generateLetters, generateSearchHistory, generateSurveys } from './interaction.js';
import { generateTraffic } from './traffic.js';
import { articlePath } from '../../modules/content/index.js';

export interface GenerateOptions {
  readonly sites: number;
  readonly documents: number;
  readonly letters: number;
  readonly seed: number;
  /** Years of document history before today. */
  readonly years: number;
}

export interface GenerateReport {
  readonly organizations: number;
  readonly sites: number;
  readonly columns: number;
  readonly documents: number;
  readonly attachments: number;
  readonly letters: number;
  readonly surveys: number;
  readonly responses: number;
  readonly searches: number;
  /** Site-days of page-view history, and the views they add up to. */
  readonly trafficDays: number;
  readonly pageViews: number;
  readonly accounts: readonly DemoAccount[];
}

/** A stage and how far it is (done of total, in the stage's own unit). */
export type GenerateProgress = (stage: string, done: number, total: number) => void;

/** Default letters for a province: one for every ten documents, at least twenty per site. */
export function defaultLetters(sites: number, documents: number): number {
  return Math.max(sites * 20, Math.round(documents / 10));
}

export class DatabaseNotEmptyError extends Error {}

const DOCUMENT_BATCH = 2000;
/** Recent articles per site that get page-level view history. */
const POPULAR_PER_SITE = 12;
const SITE_BATCH = 50;

/** The site's own 文号 prefixes and, for a department, the subjects of its own field. */
function adjust(ctx: DemoSiteContext, site: CatalogSite): DemoSiteContext {
  const own = POLICY_SUBJECTS.filter((s) => site.fields.some((f) => s.topic.startsWith(`${f}\\`)));
  return { ...ctx, numberPrefixes: site.numberPrefixes, subjects: own.length > 0 ? own : ctx.subjects };
}

export async function generateProvince(platform: Platform, opts: GenerateOptions, progress: GenerateProgress = () => undefined): Promise<GenerateReport> {
  if (!(await isDatabaseEmpty(platform.db))) throw new DatabaseNotEmptyError('database already has data');
  // Hundreds of large transactions in a row: on SQLite the WAL is checkpointed on a thread of its own.
  return withBulkWrites(platform.db, () => generateInto(platform, opts, progress));
}

async function generateInto(platform: Platform, opts: GenerateOptions, progress: GenerateProgress): Promise<GenerateReport> {
  const { db } = platform;
  // The province as it stands at midnight today (Asia/Shanghai): the same seed gives the same data all day.
  const started = platform.clock.now();
  const now = dayStart(started);
  const rng = new Prng(opts.seed);
  await platform.dbh.ops.prepareBulkLoad(db);
  const actor = systemActor('generate');

  progress('机构与网站 organizations and sites', 0, opts.sites);
  // Organizations, the demo accounts (so the console can be used at once) and the check dictionary.
  const prepared = await prepareDemoAccounts(platform);
  // The database is empty (checked above), so the tree is every organization there is.
  const { accounts, organizations } = await inTransaction(db, async (trx) => {
    const inserted = await insertOrgTree(trx, provinceOrganizations(), started);
    const made = await insertDemoAccounts(trx, platform, prepared, started);
    await seedDemoChecks(trx, platform);
    return { accounts: made, organizations: inserted };
  });

  // Sites and their column trees, through the audited operations, a few dozen sites per transaction.
  const catalog = chooseSites(opts.sites);
  const sites: SiteView[] = [];
  let columns = 0;
  for (let i = 0; i < catalog.length; i += SITE_BATCH) {
    const part = catalog.slice(i, i + SITE_BATCH);
    await inTransaction(db, async (trx) => {
      const made = await registerSites(trx, platform, part, i);
      columns += await withoutColumnChangeHook(() => seedDemoColumns(trx, platform, made));
      sites.push(...made);
    });
    progress('机构与网站 organizations and sites', sites.length, catalog.length);
  }
  const contexts = (await demoSiteContexts(db, sites)).map((ctx, i) => adjust(ctx, catalog[i] as CatalogSite));

  // Documents, oldest first, day by day.
  const editors = accounts.filter((a) => a.role === 'editor').map((a) => a.username);
  const authorIds = (await Promise.all(editors.map((u) => getUserByUsername(db, u)))).flatMap((u) => (u ? [Number(u.id)] : [])).sort((a, b) => a - b);
  progress('稿件 documents', 0, opts.documents);
  const planner = new DocumentPlanner(contexts, rng, { now, total: opts.documents, authorIds });
  const writer = await openDocumentBulkWriter(db, platform.dbh.ops);
  let pending: PlannedDocument[] = [];
  const recentPages = new Map<number, { path: string; publishedAt: number }[]>();
  const flush = async () => {
    const base = writer.nextId;
    const docs: BulkDocument[] = pending.map((p, i) => ({ ...p.doc, interpretsId: p.interpretsBack === null ? null : base + i - p.interpretsBack }));
    pending = [];
    docs.forEach((d, i) => {
      if (d.status !== 'published' || d.publishedAt === null) return;
      const list = recentPages.get(d.siteId) ?? [];
      list.unshift({ path: articlePath(base + i, d.publishedAt), publishedAt: d.publishedAt });
      if (list.length > POPULAR_PER_SITE) list.pop();
      recentPages.set(d.siteId, list);
    });
    await inTransaction(db, (trx) => writer.write(trx, docs));
    progress('稿件 documents', writer.nextId - 1, opts.documents);
  };
  const days = Math.round(opts.years * 365);
  for (const [day, n] of dailyCounts(now - days * DAY, days, opts.documents)) {
    pending.push(...planner.day(day, n));
    if (pending.length >= DOCUMENT_BATCH) await flush();
  }
  if (pending.length > 0) await flush();
  const written = await inTransaction(db, (trx) => writer.finish(trx));

  progress('信件 letters', 0, opts.letters);
  const letters = await generateLetters(platform, sites, contexts, { count: opts.letters, rng, now, progress: (done) => progress('信件 letters', done, opts.letters) });
  progress('调查 surveys', 0, 1);
  const surveyed = await generateSurveys(platform, db, sites, contexts, { perSurvey: Math.max(20, Math.min(2000, Math.round(opts.documents / 500))), rng, now });
  progress('检索记录 search history', 0, 1);
  const searches = await generateSearchHistory(platform, sites, { count: Math.max(100, Math.round(opts.documents / 4)), rng, now });
  progress('访问统计 page views', 0, days);
  const traffic = await generateTraffic(platform, sites, recentPages, { days, rng, now, progress: (done, total) => progress('访问统计 page views', done, total) });
  // The public letter statistics are a daily snapshot: the worker computes the first one.
  await startStatisticsRefresh({ db, actor, jobs: platform.jobs, audit: platform.audit });

  const report = {
    organizations, sites: sites.length, columns, documents: written.documents, attachments: written.attachments, letters,
    surveys: surveyed.surveys, responses: surveyed.responses, searches, trafficDays: traffic.siteDays, pageViews: traffic.views,
  };
  await inTransaction(db, (trx) => platform.audit.append(trx, actor, { action: 'generate.province', result: 'success', detail: { ...report, seed: opts.seed, documentStatuses: planner.counts } }));
  return { ...report, accounts };
}
