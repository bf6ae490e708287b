/**
 * The rows of a large bench document set, made from the demo province's own document mix
 * (`buildDemoDocuments` in 'full' mode: which sites, columns, kinds and texts, in the demo's
 * proportions), spread over five years and given the statuses a working platform has: recent
 * documents are often still drafts or in review, older ones are almost all published (a few
 * withdrawn, a few abandoned drafts, a few corrected later). One edition per document. A quarter
 * of the documents carry the typical 3,000-character notice of bench/checks.bench.ts as their
 * body (the demo templates are short: median under 200 characters). Deterministic for a seed.
 */
import type { DemoDocument } from '../../src/demo/documents/demo-document.js';
import { Prng } from '../../src/demo/documents/prng.js';
import { statusByAge } from '../../src/demo/documents/status-by-age.js';
import type { BulkEditionText, DocumentKind, DocumentStatus, EditionStatus } from '../../src/modules/content/index.js';
import { TOPIC_CATEGORY_VERSION } from '../../src/modules/content/index.js';
import { formatIndexNumber } from '../../src/modules/content/index-number.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
export const HISTORY_DAYS = 5 * 365;
/** Share of documents whose body is the typical 3,000-character notice. */
export const TYPICAL_BODY_SHARE = 0.25;

/** The editable text of an edition, shared by many documents (the writers store each once per row). */
export interface EditionText extends BulkEditionText {
  readonly topicCategoryVersion: string | null;
}

export interface BenchDocument {
  readonly id: number;
  readonly editionId: number;
  readonly siteId: number;
  readonly columnId: number;
  readonly orgId: number;
  readonly kind: DocumentKind;
  readonly indexNumber: string;
  readonly status: DocumentStatus;
  readonly editionStatus: EditionStatus;
  readonly isMajor: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly firstPublishedAt: number | null;
  readonly lastPublishedAt: number | null;
  readonly withdrawnAt: number | null;
  readonly submittedAt: number | null;
  readonly approvedAt: number | null;
  readonly publishedAt: number | null;
  readonly scheduledPublishAt: number | null;
  /** Index into `texts`. */
  readonly text: number;
}

function textOf(d: DemoDocument, bodyHtml: string): EditionText {
  return {
    title: d.title, bodyHtml, summary: d.summary, keywords: d.keywords, documentNumber: d.documentNumber, topicCategory: d.topicCategory,
    topicCategoryVersion: d.topicCategory ? TOPIC_CATEGORY_VERSION : null, genre: d.genre, issuingOrgName: d.issuingOrgName,
    dateWritten: d.dateWritten, source: d.source,
  };
}

const yearOf = (ms: number) => new Date(ms + 8 * 3_600_000).getUTCFullYear();

export class DocumentSet {
  /** texts[2k] is template k as written; texts[2k + 1] is template k with the typical body. */
  readonly texts: readonly EditionText[];
  /** Drafts with the typical body, in id order: what the save benchmark edits. */
  readonly typicalDrafts: number[] = [];
  /** A sample of published documents with the typical body (a first save creates their next edition). */
  readonly typicalPublished: number[] = [];
  readonly counts: Record<DocumentStatus, number> = { draft: 0, in_review: 0, approved: 0, scheduled: 0, published: 0, withdrawn: 0 };
  private readonly rng: Prng;
  private next = 0;
  private readonly start: number;
  private readonly publishedStride: number;

  constructor(
    private readonly templates: readonly DemoDocument[],
    typicalBodyHtml: string,
    private readonly q: {
      readonly total: number; readonly now: number; readonly seed: number; readonly firstId: number; readonly firstEditionId: number;
      /** Index-number counters by `${orgId}:${year}`, continued from the database and updated as numbers are handed out. */
      readonly counters: Map<string, number>;
    },
  ) {
    if (templates.length === 0) throw new Error('no template documents');
    this.texts = templates.flatMap((d) => [textOf(d, d.bodyHtml), textOf(d, typicalBodyHtml)]);
    this.rng = new Prng(q.seed);
    this.start = q.now - HISTORY_DAYS * DAY;
    this.publishedStride = Math.max(1, Math.floor(q.total / 4000));
  }

  get remaining(): number {
    return this.q.total - this.next;
  }

  /** The next `n` documents, oldest first (ids grow with creation time, as in real use). */
  take(n: number): BenchDocument[] {
    const out: BenchDocument[] = [];
    for (let k = 0; k < n && this.next < this.q.total; k++) out.push(this.make(this.next++));
    return out;
  }

  private make(i: number): BenchDocument {
    const { rng, q } = this;
    const span = q.now - this.start;
    const createdAt = Math.floor(this.start + ((i + rng.next()) / q.total) * span) - MINUTE;
    const age = q.now - createdAt;
    // Whole milliseconds, never in the future.
    const cap = (t: number) => Math.floor(Math.min(t, q.now - 1000));
    const template = rng.int(0, this.templates.length - 1);
    const t = this.templates[template] as DemoDocument;
    const typicalBody = rng.next() < TYPICAL_BODY_SHARE;
    const status = statusByAge(this.rng, age);
    const id = q.firstId + i;
    const editionId = q.firstEditionId + i;

    const key = `${t.orgId}:${yearOf(createdAt)}`;
    const seq = (q.counters.get(key) ?? 0) + 1;
    q.counters.set(key, seq);

    const submittedAt = status === 'draft' ? null : cap(createdAt + rng.int(10, 600) * MINUTE);
    const approvedAt = submittedAt === null || status === 'in_review' ? null : cap(submittedAt + rng.int(10, 1440) * MINUTE);
    const publishedAt = approvedAt !== null && (status === 'published' || status === 'withdrawn') ? cap(approvedAt + rng.int(1, 30) * MINUTE) : null;
    let updatedAt: number;
    let lastPublishedAt = publishedAt;
    let withdrawnAt: number | null = null;
    switch (status) {
      case 'draft': updatedAt = cap(createdAt + rng.next() * Math.min(age, 30 * DAY)); break;
      case 'in_review': updatedAt = submittedAt as number; break;
      case 'approved': case 'scheduled': updatedAt = approvedAt as number; break;
      case 'withdrawn':
        withdrawnAt = cap((publishedAt as number) + rng.next() * Math.min(age, 365 * DAY));
        updatedAt = withdrawnAt;
        break;
      default:
        updatedAt = publishedAt as number;
        // A few older documents were corrected (re-published) later.
        if (age > 30 * DAY && rng.next() < 0.03) {
          updatedAt = cap(updatedAt + rng.next() * (q.now - updatedAt));
          lastPublishedAt = updatedAt;
        }
    }
    this.counts[status]++;
    if (typicalBody && status === 'draft') this.typicalDrafts.push(id);
    if (typicalBody && status === 'published' && i % this.publishedStride === 0) this.typicalPublished.push(id);
    return {
      id, editionId, siteId: t.siteId, columnId: t.columnId, orgId: t.orgId, kind: t.kind,
      indexNumber: formatIndexNumber(t.orgCode, yearOf(createdAt), seq),
      status, editionStatus: status, isMajor: t.isMajor, createdAt, updatedAt,
      firstPublishedAt: publishedAt, lastPublishedAt, withdrawnAt, submittedAt, approvedAt, publishedAt,
      scheduledPublishAt: status === 'scheduled' ? q.now + rng.int(60, 72 * 60) * MINUTE : null,
      text: template * 2 + (typicalBody ? 1 : 0),
    };
  }
}
