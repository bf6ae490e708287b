import { inTransaction, type Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { getPublicDocument } from '../../content/index.js';
import { requireSiteInScope } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import { requireText } from '../validate-letter.js';
import { CommentErrors } from '../comments/comment-errors.js';
import { consultationClauses, requireConsultation, stateAt, type ConsultationView } from './consultations.repo.js';
import { splitClauses } from './split-clauses.js';

/**
 * Minimum period a consultation stays open, in calendar days. Not in NORMS (its Interaction
 * section has no rule on consultations): taken from 《重大行政决策程序暂行条例》第十四条 and
 * 《规章制定程序条例》第十五条 (“一般不少于30日”); a shorter period needs a reason, which is published.
 */
export const MIN_CONSULTATION_DAYS = 30;
const DAY_MS = 86_400_000;

export interface ConsultationInput {
  readonly title?: string | undefined;
  readonly intro?: string | undefined;
  readonly draftText?: string | undefined;
  readonly documentId?: number | null | undefined;
  readonly opensAt?: number | undefined;
  readonly closesAt?: number | undefined;
  readonly shortReason?: string | undefined;
}

function checkPeriod(opensAt: number, closesAt: number, shortReason: string): void {
  if (closesAt <= opensAt) throw new AppError(CommentErrors['interaction.consultations.bad_period']);
  if (closesAt - opensAt < MIN_CONSULTATION_DAYS * DAY_MS && shortReason === '') {
    throw new AppError(CommentErrors['interaction.consultations.too_short'], { days: MIN_CONSULTATION_DAYS });
  }
}

/** The draft may be published as a document of the same site: its attachments are the consultation's. */
async function checkDocument(db: Db, siteId: number, documentId: number | null): Promise<void> {
  if (documentId === null) return;
  const pub = await getPublicDocument(db, documentId);
  if (!pub?.edition || pub.document.siteId !== siteId || pub.document.status !== 'published') throw new AppError(CommentErrors['interaction.consultations.bad_document']);
}

function clausesOf(draftText: string) {
  const clauses = splitClauses(draftText);
  if (clauses.length === 0) throw new AppError(CommentErrors['interaction.consultations.no_clauses']);
  return clauses;
}

/** 征求意见: opens a consultation on a draft, split into clauses. */
export async function createConsultation({ db, actor, siteId, input, deps }: {
  db: Db; actor: Actor; siteId: number; input: ConsultationInput & { title: string; draftText: string; opensAt: number; closesAt: number }; deps: InteractionDeps;
}): Promise<ConsultationView> {
  const site = await requireSiteInScope(db, actor, 'interaction.consultations.manage', siteId);
  const title = requireText(input.title, '标题', 'title');
  const shortReason = input.shortReason?.trim() ?? '';
  checkPeriod(input.opensAt, input.closesAt, shortReason);
  const documentId = input.documentId ?? null;
  await checkDocument(db, site.id, documentId);
  const clauses = clausesOf(input.draftText);
  const now = deps.clock.now();
  const id = await inTransaction(db, async (trx) => {
    const row = await trx.insertInto('consultations').values({
      site_id: site.id, document_id: documentId, title, intro: input.intro?.trim() ?? '', opens_at: input.opensAt, closes_at: input.closesAt,
      short_reason: shortReason, summary_published_at: null, created_by: actor.userId ?? 0, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const newId = Number(row.id);
    await trx.insertInto('consultation_clauses').values(clauses.map((c) => ({ consultation_id: newId, clause_no: c.clauseNo, heading: c.heading, text: c.text }))).execute();
    await deps.audit.append(trx, actor, {
      action: 'interaction.consultation.create', result: 'success', targetType: 'consultation', targetId: newId,
      detail: { siteId: site.id, clauses: clauses.length, opensAt: input.opensAt, closesAt: input.closesAt },
    });
    return newId;
  });
  return requireConsultation(db, id, now);
}

/** Edits a consultation. The draft text (and so its clauses) is fixed once an opinion has arrived, so no opinion ends up on another text. */
export async function updateConsultation({ db, actor, consultationId, input, deps }: {
  db: Db; actor: Actor; consultationId: number; input: ConsultationInput; deps: InteractionDeps;
}): Promise<ConsultationView> {
  const now = deps.clock.now();
  const c = await requireConsultation(db, consultationId, now);
  await requireSiteInScope(db, actor, 'interaction.consultations.manage', c.siteId);
  const opensAt = input.opensAt ?? c.opensAt;
  const closesAt = input.closesAt ?? c.closesAt;
  const shortReason = input.shortReason === undefined ? c.shortReason : input.shortReason.trim();
  checkPeriod(opensAt, closesAt, shortReason);
  if (input.documentId !== undefined) await checkDocument(db, c.siteId, input.documentId);
  const clauses = input.draftText === undefined ? null : clausesOf(input.draftText);
  await inTransaction(db, async (trx) => {
    if (clauses) {
      const hasOpinion = await trx.selectFrom('comments').select('id').where('consultation_id', '=', c.id).limit(1).executeTakeFirst();
      if (hasOpinion) throw new AppError(CommentErrors['interaction.consultations.clauses_locked']);
      await trx.deleteFrom('consultation_clauses').where('consultation_id', '=', c.id).execute();
      await trx.insertInto('consultation_clauses').values(clauses.map((x) => ({ consultation_id: c.id, clause_no: x.clauseNo, heading: x.heading, text: x.text }))).execute();
    }
    await trx.updateTable('consultations').set({
      ...(input.title !== undefined ? { title: requireText(input.title, '标题', 'title') } : {}),
      ...(input.intro !== undefined ? { intro: input.intro.trim() } : {}),
      ...(input.documentId !== undefined ? { document_id: input.documentId } : {}),
      opens_at: opensAt, closes_at: closesAt, short_reason: shortReason, updated_at: now,
    }).where('id', '=', c.id).execute();
    await deps.audit.append(trx, actor, {
      action: 'interaction.consultation.update', result: 'success', targetType: 'consultation', targetId: c.id,
      detail: { siteId: c.siteId, fields: Object.keys(input), clauses: clauses?.length ?? null },
    });
  });
  return requireConsultation(db, c.id, now);
}

export interface SummaryInput {
  readonly overall: string;
  readonly clauses: readonly { readonly clauseNo: number; readonly adoption: 'adopted' | 'partly' | 'not_adopted' | ''; readonly feedback: string }[];
}

async function requireClosedInScope(db: Db, actor: Actor, consultationId: number, deps: InteractionDeps): Promise<ConsultationView> {
  const c = await requireConsultation(db, consultationId, deps.clock.now());
  await requireSiteInScope(db, actor, 'interaction.consultations.manage', c.siteId);
  if (stateAt(c.opensAt, c.closesAt, deps.clock.now()) !== 'closed') throw new AppError(CommentErrors['interaction.consultations.not_closed']);
  return c;
}

/** 采纳情况及理由: the owner's feedback per clause and overall, written after closing; public only once published. */
export async function saveSummary({ db, actor, consultationId, input, deps }: {
  db: Db; actor: Actor; consultationId: number; input: SummaryInput; deps: InteractionDeps;
}): Promise<void> {
  const c = await requireClosedInScope(db, actor, consultationId, deps);
  const known = new Set((await consultationClauses(db, c.id)).map((x) => x.clauseNo));
  for (const x of input.clauses) if (!known.has(x.clauseNo)) throw new AppError(CommentErrors['interaction.consultations.bad_clause']);
  await inTransaction(db, async (trx) => {
    for (const x of input.clauses) {
      await trx.updateTable('consultation_clauses').set({ adoption: x.adoption, feedback: x.feedback.trim() })
        .where('consultation_id', '=', c.id).where('clause_no', '=', x.clauseNo).execute();
    }
    await trx.updateTable('consultations').set({ summary_text: input.overall.trim(), updated_at: deps.clock.now() }).where('id', '=', c.id).execute();
    await deps.audit.append(trx, actor, {
      action: 'interaction.consultation.summary', result: 'success', targetType: 'consultation', targetId: c.id, detail: { siteId: c.siteId, clauses: input.clauses.length },
    });
  });
}

/** Puts the feedback summary on the consultation's public page (it needs an overall text). */
export async function publishSummary({ db, actor, consultationId, deps }: { db: Db; actor: Actor; consultationId: number; deps: InteractionDeps }): Promise<ConsultationView> {
  const c = await requireClosedInScope(db, actor, consultationId, deps);
  if (c.summaryText.trim() === '') throw new AppError(CommentErrors['interaction.consultations.summary_blank']);
  const now = deps.clock.now();
  await inTransaction(db, async (trx) => {
    await trx.updateTable('consultations').set({ summary_published_at: now, updated_at: now }).where('id', '=', c.id).execute();
    await deps.audit.append(trx, actor, { action: 'interaction.consultation.publish_summary', result: 'success', targetType: 'consultation', targetId: c.id, detail: { siteId: c.siteId } });
  });
  return requireConsultation(db, c.id, now);
}
