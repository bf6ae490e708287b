import type { Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { getPublicDocument } from '../../content/index.js';
import { listSitesInScope, requireSiteInScope } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import type { CommentStatus } from './comments.tables.js';
import { maskedContact } from './contact.js';
import { parseFindings, type Finding } from './moderation.js';

export interface QueueItem {
  readonly id: number;
  readonly siteId: number;
  readonly siteName: string;
  readonly kind: 'comment' | 'opinion';
  readonly status: CommentStatus;
  /** The document's title, or the consultation's. */
  readonly targetTitle: string;
  readonly documentId: number | null;
  readonly consultationId: number | null;
  readonly clauseNo: number | null;
  readonly body: string;
  readonly nickname: string;
  /** Masked: moderators need to know that contact data was given, not read it. */
  readonly contact: string;
  readonly findings: Finding[];
  readonly reportCount: number;
  readonly reportReason: string;
  readonly submittedAt: number;
  readonly moderationNote: string;
}

/**
 * The moderation queue (pending by default) of one site, or of every site the moderator holds
 * the permission on: comments and consultation opinions together, oldest first.
 */
export async function moderationQueue({ db, actor, siteId, status, deps }: {
  db: Db; actor: Actor; siteId: number | undefined; status: CommentStatus; deps: InteractionDeps;
}): Promise<QueueItem[]> {
  const sites = siteId === undefined
    ? await listSitesInScope(db, actor, 'interaction.comments.moderate')
    : [await requireSiteInScope(db, actor, 'interaction.comments.moderate', siteId)];
  if (sites.length === 0) return [];
  const names = new Map(sites.map((s) => [s.id, s.name]));
  const rows = await db.selectFrom('comments').selectAll().where('site_id', 'in', [...names.keys()]).where('status', '=', status)
    .orderBy('id', status === 'pending' ? 'asc' : 'desc').limit(200).execute();
  const titles = new Map<string, string>();
  const consultationIds = [...new Set(rows.flatMap((r) => (r.consultation_id === null ? [] : [Number(r.consultation_id)])))];
  if (consultationIds.length > 0) {
    for (const c of await db.selectFrom('consultations').select(['id', 'title']).where('id', 'in', consultationIds).execute()) titles.set(`c${c.id}`, c.title);
  }
  for (const id of new Set(rows.flatMap((r) => (r.document_id === null ? [] : [Number(r.document_id)])))) {
    const pub = await getPublicDocument(db, id);
    titles.set(`d${id}`, pub?.edition?.title ?? `#${id}`);
  }
  return rows.map((r) => {
    const consultationId = r.consultation_id === null ? null : Number(r.consultation_id);
    const documentId = r.document_id === null ? null : Number(r.document_id);
    return {
      id: Number(r.id), siteId: Number(r.site_id), siteName: names.get(Number(r.site_id)) ?? '', kind: consultationId === null ? 'comment' : 'opinion', status: r.status,
      targetTitle: titles.get(consultationId === null ? `d${documentId}` : `c${consultationId}`) ?? '',
      documentId, consultationId, clauseNo: r.clause_no === null ? null : Number(r.clause_no),
      body: r.body, nickname: r.nickname, contact: maskedContact(deps.cipher, consultationId, r.contact_enc),
      findings: parseFindings(r.findings), reportCount: Number(r.report_count), reportReason: r.report_reason,
      submittedAt: Number(r.submitted_at), moderationNote: r.moderation_note,
    };
  });
}
