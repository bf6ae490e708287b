import type { Db } from '../../db/index.js';
import type { PageAlertAction, PageAlertKind, PageAlertSource } from './delivery.tables.js';

export interface PageAlert {
  readonly id: number;
  readonly siteCode: string;
  readonly file: string;
  readonly kind: PageAlertKind;
  readonly detectedBy: PageAlertSource;
  readonly action: PageAlertAction;
  readonly detail: string;
  readonly createdAt: number;
  readonly acknowledgedBy: number | null;
  readonly acknowledgedAt: number | null;
  readonly ackNote: string | null;
}

export interface NewPageAlert {
  readonly siteCode: string;
  readonly file: string;
  readonly kind: PageAlertKind;
  readonly detectedBy: PageAlertSource;
  readonly action: PageAlertAction;
  readonly detail: string;
}

type Row = {
  id: number; site_code: string; file: string; kind: PageAlertKind; detected_by: PageAlertSource; action: PageAlertAction; detail: string;
  created_at: number; acknowledged_by: number | null; acknowledged_at: number | null; ack_note: string | null;
};

const n = (v: number | null): number | null => (v === null ? null : Number(v));

function toAlert(r: Row): PageAlert {
  return {
    id: Number(r.id), siteCode: r.site_code, file: r.file, kind: r.kind, detectedBy: r.detected_by, action: r.action, detail: r.detail,
    createdAt: Number(r.created_at), acknowledgedBy: n(r.acknowledged_by), acknowledgedAt: n(r.acknowledged_at), ackNote: r.ack_note,
  };
}

export async function insertPageAlert(db: Db, a: NewPageAlert, now: number): Promise<number> {
  const { id } = await db.insertInto('page_alerts').values({
    site_code: a.siteCode, file: a.file.slice(0, 1100), kind: a.kind, detected_by: a.detectedBy, action: a.action,
    detail: a.detail.slice(0, 2000), created_at: now, acknowledged_by: null, acknowledged_at: null, ack_note: null,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function getPageAlert(db: Db, id: number): Promise<PageAlert | undefined> {
  const r = await db.selectFrom('page_alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toAlert(r) : undefined;
}

export interface AlertFilter {
  /** Site codes the reader may see; null = every site (platform-wide grant). */
  readonly siteCodes: readonly string[] | null;
  readonly open?: boolean | undefined;
  readonly siteCode?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export async function listPageAlerts(db: Db, f: AlertFilter): Promise<{ total: number; items: PageAlert[] }> {
  if (f.siteCodes !== null && f.siteCodes.length === 0) return { total: 0, items: [] };
  let q = db.selectFrom('page_alerts');
  if (f.siteCodes !== null) q = q.where('site_code', 'in', [...f.siteCodes]);
  if (f.siteCode !== undefined) q = q.where('site_code', '=', f.siteCode);
  if (f.open === true) q = q.where('acknowledged_at', 'is', null);
  if (f.open === false) q = q.where('acknowledged_at', 'is not', null);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { total: Number(total), items: rows.map(toAlert) };
}

export async function markAcknowledged(db: Db, id: number, userId: number | null, note: string | null, now: number): Promise<boolean> {
  const r = await db.updateTable('page_alerts').set({ acknowledged_by: userId, acknowledged_at: now, ack_note: note })
    .where('id', '=', id).where('acknowledged_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
