import type { TestContext } from '../support/platform.js';
import type { ManualClock } from '../../src/platform/clock.js';
import { signIn, type TestSession } from '../support/session.js';
import { createUser } from '../../src/platform/identity/operations/manage-users.js';
import { identityDeps } from '../../src/platform/identity/identity-deps.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { generateTotpSecret } from '../../src/platform/crypto/index.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import { columnsDeps, createColumn, type ColumnView, type CreateColumnInput } from '../../src/modules/columns/index.js';

/** Shared helpers of the columns-*.test.ts files. */
export interface Problem {
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly { field: string; code: string; message: string }[];
}

export interface ColumnBody {
  readonly id: number;
  readonly siteId: number;
  readonly parentId: number | null;
  readonly path: string;
  readonly name: string;
  readonly slug: string;
  readonly kind: string;
  readonly workflow: { name: string; role: string }[];
  readonly updateDays: number | null;
  readonly sortOrder: number;
  readonly visible: boolean;
  readonly linkUrl: string | null;
  readonly commentsEnabled: boolean;
  readonly status: string;
  readonly mergedIntoId: number | null;
}

export interface TreeBody {
  readonly site: { id: number; code: string; name: string };
  readonly canManage: boolean;
  readonly items: (ColumnBody & { depth: number; inScope: boolean })[];
}

/** Demo site codes (src/demo/seed-sites.ts). */
export const PROVINCE_PORTAL = '3200000001';
export const NANJING_PORTAL = '3201000001';

export async function siteId(ctx: TestContext, code: string): Promise<number> {
  const site = await getSiteByCode(ctx.platform.db, code);
  if (!site) throw new Error(`demo site ${code} missing`);
  return site.id;
}

let counter = 0;
export const uniqueSlug = (prefix = 't'): string => `${prefix}${Date.now().toString(36)}${counter++}`;

/** A column made directly through the operation (as the system), for tests that need one in place. */
export async function makeColumn(ctx: TestContext, site: number, input: Partial<CreateColumnInput> = {}): Promise<ColumnView> {
  return createColumn({
    db: ctx.platform.db, actor: systemActor('test'), siteId: site, deps: columnsDeps(ctx.platform),
    input: { name: `测试栏目${counter}`, slug: uniqueSlug(), kind: 'news', ...input },
  });
}

/** The demo column with this slug path on a site, e.g. ['zwdt', 'bmdt']. */
export async function demoColumn(ctx: TestContext, site: number, slugs: readonly string[]): Promise<{ id: number; path: string }> {
  let parentId: number | null = null;
  let found: { id: number; path: string } | undefined;
  for (const slug of slugs) {
    let q = ctx.platform.db.selectFrom('columns').select(['id', 'path']).where('site_id', '=', site).where('slug', '=', slug).where('status', '=', 'active');
    q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
    const row: { id: number; path: string } | undefined = await q.executeTakeFirst();
    if (!row) throw new Error(`demo column ${slugs.join('/')} missing`);
    found = { id: Number(row.id), path: row.path };
    parentId = found.id;
  }
  if (!found) throw new Error('empty slug path');
  return found;
}

/** A signed-in user of an organization with no roles yet (initial password already changed, TOTP set up). */
export async function makeUser(ctx: TestContext, orgId: number): Promise<{ id: number; username: string; password: string; totpSecret: string }> {
  const username = `col${Date.now().toString(36)}${counter++}`;
  const { user, initialPassword } = await createUser({ db: ctx.platform.db, actor: systemActor('test'), input: { username, displayName: `栏目测试${counter}`, orgId }, deps: identityDeps(ctx.platform) });
  const totpSecret = generateTotpSecret();
  await ctx.platform.db.updateTable('users').set({
    must_change_password: 0, totp_enabled: 1, totp_secret_enc: ctx.platform.cipher.encrypt(totpSecret, `totp:${user.id}`),
  }).where('id', '=', user.id).execute();
  return { id: user.id, username, password: initialPassword, totpSecret };
}

/** Signs in with a fresh TOTP time step (codes are single-use). */
export async function signInFresh(ctx: TestContext, clock: ManualClock, account: { username: string; password: string; totpSecret: string | null }): Promise<TestSession> {
  clock.advance(31_000);
  return signIn(ctx.app, account, clock);
}

export async function lastAudit(ctx: TestContext, action: string): Promise<{ actor_name: string; result: string; target_id: string | null; detail: string } | undefined> {
  return ctx.platform.db.selectFrom('audit_events').select(['actor_name', 'result', 'target_id', 'detail']).where('action', '=', action).orderBy('seq', 'desc').executeTakeFirst();
}

export async function columnRow(ctx: TestContext, id: number) {
  return ctx.platform.db.selectFrom('columns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
