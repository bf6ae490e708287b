import { Prng } from './prng.js';
import type { DemoDocument, DemoSiteContext } from './demo-document.js';
import { newsDocument, noticeDocument, personnelDocument, type TemplateInput } from './templates.js';
import { DocumentNumbers, interpretationDocument, policyDocument } from './policy-templates.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SHANGHAI = 8 * HOUR;
/** History depth: two years of publications before the seeding day. */
export const DEMO_HISTORY_DAYS = 730;

/** Documents per site by level: ≈ 2,500 in all for the demo province (24 sites). */
const PER_SITE: Readonly<Record<DemoSiteContext['level'], number>> = { province: 300, city: 115, county: 60, department: 48 };

/** A working-day, office-hours time 1–732 days before the day of `now` (Asia/Shanghai), always in the past. */
function pastWorkingTime(rng: Prng, now: number): number {
  const today = Math.floor((now + SHANGHAI) / DAY) * DAY - SHANGHAI;
  let day = today - rng.int(1, DEMO_HISTORY_DAYS) * DAY;
  // 1970-01-01 was a Thursday: (days + 4) % 7 gives 0 = Sunday … 6 = Saturday.
  const weekday = (Math.floor((day + SHANGHAI) / DAY) + 4) % 7;
  if (weekday === 0) day -= 2 * DAY;
  if (weekday === 6) day -= DAY;
  return day + rng.int(8, 17) * HOUR + rng.int(30, 59) * 60_000 + rng.int(0, 59) * 1000;
}

/**
 * Writes one site's documents one publication at a time, keeping what runs on between them
 * (meeting numbers, personnel batches of the year, 文号 sequences in `numbers`): give it
 * publication times in increasing order. A policy is sometimes followed by its interpretation.
 */
export function siteDocumentMaker(ctx: DemoSiteContext, rng: Prng, numbers: DocumentNumbers): (publishedAt: number, key: () => number) => DemoDocument[] {
  let meeting = rng.int(8, 40);
  const personnelBatches = new Map<string, number>();
  const col = (...slugs: string[]): number => {
    for (const s of slugs) { const id = ctx.columns[s]; if (id !== undefined) return id; }
    throw new Error(`demo site ${ctx.siteName} has none of the columns ${slugs.join(', ')}`);
  };
  const topicSlugs = Object.keys(ctx.columns).filter((s) => ['yshj', 'xczx', 'csjyth', 'wmcj', 'aqsc'].includes(s));
  return (publishedAt, key) => {
    const docs: DemoDocument[] = [];
    const t = (columnId: number): TemplateInput => ({ ctx, rng, publishedAt, key: key(), columnId });
    const pushPolicy = (input: TemplateInput): void => {
      const policy = policyDocument(input, numbers);
      if (!rng.chance(0.3)) { docs.push(policy); return; }
      // A policy with an interpretation; half of those are major policies (重大政策 need one).
      const major = { ...policy, isMajor: rng.chance(0.5) };
      docs.push(major);
      const at = policy.publishedAt + rng.int(1, 120) * 60_000;
      docs.push(interpretationDocument({ ctx, rng, publishedAt: at, key: key(), columnId: col('zcjd') }, major));
    };
    const r = rng.next();
    if (ctx.level === 'department') {
      if (r < 0.45) docs.push(newsDocument(t(col('gzdt'))));
      else if (r < 0.65) docs.push(noticeDocument(t(col('tzgg'))));
      else if (r < 0.9) pushPolicy(t(col('zcwj')));
      else docs.push(personnelDocument(t(col('rsxx')), nextBatch(personnelBatches, publishedAt)));
      return docs;
    }
    if (r < 0.16) docs.push(newsDocument(t(col('yaowen'))));
    else if (r < 0.22) docs.push(newsDocument(t(col('cwhy')), { meetingNumber: meeting++ }));
    else if (r < 0.31) docs.push(newsDocument(t(col('bmdt'))));
    else if (r < 0.4) docs.push(newsDocument(t(col('sxdt', 'qxdt', 'zjdt')), { aboutPlace: rng.pick(ctx.localities) }));
    else if (r < 0.45 && topicSlugs.length > 0) docs.push(newsDocument(t(col(rng.pick(topicSlugs)))));
    else if (r < 0.63) docs.push(noticeDocument(t(col('tzgg'))));
    else if (r < 0.84) pushPolicy(t(col(rng.chance(0.5) ? 'zfwj' : 'zcwj')));
    else if (r < 0.91) docs.push(personnelDocument(t(col('rsxx')), nextBatch(personnelBatches, publishedAt)));
    else docs.push(newsDocument(t(col('yaowen'))));
    return docs;
  };
}

/**
 * Generates the demo history of every site from the templates, deterministically: the same
 * contexts, clock and seed give the same documents. Keys start at `firstKey`. Within a site the
 * documents are produced in date order, so 文号 sequences and meeting numbers grow with time.
 */
export function generateDemoDocuments(contexts: readonly DemoSiteContext[], q: { now: number; seed: number; firstKey: number }): DemoDocument[] {
  const rng = new Prng(q.seed);
  const numbers = new DocumentNumbers();
  const docs: DemoDocument[] = [];
  let key = q.firstKey;
  const nextKey = () => key++;
  for (const ctx of contexts) {
    const times = Array.from({ length: PER_SITE[ctx.level] }, () => pastWorkingTime(rng, q.now)).sort((a, b) => a - b);
    const make = siteDocumentMaker(ctx, rng, numbers);
    for (const publishedAt of times) docs.push(...make(publishedAt, nextKey));
  }
  return docs;
}

function nextBatch(batches: Map<string, number>, at: number): number {
  const year = new Date(at + SHANGHAI).getUTCFullYear();
  const n = (batches.get(String(year)) ?? 0) + 1;
  batches.set(String(year), n);
  return n;
}
