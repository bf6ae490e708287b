import { inTransaction, type Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { checkPublicText, hasBlocking, type CheckResult } from '../../checks/index.js';
import { requireSiteInScope } from '../../sites/index.js';
import { checkCaptcha, spendCaptcha } from '../captcha.js';
import type { InteractionDeps } from '../deps.js';
import { requireText } from '../validate-letter.js';
import { CommentErrors } from './comment-errors.js';
import type { CommentStatus } from './comments.tables.js';

/** A finding as the moderator sees it: what was found and why (the excerpt is the checks module's). */
export interface Finding {
  readonly severity: 'block' | 'warn';
  readonly message: string;
  readonly excerpt: string;
  readonly suggestion: string;
}

export function toFindings(results: readonly CheckResult[]): Finding[] {
  return results.map((r) => ({ severity: r.severity, message: r.message, excerpt: r.excerpt, suggestion: r.suggestion ?? '' }));
}

export function parseFindings(json: string): Finding[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as Finding[]) : [];
  } catch {
    return [];
  }
}

/** What a visitor submits, for a comment or an opinion. */
export interface NewComment {
  readonly siteId: number;
  readonly documentId: number | null;
  readonly consultationId: number | null;
  readonly clauseNo: number | null;
  readonly body: string;
  readonly nickname: string;
  readonly contactEnc: string | null;
}

/**
 * The one entry into the moderation queue. The banned-expression dictionary runs first, graded
 * as the checks module grades documents: a blocking entry refuses the text outright (nothing is
 * stored), a warning is stored with the comment for the moderator. Either way the comment waits
 * as `pending`: nothing a visitor writes is public before a moderator approves it.
 */
export async function enqueueComment(db: Db, deps: InteractionDeps, actor: Actor, altcha: string | undefined, c: NewComment): Promise<{ id: number; findings: Finding[] }> {
  const captcha = await checkCaptcha(deps.captcha, altcha, deps.clock.now());
  const results = await checkPublicText(db, c.body);
  if (hasBlocking(results)) {
    throw new AppError(CommentErrors['interaction.comments.blocked']);
  }
  const findings = toFindings(results);
  const id = await inTransaction(db, async (trx) => {
    await spendCaptcha(trx, captcha, deps.clock.now());
    const row = await trx.insertInto('comments').values({
      site_id: c.siteId, document_id: c.documentId, consultation_id: c.consultationId, clause_no: c.clauseNo,
      body: c.body, nickname: c.nickname, contact_enc: c.contactEnc, status: 'pending', findings: JSON.stringify(findings),
      submitted_at: deps.clock.now(), moderated_at: null, moderated_by: null,
    }).returning('id').executeTakeFirstOrThrow();
    const newId = Number(row.id);
    // The audit names the target, never the text or the contact (personal data stays out of the trail).
    await deps.audit.append(trx, actor, {
      action: c.consultationId === null ? 'interaction.comment.submit' : 'interaction.opinion.submit', result: 'success', targetType: 'comment', targetId: newId,
      detail: { siteId: c.siteId, documentId: c.documentId, consultationId: c.consultationId, clauseNo: c.clauseNo, findings: findings.length },
    });
    return newId;
  });
  return { id, findings };
}

export type Decision = 'approve' | 'reject';

const ALLOWED: Readonly<Record<Decision, readonly CommentStatus[]>> = {
  // A moderator may also take down a comment that is already public.
  approve: ['pending'],
  reject: ['pending', 'approved'],
};

const STATUS_LABELS: Readonly<Record<CommentStatus, string>> = { pending: '待审核', approved: '已公开', rejected: '未通过' };

/** Approve or reject one comment or opinion, by a moderator of its site; audited with the note. */
export async function moderateComment({ db, actor, commentId, decision, note, deps }: {
  db: Db; actor: Actor; commentId: number; decision: Decision; note: string; deps: InteractionDeps;
}): Promise<{ id: number; status: CommentStatus }> {
  const row = await db.selectFrom('comments').select(['id', 'site_id', 'status']).where('id', '=', commentId).executeTakeFirst();
  if (!row) throw new AppError(CommentErrors['interaction.comments.not_found']);
  await requireSiteInScope(db, actor, 'interaction.comments.moderate', Number(row.site_id));
  const to: CommentStatus = decision === 'approve' ? 'approved' : 'rejected';
  return inTransaction(db, async (trx) => {
    const r = await trx.updateTable('comments')
      .set({ status: to, moderated_at: deps.clock.now(), moderated_by: actor.userId, moderation_note: note.trim().slice(0, 500) })
      .where('id', '=', commentId).where('status', 'in', [...ALLOWED[decision]]).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) {
      throw new AppError(CommentErrors['interaction.comments.bad_decision'], { status: STATUS_LABELS[row.status], decision: decision === 'approve' ? '通过' : '不通过' });
    }
    await deps.audit.append(trx, actor, {
      action: `interaction.comment.${decision}`, result: 'success', targetType: 'comment', targetId: commentId,
      detail: { siteId: Number(row.site_id), from: row.status, to },
    });
    return { id: commentId, status: to };
  });
}

/**
 * 举报: a reader reports a public comment. It leaves the page at once and waits in the queue
 * again, with the count and the latest reason, until a moderator approves or rejects it anew.
 */
export async function reportComment({ db, actor, commentId, reason, siteId, deps }: {
  db: Db; actor: Actor; commentId: number; reason: string; deps: InteractionDeps;
  /** From a site's form: only that site's comments. */
  siteId?: number;
}): Promise<void> {
  // A report takes the comment off the page at once: not for a reason that says nothing.
  const why = requireText(reason, '举报理由', 'reason');
  await inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('comments').select(['id', 'site_id', 'status']).where('id', '=', commentId).executeTakeFirst();
    if (!row || (siteId !== undefined && Number(row.site_id) !== siteId)) throw new AppError(CommentErrors['interaction.comments.not_found']);
    const r = await trx.updateTable('comments')
      .set((eb) => ({ status: 'pending', report_count: eb('report_count', '+', 1), report_reason: why.slice(0, 500) }))
      .where('id', '=', commentId).where('status', '=', 'approved').executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError(CommentErrors['interaction.comments.not_reportable']);
    await deps.audit.append(trx, actor, {
      action: 'interaction.comment.report', result: 'success', targetType: 'comment', targetId: commentId, detail: { siteId: Number(row.site_id) },
    });
  });
}
