import type { Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import { hasPermissionOnOrg, hasPermissionOnSite, type Actor } from '../../platform/identity/actor.js';
import { getOrg, type OrgView } from '../../platform/identity/orgs.repo.js';
import type { WorkingCalendar } from '../../platform/contracts.js';
import { getSite, type SiteView } from '../sites/index.js';
import type { InteractionDeps } from './deps.js';
import { InteractionErrors } from './errors.js';
import type { LetterStatus, LettersTable } from './interaction.tables.js';
import { LETTER_STATUS_LABELS } from './letter-types.js';
import { OPEN_STATUSES, WORKFLOW, type DueState, type WorkflowAction, type WorkflowRole } from './letter-workflow.js';
import type { LetterRow } from './letters.repo.js';
import { personalAad } from './personal-data.js';

export async function requireLetter(db: Db, id: number): Promise<LetterRow> {
  const row = await db.selectFrom('letters').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError(InteractionErrors['interaction.letter.not_found']);
  return row;
}

/** The action must start from the letter's status: otherwise a stable 409 naming both in Chinese. */
export function requireTransition(row: LetterRow, action: WorkflowAction): void {
  if (!WORKFLOW[action].from.includes(row.status)) {
    throw new AppError(InteractionErrors['interaction.letter.illegal_transition'], { status: LETTER_STATUS_LABELS[row.status], action: WORKFLOW[action].zh });
  }
}

export function requireReason(action: WorkflowAction, reason: string | undefined): string {
  const r = (reason ?? '').trim();
  if (WORKFLOW[action].reasonRequired && !r) throw new AppError(InteractionErrors['interaction.letter.reason_required']);
  return r;
}

/**
 * Row-level access. Central steps need the handle permission on the letter's site; the handling
 * unit's steps need it on the unit's organization (a grant on the unit or an organization above
 * it); the supervisor's need the supervise permission on the site. Platform grants cover all.
 */
export async function requireActorRole(db: Db, actor: Actor, role: WorkflowRole, row: LetterRow): Promise<{ site: SiteView; unit: OrgView | undefined }> {
  const site = await getSite(db, Number(row.site_id));
  if (!site) throw new AppError(InteractionErrors['interaction.letter.not_found']);
  const unit = row.handling_org_id === null ? undefined : await getOrg(db, Number(row.handling_org_id));
  const scope = { siteId: site.id, orgPath: site.orgPath };
  const ok = role === 'central' ? hasPermissionOnSite(actor, 'interaction.letters.handle', scope)
    : role === 'unit' ? unit !== undefined && hasPermissionOnOrg(actor, 'interaction.letters.handle', unit.path)
      : role === 'supervisor' ? hasPermissionOnSite(actor, 'interaction.letters.supervise', scope)
        : true;
  if (!ok) throw new AppError(InteractionErrors['interaction.letter.out_of_scope']);
  return { site, unit };
}

export interface TransitionRecord {
  readonly action: WorkflowAction;
  readonly to: LetterStatus;
  readonly reason: string;
  readonly orgId?: number | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/**
 * Applies a transition inside the caller's transaction: a conditional update on the version read
 * (a concurrent transition that got there first makes this one affect no row: 409, nothing
 * written), then the history row and the audit event.
 */
export async function applyTransition(trx: Db, deps: InteractionDeps, actor: Actor, row: LetterRow, patch: Updateable<LettersTable>, rec: TransitionRecord): Promise<void> {
  const res = await trx.updateTable('letters').set({ ...patch, status: rec.to, version: Number(row.version) + 1 })
    .where('id', '=', Number(row.id)).where('version', '=', Number(row.version)).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(InteractionErrors['interaction.letter.conflict']);
  await recordHistory(trx, deps, actor, row, rec);
}

/** A history row and an audit event; also used for events that change no status (escalation). */
export async function recordHistory(trx: Db, deps: InteractionDeps, actor: Actor, row: LetterRow, rec: TransitionRecord): Promise<void> {
  const now = deps.clock.now();
  await trx.insertInto('letter_history').values({
    letter_id: Number(row.id), action: rec.action, from_status: row.status, to_status: rec.to, actor_kind: actor.kind,
    actor_user_id: actor.userId, actor_name: actor.displayName, org_id: rec.orgId ?? null, reason: rec.reason, at: now,
  }).execute();
  // The reason may quote the citizen; the audit keeps its length, the history keeps the text.
  await deps.audit.append(trx, actor, {
    action: `interaction.letter.${rec.action}`, result: 'success', targetType: 'letter', targetId: Number(row.id),
    detail: { siteId: Number(row.site_id), from: row.status, to: rec.to, reasonLength: rec.reason.length, ...(rec.orgId ? { orgId: rec.orgId } : {}), ...rec.detail },
  });
}

/** The deadline that matters now: the current step's, never later than the letter's. */
export function effectiveDue(row: Pick<LetterRow, 'due_at' | 'step_due_at'>): number {
  const due = Number(row.due_at);
  return row.step_due_at === null ? due : Math.min(due, Number(row.step_due_at));
}

/**
 * Colour of a letter in lists: overdue past the deadline, due_soon on the deadline's working day
 * or the working day before; normal otherwise, and for letters whose clock does not run
 * (answered, closed, or waiting for the citizen).
 */
export async function dueStateOf(calendar: WorkingCalendar, now: number, row: Pick<LetterRow, 'status' | 'due_at' | 'step_due_at'>): Promise<DueState> {
  if (!OPEN_STATUSES.includes(row.status)) return 'normal';
  const due = effectiveDue(row);
  if (now > due) return 'overdue';
  return (await calendar.workingDaysBetween(now, due)) <= 1 ? 'due_soon' : 'normal';
}

/** Working days left before a deadline (0 when it is today or past), for pausing the clock. */
export async function remainingWorkingDays(calendar: WorkingCalendar, now: number, due: number | null): Promise<number | null> {
  if (due === null) return null;
  if (due <= now) return 0;
  return calendar.workingDaysBetween(now, due);
}

/** Body and reply of a private letter are sealed like personal data; a public letter's are plain text. */
export function sealText(deps: InteractionDeps, row: Pick<LetterRow, 'is_public' | 'query_code'>, field: 'body' | 'reply', text: string): string {
  return Number(row.is_public) === 1 ? text : deps.cipher.encrypt(text, personalAad(row.query_code, field));
}

export function openText(deps: InteractionDeps, row: Pick<LetterRow, 'is_public' | 'query_code'>, field: 'body' | 'reply', stored: string | null): string | null {
  if (stored === null) return null;
  return Number(row.is_public) === 1 ? stored : deps.cipher.decrypt(stored, personalAad(row.query_code, field));
}
