import { hasPermissionOnColumn, type Actor, type ColumnScope } from '../../platform/identity/actor.js';
import { ROLE_LABELS } from '../../platform/identity/roles.js';
import { SECRECY_STEP, type ColumnView } from '../columns/index.js';

export type StepRole = 'reviewer' | 'site_admin' | 'secrecy_reviewer';

/** One step of a column's review chain as the workflow runs it. */
export interface ReviewStep {
  readonly index: number;
  readonly name: string;
  readonly role: StepRole;
  readonly isSecrecy: boolean;
}

/**
 * The column's custom steps (e.g. 初审 → 复审), then always the secrecy review (保密审查):
 * the chain is never empty and the secrecy reviewer always has the last word before publication.
 */
export function reviewChain(column: Pick<ColumnView, 'workflow'>): ReviewStep[] {
  const custom = column.workflow.map((s, index) => ({ index, name: s.name, role: s.role as StepRole, isSecrecy: false }));
  return [...custom, { index: custom.length, name: SECRECY_STEP.name, role: SECRECY_STEP.role, isSecrecy: true }];
}

/**
 * The step an edition at `reviewStep` waits for. A chain shortened while the edition was in
 * review leaves it at the last step (the secrecy review), never past the end.
 */
export function stepAt(chain: readonly ReviewStep[], reviewStep: number): ReviewStep {
  return chain[Math.min(Math.max(reviewStep, 0), chain.length - 1)]!;
}

export function columnScope(column: ColumnView): ColumnScope {
  return { siteId: column.siteId, orgPath: column.orgPath, columnPath: column.path };
}

/**
 * Whether the actor holds the step's role on the column: reviewer steps accept anyone with
 * documents.review there (reviewers and site admins), a site-admin step only site admins, the
 * secrecy step only holders of documents.secrecy_review.
 */
export function canActOnStep(actor: Actor, step: ReviewStep, scope: ColumnScope): boolean {
  if (step.role === 'secrecy_reviewer') return hasPermissionOnColumn(actor, 'documents.secrecy_review', scope);
  if (step.role === 'site_admin') {
    const asSiteAdmin: Actor = { ...actor, grants: actor.grants.filter((g) => g.role === 'site_admin') };
    return hasPermissionOnColumn(asSiteAdmin, 'documents.review', scope);
  }
  return hasPermissionOnColumn(actor, 'documents.review', scope);
}

/** The role a step needs, in Chinese, for messages. */
export function stepRoleLabel(step: ReviewStep): string {
  return ROLE_LABELS[step.role].zh;
}

/** `第2步 复审`, as messages and history show a step. */
export function stepLabel(step: ReviewStep): string {
  return `第${step.index + 1}步 ${step.name}`;
}
