import type { Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { hasPermissionOnOrg, hasPermissionOnSite, type Actor } from '../../../platform/identity/actor.js';
import { getOrg } from '../../../platform/identity/orgs.repo.js';
import { orgIdsInScope } from '../../../platform/identity/scope.js';
import { getSite, listSitesInScope } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import type { LetterStatus, LetterType } from '../interaction.tables.js';
import { LETTER_STATUS_LABELS, LETTER_TYPE_LABELS } from '../letter-types.js';
import { dueStateOf, effectiveDue, openText, requireLetter } from '../letter-transitions.js';
import { OPEN_STATUSES, WORKFLOW, type DueState, type WorkflowAction } from '../letter-workflow.js';
import { letterHistory, orgNames } from '../letter-progress.js';
import { byStepDeadline, type LetterRow } from '../letters.repo.js';
import { getMailbox, listSiteMailboxes } from '../mailboxes.repo.js';
import { maskFreeText } from '../mask-free-text.js';
import { maskPersonalData, openAttachmentName, openPersonalData, type MaskedPersonalData } from '../personal-data.js';

export interface LetterHistoryItem {
  readonly action: string;
  readonly actionName: string;
  readonly fromStatus: LetterStatus;
  readonly toStatus: LetterStatus;
  readonly actorName: string;
  readonly orgId: number | null;
  readonly orgName: string | null;
  readonly reason: string;
  readonly at: number;
}

export interface LetterDetail {
  readonly id: number;
  readonly siteId: number;
  readonly mailboxId: number;
  readonly mailboxName: string;
  readonly queryCode: string;
  readonly letterType: LetterType;
  readonly isPublic: boolean;
  readonly subject: string;
  readonly body: string;
  readonly status: LetterStatus;
  readonly statusName: string;
  readonly version: number;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly stepDueAt: number | null;
  readonly dueState: DueState;
  readonly handlingOrgId: number | null;
  readonly handlingOrgName: string | null;
  readonly mergedIntoId: number | null;
  readonly extension: { readonly days: number; readonly reason: string } | null;
  readonly reply: string | null;
  readonly replyBy: number | null;
  readonly repliedAt: number | null;
  readonly publishedAt: number | null;
  readonly satisfaction: string | null;
  readonly reopenCount: number;
  readonly citizen: MaskedPersonalData;
  readonly history: LetterHistoryItem[];
  readonly attachments: { readonly id: number; readonly fileName: string; readonly mime: string; readonly size: number }[];
  /** What this viewer may do now (their roles on this letter × its status), so the console shows only those buttons. */
  readonly allowedActions: string[];
}

/** The handler and supervisor actions the viewer may take on a letter in its status. */
function allowedActions(status: LetterStatus, roles: { central: boolean; unit: boolean; supervisor: boolean }, pendingExtension: boolean): string[] {
  const out: string[] = [];
  for (const [name, rule] of Object.entries(WORKFLOW) as [WorkflowAction, (typeof WORKFLOW)[WorkflowAction]][]) {
    if (!rule.from.includes(status)) continue;
    const ok = name === 'request_supplement' ? (status === 'assigned' ? roles.unit : roles.central)
      : rule.role === 'central' ? roles.central : rule.role === 'unit' ? roles.unit : rule.role === 'supervisor' ? roles.supervisor && pendingExtension : false;
    if (name === 'request_extension' && pendingExtension) continue;
    if (ok) out.push(name);
  }
  return out;
}

/**
 * The viewer's roles on a letter: central handler or supervisor of its site, or its handling
 * unit. Anyone else is refused (a letter of another site or unit is out of scope).
 */
export async function readerRoles(db: Db, actor: Actor, row: Pick<LetterRow, 'site_id' | 'handling_org_id'>): Promise<{ central: boolean; unit: boolean; supervisor: boolean }> {
  const site = await getSite(db, Number(row.site_id));
  if (!site) throw new AppError(InteractionErrors['interaction.letter.not_found']);
  const scope = { siteId: site.id, orgPath: site.orgPath };
  const unit = row.handling_org_id === null ? undefined : await getOrg(db, Number(row.handling_org_id));
  const roles = {
    central: hasPermissionOnSite(actor, 'interaction.letters.handle', scope),
    supervisor: hasPermissionOnSite(actor, 'interaction.letters.supervise', scope),
    unit: unit !== undefined && hasPermissionOnOrg(actor, 'interaction.letters.handle', unit.path),
  };
  if (!roles.central && !roles.supervisor && !roles.unit) throw new AppError(InteractionErrors['interaction.letter.out_of_scope']);
  return roles;
}

/**
 * A letter in full for those who handle it: the central handler of its site, its handling unit,
 * or the supervisor of its site. The body is shown (it is what is being handled); the writer's
 * personal data stays masked.
 */
export async function letterDetail({ db, actor, letterId, deps }: { db: Db; actor: Actor; letterId: number; deps: InteractionDeps }): Promise<LetterDetail> {
  const row = await requireLetter(db, letterId);
  const roles = await readerRoles(db, actor, row);
  const { history, unitId, names } = await letterHistory(db, row);
  const attachments = await db.selectFrom('letter_attachments').select(['id', 'file_name', 'file_name_enc', 'mime', 'size']).where('letter_id', '=', Number(row.id)).orderBy('id').execute();
  const mailbox = await getMailbox(db, Number(row.mailbox_id));
  return {
    id: Number(row.id), siteId: Number(row.site_id), mailboxId: Number(row.mailbox_id), mailboxName: mailbox?.name ?? '', queryCode: row.query_code,
    letterType: row.letter_type, isPublic: Number(row.is_public) === 1, subject: row.subject, body: openText(deps, row, 'body', row.body) ?? '',
    status: row.status, statusName: LETTER_STATUS_LABELS[row.status], version: Number(row.version), receivedAt: Number(row.received_at),
    dueAt: Number(row.due_at), stepDueAt: row.step_due_at === null ? null : Number(row.step_due_at), dueState: await dueStateOf(deps.calendar, deps.clock.now(), row),
    handlingOrgId: unitId, handlingOrgName: unitId === null ? null : names.get(unitId) ?? null,
    mergedIntoId: row.merged_into_id === null ? null : Number(row.merged_into_id),
    extension: row.extension_days === null ? null : { days: Number(row.extension_days), reason: row.extension_reason ?? '' },
    reply: openText(deps, row, 'reply', row.reply_text), replyBy: row.reply_by === null ? null : Number(row.reply_by),
    repliedAt: row.replied_at === null ? null : Number(row.replied_at), publishedAt: row.published_at === null ? null : Number(row.published_at),
    satisfaction: row.satisfaction, reopenCount: Number(row.reopen_count),
    citizen: maskPersonalData(openPersonalData(deps.cipher, row.query_code, row)),
    history: history.map((h) => ({
      action: h.action, actionName: WORKFLOW[h.action as WorkflowAction]?.zh ?? h.action, fromStatus: h.from_status, toStatus: h.to_status,
      actorName: h.actor_name, orgId: h.org_id === null ? null : Number(h.org_id), orgName: h.org_id === null ? null : names.get(Number(h.org_id)) ?? null,
      reason: h.reason, at: Number(h.at),
    })),
    attachments: attachments.map((a, i) => ({ id: Number(a.id), fileName: openAttachmentName(deps.cipher, row.query_code, i, a), mime: a.mime, size: Number(a.size) })),
    allowedActions: allowedActions(row.status, roles, row.extension_days !== null),
  };
}

export interface SupervisionItem {
  readonly id: number;
  readonly siteId: number;
  readonly siteName: string;
  readonly subject: string;
  readonly status: LetterStatus;
  readonly statusName: string;
  readonly handlingOrgName: string | null;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly effectiveDueAt: number;
  readonly dueState: DueState;
  readonly escalated: boolean;
  readonly extension: { readonly days: number; readonly reason: string } | null;
}

export interface SupervisionView {
  readonly overdue: SupervisionItem[];
  readonly dueSoon: SupervisionItem[];
  readonly pendingExtensions: SupervisionItem[];
  readonly notices: { id: number; siteId: number; letterId: number; kind: string; message: string; createdAt: number }[];
  /** Open letters per site by due state (the dashboard's chart). */
  readonly bySite: { siteId: number; siteName: string; overdue: number; dueSoon: number; normal: number }[];
}

/** The supervisor's dashboard (督办): open letters overdue or due soon, extensions to decide, and the notices of the sites in scope. */
export async function supervisionDashboard({ db, actor, input, deps }: { db: Db; actor: Actor; input: { siteId?: number | undefined }; deps: InteractionDeps }): Promise<SupervisionView> {
  const sites = (await listSitesInScope(db, actor, 'interaction.letters.supervise')).filter((s) => input.siteId === undefined || s.id === input.siteId);
  if (sites.length === 0) return { overdue: [], dueSoon: [], pendingExtensions: [], notices: [], bySite: [] };
  const siteNames = new Map(sites.map((s) => [s.id, s.name]));
  const ids = sites.map((s) => s.id);
  const rows = await db.selectFrom('letters').selectAll().where('site_id', 'in', ids).where('status', 'in', [...OPEN_STATUSES]).orderBy('due_at').limit(1000).execute();
  const names = await orgNames(db, rows.map((r) => (r.handling_org_id === null ? null : Number(r.handling_org_id))));
  const now = deps.clock.now();
  const items: SupervisionItem[] = [];
  for (const r of rows) {
    const unitId = r.handling_org_id === null ? null : Number(r.handling_org_id);
    items.push({
      id: Number(r.id), siteId: Number(r.site_id), siteName: siteNames.get(Number(r.site_id)) ?? '', subject: r.subject, status: r.status, statusName: LETTER_STATUS_LABELS[r.status],
      handlingOrgName: unitId === null ? null : names.get(unitId) ?? null, receivedAt: Number(r.received_at), dueAt: Number(r.due_at), effectiveDueAt: effectiveDue(r),
      dueState: await dueStateOf(deps.calendar, now, r), escalated: r.escalated_due_at !== null,
      extension: r.extension_days === null ? null : { days: Number(r.extension_days), reason: r.extension_reason ?? '' },
    });
  }
  const notices = await db.selectFrom('letter_notices').selectAll().where('site_id', 'in', ids).orderBy('id', 'desc').limit(200).execute();
  return {
    overdue: items.filter((i) => i.dueState === 'overdue'),
    dueSoon: items.filter((i) => i.dueState === 'due_soon'),
    pendingExtensions: items.filter((i) => i.extension !== null),
    notices: notices.map((n) => ({ id: Number(n.id), siteId: Number(n.site_id), letterId: Number(n.letter_id), kind: n.kind, message: n.message, createdAt: Number(n.created_at) })),
    bySite: countBySite(items),
  };
}

function countBySite(items: readonly SupervisionItem[]): SupervisionView['bySite'] {
  const out = new Map<number, { siteId: number; siteName: string; overdue: number; dueSoon: number; normal: number }>();
  for (const i of items) {
    const c = out.get(i.siteId) ?? { siteId: i.siteId, siteName: i.siteName, overdue: 0, dueSoon: 0, normal: 0 };
    if (i.dueState === 'overdue') c.overdue += 1;
    else if (i.dueState === 'due_soon') c.dueSoon += 1;
    else c.normal += 1;
    out.set(i.siteId, c);
  }
  return [...out.values()];
}

export interface PublishedLetter {
  readonly id: number;
  readonly mailboxName: string;
  readonly letterType: LetterType;
  readonly letterTypeName: string;
  readonly subject: string;
  readonly body: string;
  readonly reply: string;
  readonly handlingUnit: string | null;
  readonly receivedAt: number;
  readonly repliedAt: number;
}

export interface PublishedLettersQuery {
  readonly page: number;
  readonly pageSize: number;
  readonly letterId?: number | undefined;
  readonly mailboxId?: number | undefined;
  readonly letterType?: LetterType | undefined;
}

/**
 * Published letters (public letters whose reply was approved) of a site, newest answer first,
 * optionally of one mailbox or one type.
 * Subject, body and reply are masked again at every read: phone, ID and email numbers typed
 * into the text never reach a public page, even if the masking rules improve later.
 */
export async function publishedLetters(db: Db, siteId: number, query: PublishedLettersQuery): Promise<{ total: number; items: PublishedLetter[] }> {
  const { page, pageSize, letterId, mailboxId, letterType } = query;
  let q = db.selectFrom('letters').where('site_id', '=', siteId).where('published_at', 'is not', null).where('is_public', '=', 1);
  if (letterId !== undefined) q = q.where('id', '=', letterId);
  if (mailboxId !== undefined) q = q.where('mailbox_id', '=', mailboxId);
  if (letterType !== undefined) q = q.where('letter_type', '=', letterType);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  const names = await orgNames(db, rows.map((r) => (r.handling_org_id === null ? null : Number(r.handling_org_id))));
  const mailboxes = new Map((await listSiteMailboxes(db, siteId)).map((m) => [m.id, m.name]));
  return {
    total,
    items: rows.map((r) => ({
      id: Number(r.id), mailboxName: mailboxes.get(Number(r.mailbox_id)) ?? '', letterType: r.letter_type, letterTypeName: LETTER_TYPE_LABELS[r.letter_type],
      subject: maskFreeText(r.subject), body: maskFreeText(r.body), reply: maskFreeText(r.reply_text ?? ''),
      handlingUnit: r.handling_org_id === null ? null : names.get(Number(r.handling_org_id)) ?? null,
      receivedAt: Number(r.received_at), repliedAt: Number(r.replied_at ?? r.published_at),
    })),
  };
}

export interface UnitLetterItem {
  readonly id: number;
  readonly siteId: number;
  readonly subject: string;
  readonly status: LetterStatus;
  readonly statusName: string;
  readonly version: number;
  readonly handlingOrgId: number;
  readonly handlingOrgName: string;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly stepDueAt: number | null;
  readonly dueState: DueState;
  readonly extensionPending: boolean;
}

/**
 * The handling unit's work list: letters routed to an organization the handler acts for (a
 * grant on it or above it, selected in SQL), still with the unit or waiting for the review of
 * its reply.
 * Subjects only; the letter itself is read through the detail, which checks the same scope.
 * Soonest step deadline first (sorted in SQL), letters waiting for the citizen last.
 */
export async function unitLetters({ db, actor, deps }: { db: Db; actor: Actor; deps: InteractionDeps }): Promise<{ items: UnitLetterItem[] }> {
  const units = await orgIdsInScope(db, actor, 'interaction.letters.handle');
  if (units !== 'all' && units.length === 0) return { items: [] };
  let q = db.selectFrom('letters').selectAll().where('status', 'in', ['assigned', 'reviewing', 'supplementing']).where('handling_org_id', 'is not', null);
  if (units !== 'all') q = q.where('handling_org_id', 'in', units);
  const rows = await q.orderBy(byStepDeadline.paused).orderBy(byStepDeadline.deadline).orderBy('id').limit(2000).execute();
  const names = await orgNames(db, rows.map((r) => (r.handling_org_id === null ? null : Number(r.handling_org_id))));
  const now = deps.clock.now();
  const items: UnitLetterItem[] = [];
  for (const r of rows) {
    items.push({
      id: Number(r.id), siteId: Number(r.site_id), subject: r.subject, status: r.status, statusName: LETTER_STATUS_LABELS[r.status], version: Number(r.version),
      handlingOrgId: Number(r.handling_org_id), handlingOrgName: names.get(Number(r.handling_org_id)) ?? '', receivedAt: Number(r.received_at), dueAt: Number(r.due_at),
      stepDueAt: r.step_due_at === null ? null : Number(r.step_due_at), dueState: await dueStateOf(deps.calendar, now, r), extensionPending: r.extension_days !== null,
    });
  }
  return { items };
}
