import type { Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { CommentErrors } from '../comments/comment-errors.js';
import type { Adoption } from '../comments/comments.tables.js';

export type ConsultationState = 'upcoming' | 'open' | 'closed';

export interface ConsultationView {
  readonly id: number;
  readonly siteId: number;
  readonly documentId: number | null;
  readonly title: string;
  readonly intro: string;
  readonly opensAt: number;
  readonly closesAt: number;
  readonly shortReason: string;
  readonly state: ConsultationState;
  readonly summaryText: string;
  readonly summaryPublishedAt: number | null;
  readonly createdAt: number;
}

export interface ClauseView {
  readonly clauseNo: number;
  readonly heading: string;
  readonly text: string;
  readonly adoption: Adoption;
  readonly feedback: string;
}

/** Open from opensAt (inclusive) until closesAt (exclusive), on the platform clock. */
export function stateAt(opensAt: number, closesAt: number, now: number): ConsultationState {
  if (now < opensAt) return 'upcoming';
  return now < closesAt ? 'open' : 'closed';
}

type Row = { id: number; site_id: number; document_id: number | null; title: string; intro: string; opens_at: number; closes_at: number; short_reason: string; summary_text: string; summary_published_at: number | null; created_at: number };

function toView(r: Row, now: number): ConsultationView {
  const opensAt = Number(r.opens_at);
  const closesAt = Number(r.closes_at);
  return {
    id: Number(r.id), siteId: Number(r.site_id), documentId: r.document_id === null ? null : Number(r.document_id), title: r.title, intro: r.intro,
    opensAt, closesAt, shortReason: r.short_reason, state: stateAt(opensAt, closesAt, now), summaryText: r.summary_text,
    summaryPublishedAt: r.summary_published_at === null ? null : Number(r.summary_published_at), createdAt: Number(r.created_at),
  };
}

const FIELDS = ['id', 'site_id', 'document_id', 'title', 'intro', 'opens_at', 'closes_at', 'short_reason', 'summary_text', 'summary_published_at', 'created_at'] as const;

export async function getConsultation(db: Db, id: number, now: number): Promise<ConsultationView | undefined> {
  const r = await db.selectFrom('consultations').select(FIELDS).where('id', '=', id).executeTakeFirst();
  return r ? toView(r, now) : undefined;
}

export async function requireConsultation(db: Db, id: number, now: number): Promise<ConsultationView> {
  const c = await getConsultation(db, id, now);
  if (!c) throw new AppError(CommentErrors['interaction.consultations.not_found']);
  return c;
}

/** A site's consultations, newest first; `public` leaves out those not yet open. */
export async function siteConsultations(db: Db, siteId: number, now: number, { publicOnly = false } = {}): Promise<ConsultationView[]> {
  let q = db.selectFrom('consultations').select(FIELDS).where('site_id', '=', siteId);
  if (publicOnly) q = q.where('opens_at', '<=', now);
  return (await q.orderBy('opens_at', 'desc').orderBy('id', 'desc').limit(200).execute()).map((r) => toView(r, now));
}

export async function consultationClauses(db: Db, consultationId: number): Promise<ClauseView[]> {
  const rows = await db.selectFrom('consultation_clauses').select(['clause_no', 'heading', 'text', 'adoption', 'feedback'])
    .where('consultation_id', '=', consultationId).orderBy('clause_no').execute();
  return rows.map((r) => ({ clauseNo: Number(r.clause_no), heading: r.heading, text: r.text, adoption: r.adoption, feedback: r.feedback }));
}

/** Opinions counted per clause (key 0 = on the whole draft): received (every opinion kept) and published (approved). */
export async function opinionCounts(db: Db, consultationId: number): Promise<Map<number, { received: number; published: number }>> {
  const rows = await db.selectFrom('comments').select(['clause_no', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', consultationId).groupBy(['clause_no', 'status']).execute();
  const out = new Map<number, { received: number; published: number }>();
  for (const r of rows) {
    const key = r.clause_no === null ? 0 : Number(r.clause_no);
    const cur = out.get(key) ?? { received: 0, published: 0 };
    const n = Number(r.n);
    out.set(key, { received: cur.received + n, published: cur.published + (r.status === 'approved' ? n : 0) });
  }
  return out;
}

/**
 * The annual report's figures for consultations (NORMS, Annual report › interaction: “surveys:
 * rounds, opinions received, results published”): consultations that opened in [from, to), the
 * opinions they received, and how many have their feedback summary published.
 */
export async function consultationFigures(db: Db, siteId: number, from: number, to: number): Promise<{ rounds: number; opinionsReceived: number; resultsPublished: number }> {
  const rows = await db.selectFrom('consultations').select(['id', 'summary_published_at'])
    .where('site_id', '=', siteId).where('opens_at', '>=', from).where('opens_at', '<', to).execute();
  if (rows.length === 0) return { rounds: 0, opinionsReceived: 0, resultsPublished: 0 };
  const n = await db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('consultation_id', 'in', rows.map((r) => Number(r.id))).executeTakeFirstOrThrow();
  return { rounds: rows.length, opinionsReceived: Number(n.n), resultsPublished: rows.filter((r) => r.summary_published_at !== null).length };
}
