/**
 * The documents of a generated province, day by day from the oldest: each day gets its share of
 * the total (working days ten times a weekend day's), each document goes to a site drawn by
 * weight (a provincial portal publishes about six times what a department site does), and the
 * demo templates write it. Statuses follow age: recent work is often still a draft or in review,
 * older documents are almost all published, a few withdrawn or expired. A quarter of them get a
 * long body, some get attachments. Nothing but the current day and the sites' small state is kept
 * in memory, whatever the total.
 */
import type { BulkAttachment, BulkDocument, DocumentStatus } from '../../modules/content/index.js';
import type { DemoDocument, DemoSiteContext } from '../../demo/documents/demo-document.js';
import { fill, paragraphs, shanghaiDate } from '../../demo/documents/demo-document.js';
import { siteDocumentMaker } from '../../demo/documents/generate-documents.js';
import { DocumentNumbers } from '../../demo/documents/policy-templates.js';
import type { Prng } from '../../demo/documents/prng.js';
import { statusByAge } from '../../demo/documents/status-by-age.js';
import { ATTACHMENT_NAMES, LONG_PARAGRAPHS } from './corpus.js';

export const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const SHANGHAI = 8 * HOUR;

/** Relative output by level (the demo's proportions). */
const LEVEL_WEIGHT: Readonly<Record<DemoSiteContext['level'], number>> = { province: 300, city: 115, county: 60, department: 48 };

/** A document ready for the bulk writer, and which earlier document of the same day it interprets. */
export interface PlannedDocument {
  readonly doc: Omit<BulkDocument, 'interpretsId'>;
  /** Offset back to the policy this interpretation explains (it is always just before, the same day). */
  readonly interpretsBack: number | null;
}

/** Midnight (Asia/Shanghai) of the day of `ms`. */
export function dayStart(ms: number): number {
  return Math.floor((ms + SHANGHAI) / DAY) * DAY - SHANGHAI;
}

const isWeekend = (day: number) => { const w = (Math.floor((day + SHANGHAI) / DAY) + 4) % 7; return w === 0 || w === 6; };

/** How many of `total` fall on each day from `first` (inclusive) for `days` days: working days weigh 1, weekends 0.1. */
export function* dailyCounts(first: number, days: number, total: number): Generator<[day: number, count: number]> {
  let weight = 0;
  for (let d = 0; d < days; d++) weight += isWeekend(first + d * DAY) ? 0.1 : 1;
  let cum = 0;
  let given = 0;
  for (let d = 0; d < days; d++) {
    const day = first + d * DAY;
    cum += isWeekend(day) ? 0.1 : 1;
    const upto = d === days - 1 ? total : Math.round((cum / weight) * total);
    yield [day, upto - given];
    given = upto;
  }
}

/** Picks a site by weight in O(log n). */
function weightedPicker(contexts: readonly DemoSiteContext[], rng: Prng): () => number {
  const cum: number[] = [];
  let sum = 0;
  for (const c of contexts) { sum += LEVEL_WEIGHT[c.level]; cum.push(sum); }
  return () => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if ((cum[mid] as number) > x) hi = mid; else lo = mid + 1; }
    return lo;
  };
}

function hex(rng: Prng, chars: number): string {
  let out = '';
  while (out.length < chars) out += Math.floor(rng.next() * 2 ** 32).toString(16).padStart(8, '0');
  return out.slice(0, chars);
}

export class DocumentPlanner {
  private readonly makers: ((publishedAt: number, key: () => number) => DemoDocument[])[];
  private readonly pick: () => number;
  private key = 0;
  /** Documents written ahead of the daily quota (interpretations). */
  private ahead = 0;
  private produced = 0;
  readonly counts: Record<DocumentStatus, number> = { draft: 0, in_review: 0, approved: 0, scheduled: 0, published: 0, withdrawn: 0 };

  constructor(private readonly contexts: readonly DemoSiteContext[], private readonly rng: Prng, private readonly q: { now: number; total: number; authorIds: readonly number[] }) {
    const numbers = new DocumentNumbers();
    this.makers = contexts.map((ctx) => siteDocumentMaker(ctx, rng, numbers));
    this.pick = weightedPicker(contexts, rng);
  }

  /**
   * The documents of one day, in time order: `count` of them, give or take an interpretation that
   * follows its policy (one more today is one fewer on the next day). Never more than the total.
   */
  day(day: number, count: number): PlannedDocument[] {
    const { rng } = this;
    const target = count - this.ahead;
    if (target <= 0) { this.ahead -= count; return []; }
    const slots = Array.from({ length: target }, () => ({ at: day + 8 * HOUR + 30 * MINUTE + Math.floor(rng.next() * 9.5 * HOUR), site: this.pick() }));
    slots.sort((a, b) => a.at - b.at);
    const out: PlannedDocument[] = [];
    for (const s of slots) {
      if (out.length >= target) break;
      const made = (this.makers[s.site] as (typeof this.makers)[number])(Math.min(s.at, this.q.now - HOUR), () => this.key++);
      for (const [i, d] of made.entries()) {
        if (this.produced >= this.q.total) break;
        this.produced++;
        out.push({ doc: this.complete(d), interpretsBack: d.interpretsKey === null ? null : i - made.findIndex((p) => p.key === d.interpretsKey) });
      }
    }
    this.ahead = out.length - target;
    return out;
  }

  private complete(d: DemoDocument): Omit<BulkDocument, 'interpretsId'> {
    const { rng, q } = this;
    const cap = (t: number) => Math.floor(Math.min(t, q.now - 1000));
    const target = Math.min(d.publishedAt, q.now - HOUR);
    const age = q.now - target;
    const status = statusByAge(rng, age);
    this.counts[status]++;
    const createdAt = target - rng.int(2 * 60, 72 * 60) * MINUTE;
    const submittedAt = status === 'draft' ? null : createdAt + Math.floor((target - createdAt) * 0.4);
    const approvedAt = submittedAt === null || status === 'in_review' ? null : createdAt + Math.floor((target - createdAt) * 0.8);
    const publishedAt = status === 'published' || status === 'withdrawn' ? target : null;
    let lastPublishedAt = publishedAt;
    if (status === 'published' && age > 30 * DAY && rng.chance(0.03)) lastPublishedAt = cap(target + rng.next() * (q.now - target));
    const withdrawnAt = status === 'withdrawn' ? cap(target + rng.next() * Math.min(age, 365 * DAY)) : null;
    const updatedAt = withdrawnAt ?? lastPublishedAt ?? approvedAt ?? submittedAt ?? cap(createdAt + rng.next() * HOUR * 6);
    const expired = d.kind === 'policy' && age > 3 * 365 * DAY && rng.chance(0.2);
    return {
      siteId: d.siteId, columnId: d.columnId, orgId: d.orgId, orgCode: d.orgCode, kind: d.kind, status, isMajor: d.isMajor,
      authorId: rng.pick(q.authorIds), createdAt, updatedAt, submittedAt, approvedAt, publishedAt, lastPublishedAt,
      scheduledPublishAt: status === 'scheduled' ? q.now + DAY + rng.int(8 * 60, 72 * 60) * MINUTE : null,
      withdrawnAt, withdrawReason: withdrawnAt === null ? null : '信息已过时效，予以撤回',
      validity: expired ? 'expired' : 'valid', validityDate: expired ? shanghaiDate(target + rng.int(2 * 365, 3 * 365) * DAY) : null,
      text: {
        title: d.title, bodyHtml: this.body(d), summary: d.summary, keywords: d.keywords, documentNumber: d.documentNumber, topicCategory: d.topicCategory,
        genre: d.genre, issuingOrgName: d.issuingOrgName, dateWritten: d.dateWritten, source: d.source,
      },
      attachments: this.attachments(d, createdAt),
    };
  }

  /** The template's body; a quarter get 3–12 more paragraphs, one in twenty 15–40 (a long plan or report). */
  private body(d: DemoDocument): string {
    const { rng } = this;
    const r = rng.next();
    const extra = r < 0.05 ? rng.int(15, 40) : r < 0.25 ? rng.int(3, 12) : 0;
    if (extra === 0) return d.bodyHtml;
    const vars = { place: d.issuingOrgName.replace(/人民政府(办公厅|办公室)?$/, ''), area: d.keywords.split(',')[0] ?? '' };
    const lines = Array.from({ length: extra }, () => fill(rng.pick(LONG_PARAGRAPHS), vars));
    return d.bodyHtml + paragraphs(lines);
  }

  private attachments(d: DemoDocument, createdAt: number): BulkAttachment[] {
    const { rng } = this;
    if (!(d.kind === 'policy' || d.kind === 'notice') || !rng.chance(0.35)) return [];
    const ym = shanghaiDate(createdAt).slice(0, 7).replace('-', '/');
    return Array.from({ length: rng.int(1, 3) }, (_, i) => {
      const [name, ext, mime] = rng.pick(ATTACHMENT_NAMES);
      return {
        originalName: `附件${i + 1}：${d.title.replace(/^关于/, '').replace(/的通知$/, '').slice(0, 24)}${name}.${ext}`,
        storedName: `${ym}/${hex(rng, 32)}.${ext}`, mime, ext, size: rng.int(18_000, 2_400_000), sm3: hex(rng, 64),
      };
    });
  }
}
