import { randomInt } from 'node:crypto';
import type { TestContext } from './platform.js';
import { signIn, type TestSession } from './session.js';
import type { Clock } from '../../src/platform/clock.js';
import { hashPassword } from '../../src/platform/crypto/index.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { createUser } from '../../src/platform/identity/operations/manage-users.js';
import { identityDeps } from '../../src/platform/identity/identity-deps.js';
import { getOrgByCode } from '../../src/platform/identity/orgs.repo.js';
import { ensureSiteMailbox, interactionDeps } from '../../src/modules/interaction/index.js';
import { getSite } from '../../src/modules/sites/index.js';
import { personalAad, sealPersonalData } from '../../src/modules/interaction/personal-data.js';
import { LETTER_FILES, PLANTED } from './letter-fixtures.js';

let n = 0;
/** Cheap password hashing for fixtures: the look-up verifies with the iterations stored in the hash. */
const FIXTURE_ITERATIONS = 1_000;

export interface SeededLetter {
  readonly id: number;
  readonly queryCode: string;
  readonly queryPassword: string;
}

/**
 * A letter written straight into the database as submission would (personal data sealed, due
 * date from the calendar, received now by the platform clock), without the captcha round trip,
 * so workflow tests can make many.
 */
export async function seedLetter(ctx: Pick<TestContext, 'platform'>, opts: { siteId?: number; isPublic?: boolean; body?: string; subject?: string } = {}): Promise<SeededLetter> {
  const db = ctx.platform.db;
  const deps = interactionDeps(ctx.platform);
  const site = await getSite(db, opts.siteId ?? 1);
  if (!site) throw new Error('site missing');
  const mailbox = await ensureSiteMailbox(db, deps, site);
  const now = ctx.platform.clock.now();
  const queryCode = `9${String(Date.now() % 1e7).padStart(7, '0')}${String(n++ % 100).padStart(2, '0')}${String(randomInt(0, 10_000)).padStart(4, '0')}`;
  const queryPassword = `PW${String(randomInt(100_000, 999_999))}`;
  const isPublic = opts.isPublic ?? false;
  const body = opts.body ?? '请问办理居住证需要哪些材料？';
  const dueAt = await deps.calendar.addWorkingDays(now, mailbox.deadlineDays);
  const stepDue = Math.min(dueAt, await deps.calendar.addWorkingDays(now, mailbox.acceptDays));
  const { id } = await db.insertInto('letters').values({
    site_id: site.id, mailbox_id: mailbox.id, query_code: queryCode, query_password_hash: await hashPassword(queryPassword, FIXTURE_ITERATIONS),
    letter_type: 'consultation', is_public: isPublic ? 1 : 0, subject: opts.subject ?? '关于办理居住证的咨询',
    body: isPublic ? body : deps.cipher.encrypt(body, `letters.body:${queryCode}`),
    ...sealPersonalData(deps.cipher, queryCode, PLANTED), status: 'received', idempotency_key: `seed-${queryCode}`,
    received_at: now, due_at: dueAt, step_due_at: stepDue, lookup_failures: 0, lookup_locked_until: null,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: Number(id), queryCode, queryPassword };
}

/** A PDF on a seeded letter, sealed as submit-letter.ts seals a letter's first file; returns its id. */
export async function seedLetterAttachment(ctx: Pick<TestContext, 'platform'>, letter: SeededLetter): Promise<number> {
  const cipher = interactionDeps(ctx.platform).cipher;
  const { id } = await ctx.platform.db.insertInto('letter_attachments').values({
    letter_id: letter.id, file_name: '证明.pdf', mime: 'application/pdf', size: LETTER_FILES.pdf.length,
    content_enc: cipher.encrypt(LETTER_FILES.pdf.toString('base64'), personalAad(letter.queryCode, 'attachment.0')), created_at: ctx.platform.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function orgIdByCode(ctx: TestContext, code: string): Promise<number> {
  const org = await getOrgByCode(ctx.platform.db, code);
  if (!org) throw new Error(`org ${code} missing`);
  return org.id;
}

/** A user with one role on one scope, signed in. */
export async function userWithGrant(ctx: TestContext, clock: Clock, role: 'interaction_handler' | 'platform_supervisor' | 'site_admin', scope: { type: 'org' | 'site'; id: number }, displayName: string): Promise<TestSession & { userId: number; username: string; password: string }> {
  const { user, initialPassword } = await createUser({ db: ctx.platform.db, actor: systemActor('test'), input: { username: `wf${Date.now().toString(36)}${n++}`, displayName, orgId: 1 }, deps: identityDeps(ctx.platform) });
  await ctx.platform.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
  await ctx.platform.db.insertInto('role_grants').values({ user_id: user.id, role, scope_type: scope.type, scope_id: scope.id, granted_by: null, granted_at: 0 }).execute();
  const session = await signIn(ctx.app, { username: user.username, password: initialPassword, totpSecret: null }, clock);
  return Object.assign(session, { userId: user.id, username: user.username, password: initialPassword });
}

/** Moves a letter along with the demo handler (who is scoped on the whole province) up to the wanted step. */
export async function letterAt(ctx: TestContext, handler: TestSession, step: 'accepted' | 'assigned' | 'reviewing', unitOrgId: number, opts: { isPublic?: boolean; body?: string } = {}): Promise<SeededLetter> {
  const letter = await seedLetter(ctx, opts);
  const act = async (body: Record<string, unknown>) => {
    const res = await handler.request('POST', `/api/v1/letters/${letter.id}/actions`, body);
    if (res.statusCode !== 200) throw new Error(`${String(body.action)}: ${res.statusCode} ${res.body}`);
  };
  await act({ action: 'accept' });
  if (step === 'accepted') return letter;
  await act({ action: 'assign', orgId: unitOrgId });
  if (step === 'assigned') return letter;
  await act({ action: 'draft_reply', text: '您好，办理居住证需要身份证和居住证明。' });
  return letter;
}
