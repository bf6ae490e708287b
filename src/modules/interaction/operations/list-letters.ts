import type { Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { listSitesInScope, requireSiteInScope } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import type { LetterStatus, LetterType } from '../interaction.tables.js';
import { attachmentCounts, listLetterRows } from '../letters.repo.js';
import { listSiteMailboxes } from '../mailboxes.repo.js';
import { maskPersonalData, openPersonalData, type MaskedPersonalData } from '../personal-data.js';

export interface LetterListItem {
  readonly id: number;
  readonly siteId: number;
  readonly siteName: string;
  readonly mailboxId: number;
  readonly mailboxName: string;
  readonly queryCode: string;
  readonly letterType: LetterType;
  readonly isPublic: boolean;
  readonly subject: string;
  readonly status: LetterStatus;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly attachmentCount: number;
  readonly citizen: MaskedPersonalData;
}

/**
 * Letters of the sites in the handler's scope (or of one of them), newest first, with personal
 * data masked: the list is for finding letters; who may see a letter in full is the handling
 * workflow's decision, not a list's.
 */
export async function listLetters({ db, actor, input, deps }: { db: Db; actor: Actor; input: { siteId?: number | undefined; page: number; pageSize: number }; deps: InteractionDeps }): Promise<{ total: number; items: LetterListItem[] }> {
  const sites = input.siteId !== undefined
    ? [await requireSiteInScope(db, actor, 'interaction.letters.read', input.siteId)]
    : await listSitesInScope(db, actor, 'interaction.letters.read');
  const siteNames = new Map(sites.map((s) => [s.id, s.name]));
  const { total, rows } = await listLetterRows(db, sites.map((s) => s.id), input.page, input.pageSize);
  const counts = await attachmentCounts(db, rows.map((r) => Number(r.id)));
  const mailboxNames = new Map<number, string>();
  for (const siteId of new Set(rows.map((r) => Number(r.site_id)))) {
    for (const m of await listSiteMailboxes(db, siteId)) mailboxNames.set(m.id, m.name);
  }
  return {
    total,
    items: rows.map((r) => ({
      id: Number(r.id), siteId: Number(r.site_id), siteName: siteNames.get(Number(r.site_id)) ?? '', mailboxId: Number(r.mailbox_id),
      mailboxName: mailboxNames.get(Number(r.mailbox_id)) ?? '', queryCode: r.query_code, letterType: r.letter_type, isPublic: Number(r.is_public) === 1,
      subject: r.subject, status: r.status, receivedAt: Number(r.received_at), dueAt: Number(r.due_at), attachmentCount: counts.get(Number(r.id)) ?? 0,
      citizen: maskPersonalData(openPersonalData(deps.cipher, r.query_code, r)),
    })),
  };
}
