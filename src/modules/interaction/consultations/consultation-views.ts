import type { Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { articlePath, getPublicDocument } from '../../content/index.js';
import { attachmentPath } from '../../publishing/index.js';
import { listSitesInScope, requireSiteInScope } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import { maskFreeText } from '../mask-free-text.js';
import { requireText } from '../validate-letter.js';
import { CommentErrors } from '../comments/comment-errors.js';
import { maskedContact, sealContact } from '../comments/contact.js';
import { ANONYMOUS_NICKNAME } from '../comments/document-comments.js';
import { enqueueComment, parseFindings, type Finding } from '../comments/moderation.js';
import type { CommentStatus } from '../comments/comments.tables.js';
import { consultationClauses, opinionCounts, requireConsultation, siteConsultations, type ClauseView, type ConsultationView } from './consultations.repo.js';

export interface Opinion {
  readonly id: number;
  readonly clauseNo: number | null;
  readonly nickname: string;
  readonly body: string;
  readonly submittedAt: number;
}

export interface AdminOpinion extends Opinion {
  readonly status: CommentStatus;
  readonly contact: string;
  readonly findings: Finding[];
}

export interface ClauseWithCounts extends ClauseView {
  readonly received: number;
  readonly published: number;
}

/** Per clause, then overall (clause 0): what the summary reports as received. */
function withCounts(clauses: readonly ClauseView[], counts: Map<number, { received: number; published: number }>): ClauseWithCounts[] {
  return clauses.map((c) => ({ ...c, ...(counts.get(c.clauseNo) ?? { received: 0, published: 0 }) }));
}

/** The owner's view: clauses with counts, and every opinion (contact masked, findings shown). */
export async function consultationDetail({ db, actor, consultationId, deps }: { db: Db; actor: Actor; consultationId: number; deps: InteractionDeps }) {
  const c = await requireConsultation(db, consultationId, deps.clock.now());
  await requireSiteInScope(db, actor, 'interaction.consultations.manage', c.siteId);
  const counts = await opinionCounts(db, c.id);
  const rows = await db.selectFrom('comments').selectAll().where('consultation_id', '=', c.id).orderBy('id').execute();
  const opinions: AdminOpinion[] = rows.map((r) => ({
    id: Number(r.id), clauseNo: r.clause_no === null ? null : Number(r.clause_no), nickname: r.nickname || ANONYMOUS_NICKNAME, body: r.body,
    submittedAt: Number(r.submitted_at), status: r.status, contact: maskedContact(deps.cipher, c.id, r.contact_enc), findings: parseFindings(r.findings),
  }));
  return { consultation: c, clauses: withCounts(await consultationClauses(db, c.id), counts), overall: counts.get(0) ?? { received: 0, published: 0 }, opinions };
}

/** Consultations of one site or of every site in the actor's scope, with those sites (the console's site picker). */
export async function listConsultations({ db, actor, siteId, deps }: { db: Db; actor: Actor; siteId: number | undefined; deps: InteractionDeps }): Promise<{ sites: { id: number; name: string }[]; items: ConsultationView[] }> {
  const sites = await listSitesInScope(db, actor, 'interaction.consultations.manage');
  const chosen = siteId === undefined ? sites : [await requireSiteInScope(db, actor, 'interaction.consultations.manage', siteId)];
  const items: ConsultationView[] = [];
  for (const s of chosen) items.push(...await siteConsultations(db, s.id, deps.clock.now()));
  return { sites: sites.map((s) => ({ id: s.id, name: s.name })), items: items.sort((a, b) => b.opensAt - a.opensAt || b.id - a.id) };
}

export interface PublicConsultation {
  readonly consultation: ConsultationView;
  readonly clauses: ClauseWithCounts[];
  readonly overall: { received: number; published: number };
  /** Approved opinions only. */
  readonly opinions: Opinion[];
  readonly summaryPublished: boolean;
  readonly document: { title: string; href: string; attachments: { name: string; href: string; ext: string; size: number }[] } | null;
}

/** What the site shows: never a consultation not yet open, never the summary before the owner publishes it. */
export async function publicConsultation(db: Db, siteId: number, consultationId: number, now: number): Promise<PublicConsultation> {
  const c = await requireConsultation(db, consultationId, now);
  if (c.siteId !== siteId || c.state === 'upcoming') throw new AppError(CommentErrors['interaction.consultations.not_found']);
  const published = c.summaryPublishedAt !== null;
  const counts = await opinionCounts(db, c.id);
  const clauses = withCounts(await consultationClauses(db, c.id), counts).map((x) => (published ? x : { ...x, adoption: '' as const, feedback: '' }));
  const rows = await db.selectFrom('comments').select(['id', 'clause_no', 'nickname', 'body', 'submitted_at'])
    .where('consultation_id', '=', c.id).where('status', '=', 'approved').orderBy('id').execute();
  const pub = c.documentId === null ? undefined : await getPublicDocument(db, c.documentId);
  const document = pub?.edition && pub.document.firstPublishedAt !== null && pub.document.status === 'published' ? {
    title: pub.edition.title, href: articlePath(pub.document.id, pub.document.firstPublishedAt),
    attachments: pub.attachments.map((a) => ({ name: a.originalName, href: attachmentPath(pub.document.id, a.id, a.ext), ext: a.ext, size: a.size })),
  } : null;
  return {
    consultation: published ? c : { ...c, summaryText: '' }, clauses, overall: counts.get(0) ?? { received: 0, published: 0 }, summaryPublished: published, document,
    // Masked as published letters are: personal numbers typed into an opinion never reach the public.
    opinions: rows.map((r) => ({ id: Number(r.id), clauseNo: r.clause_no === null ? null : Number(r.clause_no), nickname: maskFreeText(r.nickname) || ANONYMOUS_NICKNAME, body: maskFreeText(r.body), submittedAt: Number(r.submitted_at) })),
  };
}

export async function publicConsultations(db: Db, siteId: number, now: number): Promise<ConsultationView[]> {
  return (await siteConsultations(db, siteId, now, { publicOnly: true })).map((c) => (c.summaryPublishedAt === null ? { ...c, summaryText: '' } : c));
}

export interface OpinionInput {
  readonly clauseNo?: number | undefined;
  readonly body: string;
  readonly nickname?: string | undefined;
  readonly contact?: string | undefined;
  readonly altcha?: string | undefined;
}

/** An opinion on one clause (clauseNo) or on the whole draft: only while the consultation is open. */
export async function submitOpinion({ db, actor, siteId, consultationId, input, deps }: {
  db: Db; actor: Actor; siteId: number; consultationId: number; input: OpinionInput; deps: InteractionDeps;
}): Promise<{ id: number; status: 'pending' }> {
  const c = await requireConsultation(db, consultationId, deps.clock.now());
  if (c.siteId !== siteId) throw new AppError(CommentErrors['interaction.consultations.not_found']);
  if (c.state !== 'open') {
    throw new AppError(CommentErrors['interaction.consultations.not_open'], c.state === 'closed' ? { state: '已结束', stateEn: 'has closed' } : { state: '尚未开始', stateEn: 'has not opened yet' });
  }
  const clauseNo = input.clauseNo ?? null;
  if (clauseNo !== null && !(await consultationClauses(db, c.id)).some((x) => x.clauseNo === clauseNo)) throw new AppError(CommentErrors['interaction.consultations.bad_clause']);
  const body = requireText(input.body, '意见内容', 'body');
  const { id } = await enqueueComment(db, deps, actor, input.altcha, {
    siteId: c.siteId, documentId: null, consultationId: c.id, clauseNo, body, nickname: input.nickname?.trim() ?? '', contactEnc: sealContact(deps.cipher, c.id, input.contact),
  });
  return { id, status: 'pending' };
}
