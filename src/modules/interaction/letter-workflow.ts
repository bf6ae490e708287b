import type { LetterStatus } from './interaction.tables.js';

/**
 * The handling workflow as data: which action may start from which status and where it leads.
 * Operations consult this table and nothing else, so an illegal transition is refused the same
 * way everywhere (`interaction.letter.illegal_transition`).
 *
 *   received ─accept→ accepted ─assign→ assigned ─draft_reply→ reviewing ─approve_reply→ replied ─rate→ closed
 *      │  └refuse/merge→ refused/merged   ↑  send_back ┘ ↺forward     └return_reply→ assigned     │
 *      └── request_supplement (from received, accepted, assigned) → supplementing ─supplement→ (back) │
 *                                                        reopen (once, from replied or closed) → assigned
 */
export type WorkflowAction =
  | 'accept' | 'refuse' | 'merge' | 'assign' | 'send_back' | 'forward' | 'request_extension'
  | 'request_supplement' | 'draft_reply' | 'approve_reply' | 'return_reply'
  | 'approve_extension' | 'reject_extension' | 'supplement' | 'rate' | 'reopen' | 'escalate' | 'alarm';

/** Who may take the action: the central handler of the site, the handling unit, the supervisor, the citizen, the system. */
export type WorkflowRole = 'central' | 'unit' | 'supervisor' | 'citizen' | 'system';

interface Rule {
  readonly from: readonly LetterStatus[];
  /** Null: the status does not change (or is decided by the operation, e.g. back from a pause). */
  readonly to: LetterStatus | null;
  readonly role: WorkflowRole;
  readonly reasonRequired: boolean;
  readonly zh: string;
}

export const WORKFLOW: Readonly<Record<WorkflowAction, Rule>> = {
  accept: { from: ['received'], to: 'accepted', role: 'central', reasonRequired: false, zh: '受理' },
  refuse: { from: ['received', 'accepted'], to: 'refused', role: 'central', reasonRequired: true, zh: '不予受理' },
  merge: { from: ['received', 'accepted'], to: 'merged', role: 'central', reasonRequired: false, zh: '合并办理' },
  assign: { from: ['accepted'], to: 'assigned', role: 'central', reasonRequired: false, zh: '转办' },
  send_back: { from: ['assigned'], to: 'accepted', role: 'unit', reasonRequired: true, zh: '退回' },
  forward: { from: ['assigned'], to: 'assigned', role: 'unit', reasonRequired: true, zh: '转交其他单位' },
  request_extension: { from: ['assigned'], to: null, role: 'unit', reasonRequired: true, zh: '申请延期' },
  request_supplement: { from: ['received', 'accepted', 'assigned'], to: 'supplementing', role: 'central', reasonRequired: true, zh: '请来信人补充材料' },
  draft_reply: { from: ['assigned'], to: 'reviewing', role: 'unit', reasonRequired: false, zh: '提交答复' },
  approve_reply: { from: ['reviewing'], to: 'replied', role: 'central', reasonRequired: false, zh: '答复审核通过' },
  return_reply: { from: ['reviewing'], to: 'assigned', role: 'central', reasonRequired: true, zh: '答复退回修改' },
  approve_extension: { from: ['assigned'], to: null, role: 'supervisor', reasonRequired: false, zh: '批准延期' },
  reject_extension: { from: ['assigned'], to: null, role: 'supervisor', reasonRequired: true, zh: '不批准延期' },
  supplement: { from: ['supplementing'], to: null, role: 'citizen', reasonRequired: false, zh: '来信人补充材料' },
  rate: { from: ['replied'], to: 'closed', role: 'citizen', reasonRequired: false, zh: '评价' },
  reopen: { from: ['replied', 'closed'], to: 'assigned', role: 'citizen', reasonRequired: true, zh: '申请重新办理' },
  escalate: { from: ['received', 'accepted', 'assigned', 'reviewing'], to: null, role: 'system', reasonRequired: false, zh: '超期督办' },
  alarm: { from: ['received', 'accepted', 'assigned', 'reviewing', 'supplementing'], to: null, role: 'system', reasonRequired: false, zh: '临近三个月未答复预警' },
};

/** Statuses whose clock runs: the letter is waiting for someone in the administration. */
export const OPEN_STATUSES: readonly LetterStatus[] = ['received', 'accepted', 'assigned', 'reviewing'];
/** Not yet answered (for the 3-month alarm): open or paused. */
export const UNANSWERED_STATUSES: readonly LetterStatus[] = [...OPEN_STATUSES, 'supplementing'];

/** The request for supplement (the citizen's, shown to them) and refusals are told to the citizen with their reason; internal reasons are not. */
export const PUBLIC_REASON_ACTIONS: ReadonlySet<string> = new Set(['refuse', 'merge', 'request_supplement']);

/** Days before the 3 calendar months (about 91 days) at which the site-level alarm is raised, so there is time to answer. */
export const THREE_MONTH_ALARM_DAYS = 80;

export type DueState = 'normal' | 'due_soon' | 'overdue';
