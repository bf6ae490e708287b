import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import { shortLivedCache } from '../../platform/memo/short-lived-cache.js';
import type { MailboxKind, MailboxesTable } from './interaction.tables.js';
import { MAILBOX_KIND_LABELS } from './letter-types.js';

export interface MailboxView {
  readonly id: number;
  readonly siteId: number;
  readonly kind: MailboxKind;
  readonly kindName: string;
  readonly name: string;
  readonly description: string;
  readonly deadlineDays: number;
  /** Working days for acceptance (受理) and for reviewing a reply; handling gets `deadlineDays`. */
  readonly acceptDays: number;
  readonly reviewDays: number;
  readonly isEnabled: boolean;
  readonly sortOrder: number;
}

function toView(r: Selectable<MailboxesTable>): MailboxView {
  return {
    id: Number(r.id), siteId: Number(r.site_id), kind: r.kind, kindName: MAILBOX_KIND_LABELS[r.kind], name: r.name, description: r.description,
    deadlineDays: Number(r.deadline_days), acceptDays: Number(r.accept_days), reviewDays: Number(r.review_days), isEnabled: Number(r.is_enabled) === 1, sortOrder: Number(r.sort_order),
  };
}

export async function getMailbox(db: Db, id: number): Promise<MailboxView | undefined> {
  const r = await db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toView(r) : undefined;
}

/** Mailboxes a letter names, for the public form's posts; see short-lived-cache.ts (5 s across processes). */
const mailboxesById = shortLivedCache<MailboxView>(5000);

/** getMailbox through a few seconds' memory: the letter form reads its mailbox on every post. */
export async function getMailboxCached(db: Db, id: number): Promise<MailboxView | undefined> {
  return mailboxesById.get(db, String(id), (d) => getMailbox(d, id));
}

/** The site mailbox first, then by sort order. */
export async function listSiteMailboxes(db: Db, siteId: number, opts: { enabledOnly?: boolean } = {}): Promise<MailboxView[]> {
  let q = db.selectFrom('mailboxes').selectAll().where('site_id', '=', siteId);
  if (opts.enabledOnly) q = q.where('is_enabled', '=', 1);
  const rows = await q.orderBy('sort_order').orderBy('id').execute();
  return rows.map(toView).sort((a, b) => Number(b.kind === 'site') - Number(a.kind === 'site'));
}

export async function siteMailboxOf(db: Db, siteId: number): Promise<MailboxView | undefined> {
  const r = await db.selectFrom('mailboxes').selectAll().where('site_id', '=', siteId).where('kind', '=', 'site').executeTakeFirst();
  return r ? toView(r) : undefined;
}

export interface MailboxValues {
  readonly siteId: number;
  readonly kind: MailboxKind;
  readonly name: string;
  readonly description: string;
  readonly deadlineDays: number;
  /** Defaults (1 working day each) come from the column when not given. */
  readonly acceptDays?: number | undefined;
  readonly reviewDays?: number | undefined;
  readonly sortOrder: number;
}

/** Inserts a mailbox; null when the unique site-mailbox index says another one got there first. */
export async function insertMailbox(db: Db, v: MailboxValues, now: number): Promise<number | null> {
  mailboxesById.changed();
  const r = await db.insertInto('mailboxes').values({
    site_id: v.siteId, kind: v.kind, name: v.name, description: v.description, deadline_days: v.deadlineDays, is_enabled: 1,
    ...(v.acceptDays !== undefined ? { accept_days: v.acceptDays } : {}), ...(v.reviewDays !== undefined ? { review_days: v.reviewDays } : {}),
    sort_order: v.sortOrder, created_at: now, updated_at: now,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return r ? Number(r.id) : null;
}

export async function updateMailboxRow(db: Db, id: number, patch: Omit<Updateable<MailboxesTable>, 'id' | 'site_id' | 'kind' | 'created_at'>): Promise<void> {
  mailboxesById.changed();
  await db.updateTable('mailboxes').set(patch).where('id', '=', id).execute();
}
