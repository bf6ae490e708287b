import type { TestContext } from '../support/platform.js';
import type { TestSession } from '../support/session.js';
import type { ManualClock } from '../../src/platform/clock.js';
import { getOrgByCode } from '../../src/platform/identity/orgs.repo.js';
import type { Role } from '../../src/platform/identity/roles.js';
import { makeUser, signInFresh } from './columns-fixtures.js';

/** Shared helpers of the workflow-*.test.ts files. */
export interface Problem {
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly { field: string; code: string; message: string }[];
}

export interface EditionBody {
  readonly id: number;
  readonly status: string;
  readonly reviewStep: number;
  readonly publishedAt: number | null;
  readonly scheduledPublishAt: number | null;
  readonly scheduledUnpublishAt: number | null;
  readonly lockVersion: number;
}

export interface DocumentBody {
  readonly id: number;
  readonly status: string;
  readonly currentEditionId: number;
  readonly publishedEditionId: number | null;
  readonly firstPublishedAt: number | null;
  readonly lastPublishedAt: number | null;
  readonly withdrawnAt: number | null;
  readonly withdrawReason: string | null;
  readonly withdrawPublic: boolean;
  readonly isMajor: boolean;
  readonly interpretsId: number | null;
}

export interface WorkflowBody {
  readonly document: DocumentBody;
  readonly edition: EditionBody;
  readonly published: number[];
  readonly waitingFor: string | null;
  readonly checks?: { blocking: boolean; results: { rule: string; severity: string; field: string; message: string }[] };
}

/** A new user signed in with these roles granted on the organization with this code (e.g. '320000', '320100'). */
export async function userWithRoles(ctx: TestContext, clock: ManualClock, roles: readonly Role[], orgCode = '320000'): Promise<{ id: number; session: TestSession }> {
  const org = await getOrgByCode(ctx.platform.db, orgCode);
  if (!org) throw new Error(`no organization ${orgCode}`);
  const user = await makeUser(ctx, org.id);
  for (const role of roles) {
    await ctx.platform.db.insertInto('role_grants').values({ user_id: user.id, role, scope_type: 'org', scope_id: org.id, granted_by: null, granted_at: 0 }).execute();
  }
  return { id: user.id, session: await signInFresh(ctx, clock, user) };
}

/** The review_actions of an edition, oldest first, as `action:step` strings. */
export async function actionTrail(ctx: TestContext, editionId: number): Promise<string[]> {
  const rows = await ctx.platform.db.selectFrom('review_actions').select(['action', 'step']).where('edition_id', '=', editionId).orderBy('id').execute();
  return rows.map((r) => `${r.action}:${r.step}`);
}

export async function auditCount(ctx: TestContext, action: string, targetId: number): Promise<number> {
  const rows = await ctx.platform.db.selectFrom('audit_events').select('id').where('action', '=', action).where('target_id', '=', String(targetId)).execute();
  return rows.length;
}
