import type { Db } from '../../db/index.js';

export interface ReplyTemplateView {
  readonly id: number;
  readonly siteId: number;
  readonly name: string;
  readonly body: string;
  readonly sortOrder: number;
  readonly updatedAt: number;
}

type Row = { id: number; site_id: number; name: string; body: string; sort_order: number; updated_at: number };

function toView(r: Row): ReplyTemplateView {
  return { id: Number(r.id), siteId: Number(r.site_id), name: r.name, body: r.body, sortOrder: Number(r.sort_order), updatedAt: Number(r.updated_at) };
}

export async function listSiteReplyTemplates(db: Db, siteId: number): Promise<ReplyTemplateView[]> {
  const rows = await db.selectFrom('letter_reply_templates').select(['id', 'site_id', 'name', 'body', 'sort_order', 'updated_at'])
    .where('site_id', '=', siteId).orderBy('sort_order').orderBy('id').execute();
  return rows.map(toView);
}

export async function getReplyTemplate(db: Db, id: number): Promise<ReplyTemplateView | undefined> {
  const r = await db.selectFrom('letter_reply_templates').select(['id', 'site_id', 'name', 'body', 'sort_order', 'updated_at']).where('id', '=', id).executeTakeFirst();
  return r ? toView(r) : undefined;
}

export async function insertReplyTemplate(db: Db, t: { siteId: number; name: string; body: string; sortOrder: number }, now: number): Promise<number> {
  const r = await db.insertInto('letter_reply_templates').values({ site_id: t.siteId, name: t.name, body: t.body, sort_order: t.sortOrder, created_at: now, updated_at: now })
    .returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateReplyTemplateRow(db: Db, id: number, patch: { name?: string; body?: string; sort_order?: number; updated_at: number }): Promise<void> {
  await db.updateTable('letter_reply_templates').set(patch).where('id', '=', id).execute();
}

export async function deleteReplyTemplateRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('letter_reply_templates').where('id', '=', id).execute();
}
