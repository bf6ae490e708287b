import type { Db } from '../../db/index.js';
import { orgNamesByIds } from '../../platform/identity/orgs.repo.js';
import type { InteractionDeps } from './deps.js';
import type { LetterStatus, Satisfaction } from './interaction.tables.js';
import { openText } from './letter-transitions.js';
import { PUBLIC_REASON_ACTIONS, WORKFLOW, type WorkflowAction } from './letter-workflow.js';
import { SATISFACTION_LABELS } from './letter-types.js';
import type { LetterRow } from './letters.repo.js';

/** Steps the citizen sees. Internal ones (escalation, extension requests, a returned draft) stay inside. */
const PUBLIC_STEPS: ReadonlySet<string> = new Set<WorkflowAction>([
  'accept', 'refuse', 'merge', 'assign', 'send_back', 'forward', 'request_supplement', 'supplement', 'approve_extension', 'approve_reply', 'rate', 'reopen',
]);

const PUBLIC_STEP_NAMES: Partial<Record<WorkflowAction, string>> = {
  send_back: '退回重新分办', approve_reply: '已答复', approve_extension: '办理期限已延长',
};

export interface PublicStep {
  readonly action: string;
  readonly name: string;
  readonly at: number;
  /** The handling unit concerned; no person's name is ever shown. */
  readonly unit: string | null;
  /** Only for refusal, merge and the request for supplement: the citizen needs to know why or what. */
  readonly reason: string | null;
}

export interface PublicProgress {
  readonly handlingUnit: string | null;
  readonly clockPaused: boolean;
  readonly steps: PublicStep[];
  readonly reply: string | null;
  readonly repliedAt: number | null;
  readonly satisfaction: Satisfaction | null;
  readonly satisfactionName: string | null;
  readonly canSupplement: boolean;
  readonly canRate: boolean;
  readonly canReopen: boolean;
}

export async function orgNames(db: Db, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  return orgNamesByIds(db, ids.filter((x): x is number => x !== null));
}

/** A letter's history, oldest first, with the names of its handling unit and of every unit in it. */
export async function letterHistory(db: Db, row: LetterRow) {
  const history = await db.selectFrom('letter_history').selectAll().where('letter_id', '=', Number(row.id)).orderBy('id').execute();
  const unitId = row.handling_org_id === null ? null : Number(row.handling_org_id);
  const names = await orgNames(db, [unitId, ...history.map((h) => (h.org_id === null ? null : Number(h.org_id)))]);
  return { history, unitId, names };
}

export async function publicProgress(db: Db, deps: InteractionDeps, row: LetterRow): Promise<PublicProgress> {
  const { history, unitId, names } = await letterHistory(db, row);
  const status: LetterStatus = row.status;
  const replied = status === 'replied' || status === 'closed';
  return {
    handlingUnit: unitId === null ? null : names.get(unitId) ?? null,
    clockPaused: status === 'supplementing',
    steps: history.filter((h) => PUBLIC_STEPS.has(h.action)).map((h) => {
      const action = h.action as WorkflowAction;
      return {
        action, name: PUBLIC_STEP_NAMES[action] ?? WORKFLOW[action].zh, at: Number(h.at),
        unit: h.org_id === null ? null : names.get(Number(h.org_id)) ?? null,
        reason: PUBLIC_REASON_ACTIONS.has(action) && h.reason ? h.reason : null,
      };
    }),
    reply: replied ? openText(deps, row, 'reply', row.reply_text) : null,
    repliedAt: replied && row.replied_at !== null ? Number(row.replied_at) : null,
    satisfaction: row.satisfaction,
    satisfactionName: row.satisfaction === null ? null : SATISFACTION_LABELS[row.satisfaction],
    canSupplement: status === 'supplementing',
    canRate: status === 'replied',
    canReopen: replied && Number(row.reopen_count) === 0,
  };
}
