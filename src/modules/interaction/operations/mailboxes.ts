import { inTransaction, type Db } from '../../../db/index.js';
import { systemActor, type Actor } from '../../../platform/identity/actor.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { getSite, requireSiteInScope, type SiteView } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import { getMailbox, insertMailbox, listSiteMailboxes, siteMailboxOf, updateMailboxRow, type MailboxView } from '../mailboxes.repo.js';
import { requireText } from '../validate-letter.js';
import { MAILBOX_KIND_LABELS } from '../letter-types.js';

/**
 * Every site has a site mailbox (网站信箱). It is made the first time anyone needs it, so sites
 * registered before or after this module need no back-fill; the unique index settles a race.
 */
export async function ensureSiteMailbox(db: Db, deps: InteractionDeps, site: SiteView): Promise<MailboxView> {
  const existing = await siteMailboxOf(db, site.id);
  if (existing) return existing;
  await inTransaction(db, async (trx) => {
    const id = await insertMailbox(trx, {
      siteId: site.id, kind: 'site', name: MAILBOX_KIND_LABELS.site, description: '', deadlineDays: deps.defaultDeadlineDays, sortOrder: 0,
    }, deps.clock.now());
    if (id !== null) {
      await deps.audit.append(trx, systemActor('interaction'), {
        action: 'interaction.mailbox.create', result: 'success', targetType: 'mailbox', targetId: id,
        detail: { siteId: site.id, kind: 'site', deadlineDays: deps.defaultDeadlineDays },
      });
    }
  });
  const made = await siteMailboxOf(db, site.id);
  if (!made) throw new AppError(InteractionErrors['interaction.mailbox.not_found']);
  return made;
}

/** Mailboxes of a site for the console (site admin, handler in scope). */
export async function listMailboxes({ db, actor, siteId, deps }: { db: Db; actor: Actor; siteId: number; deps: InteractionDeps }): Promise<MailboxView[]> {
  const site = await requireSiteInScope(db, actor, 'interaction.mailboxes.read', siteId);
  await ensureSiteMailbox(db, deps, site);
  return listSiteMailboxes(db, site.id);
}

export interface CreateMailboxInput {
  readonly kind: 'leader' | 'department';
  readonly name: string;
  readonly description?: string | undefined;
  readonly deadlineDays?: number | undefined;
  readonly acceptDays?: number | undefined;
  readonly reviewDays?: number | undefined;
  readonly sortOrder?: number | undefined;
}

/** A leader's or a department's mailbox on a site (the site admin of that site). */
export async function createMailbox({ db, actor, siteId, input, deps }: { db: Db; actor: Actor; siteId: number; input: CreateMailboxInput; deps: InteractionDeps }): Promise<MailboxView> {
  const site = await requireSiteInScope(db, actor, 'interaction.mailboxes.manage', siteId);
  const name = requireText(input.name, '信箱名称', 'name');
  await ensureSiteMailbox(db, deps, site);
  const id = await inTransaction(db, async (trx) => {
    const deadlineDays = input.deadlineDays ?? deps.defaultDeadlineDays;
    const newId = await insertMailbox(trx, {
      siteId: site.id, kind: input.kind, name, description: input.description?.trim() ?? '', deadlineDays, acceptDays: input.acceptDays, reviewDays: input.reviewDays, sortOrder: input.sortOrder ?? 10,
    }, deps.clock.now());
    if (newId === null) throw new AppError(InteractionErrors['interaction.mailbox.not_found']);
    await deps.audit.append(trx, actor, {
      action: 'interaction.mailbox.create', result: 'success', targetType: 'mailbox', targetId: newId,
      detail: { siteId: site.id, kind: input.kind, name, deadlineDays },
    });
    return newId;
  });
  const mailbox = await getMailbox(db, id);
  if (!mailbox) throw new AppError(InteractionErrors['interaction.mailbox.not_found']);
  return mailbox;
}

export interface UpdateMailboxInput {
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly deadlineDays?: number | undefined;
  readonly acceptDays?: number | undefined;
  readonly reviewDays?: number | undefined;
  readonly sortOrder?: number | undefined;
  readonly isEnabled?: boolean | undefined;
}

/** Name, description, deadline in working days, order, enabled. A changed deadline applies to letters received from now on. */
export async function updateMailbox({ db, actor, mailboxId, input, deps }: { db: Db; actor: Actor; mailboxId: number; input: UpdateMailboxInput; deps: InteractionDeps }): Promise<MailboxView> {
  const before = await getMailbox(db, mailboxId);
  if (!before) throw new AppError(InteractionErrors['interaction.mailbox.not_found']);
  const site = await getSite(db, before.siteId);
  if (!site) throw new AppError(InteractionErrors['interaction.mailbox.not_found']);
  await requireSiteInScope(db, actor, 'interaction.mailboxes.manage', site.id);
  if (before.kind === 'site' && input.isEnabled === false) throw new AppError(InteractionErrors['interaction.mailbox.site_mailbox_fixed']);
  const name = input.name === undefined ? undefined : requireText(input.name, '信箱名称', 'name');
  await inTransaction(db, async (trx) => {
    await updateMailboxRow(trx, mailboxId, {
      ...(name !== undefined ? { name } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(input.deadlineDays !== undefined ? { deadline_days: input.deadlineDays } : {}),
      ...(input.acceptDays !== undefined ? { accept_days: input.acceptDays } : {}),
      ...(input.reviewDays !== undefined ? { review_days: input.reviewDays } : {}),
      ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
      ...(input.isEnabled !== undefined ? { is_enabled: input.isEnabled ? 1 : 0 } : {}),
      updated_at: deps.clock.now(),
    });
    await deps.audit.append(trx, actor, {
      action: 'interaction.mailbox.update', result: 'success', targetType: 'mailbox', targetId: mailboxId,
      detail: { siteId: site.id, before: { name: before.name, deadlineDays: before.deadlineDays, isEnabled: before.isEnabled }, changes: { ...input } },
    });
  });
  const after = await getMailbox(db, mailboxId);
  if (!after) throw new AppError(InteractionErrors['interaction.mailbox.not_found']);
  return after;
}
