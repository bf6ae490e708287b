import type { Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { listSitesInScope, requireSiteInScope } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import type { LetterStatus, LetterType } from '../interaction.tables.js';
import { attachmentCounts, listLetterRows } from '../letters.repo.js';
import { dueStateOf } from '../letter-transitions.js';
import type { DueState } from '../letter-workflow.js';
import { LETTER_STATUS_LABELS } from '../letter-types.js';
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
  readonly statusName: string;
  readonly version: number;
  readonly handlingOrgId: number | null;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly stepDueAt: number | null;
  /** For colours in lists: normal, due_soon (deadline today or next working day), overdue. */
  readonly dueState: DueState;
  readonly attachmentCount: number;
  readonly citizen: MaskedPersonalData;
}

/**
 * Letters of the sites in the handler's scope (or of one of them), newest first (the desk queue:
 * soonest deadline first), with personal
 * data masked: the list is for finding letters; who may see a letter in full is the handling
 * workflow's decision, not a list's.
 */
export async function listLetters({ db, actor, input, deps }: { db: Db; actor: Actor; input: { siteId?: number | undefined; page: number; pageSize: number; queue?: 'desk' | undefined }; deps: InteractionDeps }): Promise<{ total: number; items: LetterListItem[] }> {
  const sites = input.siteId !== undefined
    ? [await requireSiteInScope(db, actor, 'interaction.letters.read', input.siteId)]
    : await listSitesInScope(db, actor, 'interaction.letters.read');
  const siteNames = new Map(sites.map((s) => [s.id, s.name]));
  const { total, rows } = await listLetterRows(db, sites.map((s) => s.id), input.page, input.pageSize, input.queue);
  const counts = await attachmentCounts(db, rows.map((r) => Number(r.id)));
  const mailboxNames = new Map<number, string>();
  for (const siteId of new Set(rows.map((r) => Number(r.site_id)))) {
    for (const m of await listSiteMailboxes(db, siteId)) mailboxNames.set(m.id, m.name);
  }
  const now = deps.clock.now();
  const states = await Promise.all(rows.map((r) => dueStateOf(deps.calendar, now, r)));
  return {
    total,
    items: rows.map((r, i) => ({
      id: Number(r.id), siteId: Number(r.site_id), siteName: siteNames.get(Number(r.site_id)) ?? '', mailboxId: Number(r.mailbox_id),
      mailboxName: mailboxNames.get(Number(r.mailbox_id)) ?? '', queryCode: r.query_code, letterType: r.letter_type, isPublic: Number(r.is_public) === 1,
      subject: r.subject, status: r.status, statusName: LETTER_STATUS_LABELS[r.status], version: Number(r.version),
      handlingOrgId: r.handling_org_id === null ? null : Number(r.handling_org_id), receivedAt: Number(r.received_at), dueAt: Number(r.due_at),
      stepDueAt: r.step_due_at === null ? null : Number(r.step_due_at), dueState: states[i] ?? 'normal', attachmentCount: counts.get(Number(r.id)) ?? 0,
      citizen: maskPersonalData(openPersonalData(deps.cipher, r.query_code, r)),
    })),
  };
}
