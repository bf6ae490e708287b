import { sql } from 'kysely';
import type { Db, DialectOps } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { Hll } from './hll.js';
import { visitorHash, visitorKey, type VisitorKey } from './visitor-hash.js';
import { dayOfInstant, startOfDay, ymdOfDay } from '../../platform/calendar/index.js';

/** Counted views reach the database this often (and when the process stops). */
export const FLUSH_INTERVAL_MS = 10_000;
/** Distinct pages kept per site and day between two flushes; more are counted for the site only. */
const MAX_PAGES_PER_FLUSH = 20_000;
/** The page column's length (characters): a longer stored path is counted for the site only. */
export const MAX_COUNTED_PATH = 400;
/** After this many failed flushes in a row the page rows of what waits are dropped (the site figures are kept). */
const PAGE_ROWS_GIVE_UP_AFTER = 3;
const PAGE_ROWS_PER_STATEMENT = 400;

interface Bucket {
  readonly siteId: number;
  readonly day: string;
  readonly key: VisitorKey;
  views: number;
  readonly pages: Map<string, number>;
  readonly sketch: Hll;
}

export interface ViewCounterDeps {
  readonly db: Db;
  readonly ops: DialectOps;
  /** The installation's secret the per-site, per-day visitor keys derive from. */
  readonly secret: Buffer;
  readonly now: () => number;
  readonly onError: (err: unknown) => void;
}

/**
 * Page views counted in memory and written in one transaction every few seconds, so a view
 * costs a few map updates, never a database write. Processes merge: views add up, sketches
 * take the larger register, under one lock.
 */
export class ViewCounter {
  private buckets = new Map<string, Bucket>();
  private keys = new Map<string, VisitorKey>();
  private day = '';
  private dayUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private failures = 0;

  constructor(private readonly deps: ViewCounterDeps) {}

  /** One view of a page of a site by a visitor (any text that tells visitors apart, e.g. address and user agent). */
  record(siteId: number, path: string, visitor: string): void {
    const now = this.deps.now();
    if (now >= this.dayUntil || now < this.dayUntil - 86_400_000) this.rollDay(now);
    const id = `${siteId}|${this.day}`;
    let b = this.buckets.get(id);
    if (!b) {
      let key = this.keys.get(id);
      if (!key) this.keys.set(id, key = visitorKey(this.deps.secret, siteId, this.day));
      b = { siteId, day: this.day, key, views: 0, pages: new Map(), sketch: new Hll() };
      this.buckets.set(id, b);
    }
    b.views++;
    const seen = b.pages.get(path);
    if (seen !== undefined) b.pages.set(path, seen + 1);
    else if (b.pages.size < MAX_PAGES_PER_FLUSH && path.length <= MAX_COUNTED_PATH) b.pages.set(path, 1);
    const [lo, hi] = visitorHash(b.key, visitor);
    b.sketch.add(lo, hi);
  }

  /** Views counted and not yet written. */
  get pendingViews(): number {
    let n = 0;
    for (const b of this.buckets.values()) n += b.views;
    return n;
  }

  /** Writes what was counted; flushes never overlap, and a failed one does not stop the next. */
  flush(): Promise<void> {
    const next = this.flushing.catch(() => undefined).then(() => this.write());
    this.flushing = next;
    return next;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { this.flush().catch(this.deps.onError); }, FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush().catch(this.deps.onError);
  }

  private rollDay(now: number): void {
    const day = dayOfInstant(now);
    this.day = ymdOfDay(day);
    this.dayUntil = startOfDay(day + 1);
    // Yesterday's keys are never needed again (a view is always counted on the day it happens).
    this.keys.clear();
  }

  private async write(): Promise<void> {
    const batch = [...this.buckets.values()];
    if (batch.length === 0) return;
    this.buckets = new Map();
    try {
      await inTransaction(this.deps.db, async (trx) => {
        // Read-merge-write of the sketches: one writer at a time across processes.
        await this.deps.ops.lockForUpdate(trx, 'analytics.views');
        const now = this.deps.now();
        for (const b of batch) await writeBucket(trx, b, now);
      });
      this.failures = 0;
    } catch (err) {
      // Nothing was written: the counts go back and ride along with the next flush. When it keeps
      // failing, a page row may be what the database refuses: keep the site figures, drop the pages.
      this.failures++;
      for (const b of batch) {
        if (this.failures >= PAGE_ROWS_GIVE_UP_AFTER) b.pages.clear();
        this.restore(b);
      }
      throw err;
    }
  }

  private restore(b: Bucket): void {
    const id = `${b.siteId}|${b.day}`;
    const cur = this.buckets.get(id);
    if (!cur) { this.buckets.set(id, b); return; }
    cur.views += b.views;
    for (const [p, n] of b.pages) if (cur.pages.has(p) || cur.pages.size < MAX_PAGES_PER_FLUSH) cur.pages.set(p, (cur.pages.get(p) ?? 0) + n);
    cur.sketch.merge(b.sketch);
  }
}

async function writeBucket(trx: Db, b: Bucket, now: number): Promise<void> {
  const row = await trx.selectFrom('analytics_site_days').select(['sketch', 'visitors']).where('site_id', '=', b.siteId).where('day', '=', b.day).executeTakeFirst();
  if (!row) {
    await trx.insertInto('analytics_site_days').values({
      site_id: b.siteId, day: b.day, views: b.views, visitors: b.sketch.estimate(), sketch: b.sketch.toBase64(), updated_at: now,
    }).execute();
  } else {
    const merged = Hll.fromBase64(row.sketch);
    merged.merge(b.sketch);
    // A closed day (sketch gone) only ever gains: its figure stays at least what was published.
    const visitors = row.sketch === null ? Math.max(Number(row.visitors), merged.estimate()) : merged.estimate();
    await trx.updateTable('analytics_site_days')
      .set({ views: sql`views + ${b.views}`, visitors, sketch: row.sketch === null ? null : merged.toBase64(), updated_at: now })
      .where('site_id', '=', b.siteId).where('day', '=', b.day).execute();
  }
  const pages = [...b.pages];
  for (let i = 0; i < pages.length; i += PAGE_ROWS_PER_STATEMENT) {
    const values = pages.slice(i, i + PAGE_ROWS_PER_STATEMENT).map(([path, views]) => ({ site_id: b.siteId, day: b.day, path, views }));
    await trx.insertInto('analytics_page_days').values(values)
      .onConflict((oc) => oc.columns(['site_id', 'day', 'path']).doUpdateSet({ views: sql`analytics_page_days.views + excluded.views` }))
      .execute();
  }
}
