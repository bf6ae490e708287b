import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createUser } from '../../src/platform/identity/operations/manage-users.js';
import { identityDeps } from '../../src/platform/identity/identity-deps.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { inTransaction } from '../../src/db/index.js';
import { columnsDeps, createColumn } from '../../src/modules/columns/index.js';
import { ACCESS_MATRIX, PUBLIC_PREFIXES, ROLE_COLUMNS, SKIPPED } from './access-matrix.table.js';
import { Readable } from 'node:stream';
import { contentDeps } from '../../src/modules/content/content-deps.js';
import { createDocument } from '../../src/modules/content/operations/create-document.js';
import { uploadAttachment } from '../../src/modules/content/operations/upload-attachment.js';
import { multipartFile, SAMPLE_FILES } from '../support/content-fixtures.js';
import { documentInReview, fastTrackedDocument, NANJING_PORTAL_CODE, ONE_STEP, publishedDocument, workflowColumn, workflowDraft } from '../support/workflow-fixtures.js';
import { placementFixture } from '../support/placement-fixtures.js';
import { seedLetter, seedLetterAttachment } from '../support/letter-workflow-fixtures.js';
import { LETTER_STATISTICS_KIND } from '../../src/modules/interaction/index.js';
import { seedErrorReport } from '../support/error-report-fixtures.js';
import { formBody, seedOpenSurvey, surveyBody } from '../support/survey-fixtures.js';
import { idemKey, LETTER_FILES, letterJson, multipartBody, PORTAL_CODE, PORTAL_HOST, portalMailboxes, solvedCaptcha, stringFields } from '../support/letter-fixtures.js';
import { seedInterview, seedQuestion } from '../support/interview-fixtures.js';
import { FEEDBACK_REQUESTS } from '../support/feedback-matrix.js';

/** Demo account holding each role (see src/demo/seed-demo.ts). */
const ACCOUNT_OF_ROLE: Readonly<Record<string, string>> = {
  system_admin: 'sysadmin', security_admin: 'secadmin', audit_admin: 'auditor', platform_supervisor: 'supervisor',
  site_admin: 'siteadmin', editor: 'editor', reviewer: 'reviewer', secrecy_reviewer: 'secrecy',
  interaction_handler: 'handler', template_developer: 'templater',
};

type Prepared = { url: string; body?: unknown; headers?: Record<string, string> };
let counter = 0;

async function freshUserId(ctx: TestContext): Promise<number> {
  const { user } = await createUser({ db: ctx.platform.db, actor: systemActor('test'), input: { username: `m${Date.now().toString(36)}${counter++}`, displayName: '矩阵', orgId: 1 }, deps: identityDeps(ctx.platform) });
  return user.id;
}

async function job(ctx: TestContext, status: 'queued' | 'failed'): Promise<number> {
  const id = await inTransaction(ctx.platform.db, (trx) => ctx.platform.jobs.enqueue(trx, { kind: 'matrix.noop', runAt: ctx.platform.clock.now() + 86_400_000 }));
  if (status === 'failed') await ctx.platform.db.updateTable('jobs').set({ status: 'failed', last_error: 'x' }).where('id', '=', id).execute();
  return id;
}

async function dictionaryEntry(ctx: TestContext): Promise<number> {
  const { id } = await ctx.platform.db.insertInto('banned_expressions').values({ phrase: `矩阵待改${counter++}`, suggestion: '', category: 'miswritten', severity: 'warn', created_at: 0 }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A fresh empty column on the provincial portal (site 1), for the column write routes. */
async function freshColumn(ctx: TestContext): Promise<number> {
  const column = await createColumn({ db: ctx.platform.db, actor: systemActor('matrix'), siteId: 1, deps: columnsDeps(ctx.platform), input: { name: `矩阵栏目${counter}`, slug: `matrix${counter++}`, kind: 'news' } });
  return column.id;
}

/** One column of the provincial portal for the document routes, and one shared draft for the read-only ones (per test context). */
const documentFixtures = new WeakMap<TestContext, { columnId: number; shared?: { id: number; editionId: number; attachmentId: number } }>();

async function documentColumn(ctx: TestContext): Promise<number> {
  const fx = documentFixtures.get(ctx) ?? { columnId: await freshColumn(ctx) };
  documentFixtures.set(ctx, fx);
  return fx.columnId;
}

/** A fresh draft (with one attachment when asked) in the matrix column of the provincial portal. */
async function freshDocument(ctx: TestContext, withAttachment = false): Promise<{ id: number; editionId: number; attachmentId: number }> {
  const columnId = await documentColumn(ctx);
  const deps = contentDeps(ctx.platform);
  const { document, edition } = await createDocument({ db: ctx.platform.db, actor: systemActor('matrix'), deps, input: { columnId, kind: 'notice', title: `矩阵稿件${counter++}` } });
  const attachmentId = withAttachment ? (await uploadAttachment({ db: ctx.platform.db, actor: systemActor('matrix'), documentId: document.id, deps, file: { filename: '矩阵.pdf', stream: Readable.from([SAMPLE_FILES.pdf]), isTruncated: () => false } })).attachment.id : 0;
  return { id: document.id, editionId: edition.id, attachmentId };
}

/** The draft the read-only document routes share (reads change nothing, so one is enough). */
async function sharedDocument(ctx: TestContext): Promise<{ id: number; editionId: number; attachmentId: number }> {
  const existing = documentFixtures.get(ctx)?.shared;
  if (existing) return existing;
  const shared = await freshDocument(ctx, true);
  documentFixtures.get(ctx)!.shared = shared;
  return shared;
}

/** A request that succeeds for a permitted role. */
/** `role` is the role about to call, for routes whose valid request depends on it (each review step needs its own role). */
const REQUESTS: Readonly<Record<string, (ctx: TestContext, role: string) => Promise<Prepared>>> = {
  ...FEEDBACK_REQUESTS,
  'POST /api/v1/orgs': async () => ({ url: '/api/v1/orgs', body: { parentId: 1, name: `矩阵测试部门${counter++}`, kind: 'department' } }),
  'POST /api/v1/users': async () => ({ url: '/api/v1/users', body: { username: `matrix${counter++}`, displayName: '矩阵用户', orgId: 1 } }),
  'PATCH /api/v1/users/:id': async (ctx) => ({ url: `/api/v1/users/${await freshUserId(ctx)}`, body: { displayName: '改名' } }),
  'POST /api/v1/users/:id/reset-password': async (ctx) => ({ url: `/api/v1/users/${await freshUserId(ctx)}/reset-password` }),
  'POST /api/v1/users/:id/unlock': async (ctx) => ({ url: `/api/v1/users/${await freshUserId(ctx)}/unlock` }),
  'POST /api/v1/users/:id/reset-totp': async (ctx) => ({ url: `/api/v1/users/${await freshUserId(ctx)}/reset-totp` }),
  'POST /api/v1/grants': async (ctx) => ({ url: '/api/v1/grants', body: { userId: await freshUserId(ctx), role: 'editor', scopeType: 'org', scopeId: 1 } }),
  'DELETE /api/v1/grants/:id': async (ctx) => {
    const userId = await freshUserId(ctx);
    const { id } = await ctx.platform.db.insertInto('role_grants').values({ user_id: userId, role: 'editor', scope_type: 'org', scope_id: 1, granted_by: null, granted_at: 0 }).returning('id').executeTakeFirstOrThrow();
    return { url: `/api/v1/grants/${id}` };
  },
  'GET /api/v1/jobs/:id': async (ctx) => ({ url: `/api/v1/jobs/${await job(ctx, 'queued')}` }),
  'POST /api/v1/jobs/:id/retry': async (ctx) => ({ url: `/api/v1/jobs/${await job(ctx, 'failed')}/retry` }),
  'POST /api/v1/jobs/:id/cancel': async (ctx) => ({ url: `/api/v1/jobs/${await job(ctx, 'queued')}/cancel` }),
  'POST /api/v1/jobs/demo': async () => ({ url: '/api/v1/jobs/demo', body: { steps: 1, stepMs: 10 } }),
  'GET /api/v1/calendar/years/:year': async () => ({ url: '/api/v1/calendar/years/2026' }),
  'GET /api/v1/calendar/check': async () => ({ url: '/api/v1/calendar/check?date=2026-10-01&add=5' }),
  'POST /api/v1/calendar/import': async () => ({ url: '/api/v1/calendar/import', body: { csv: 'date,kind,name\n2030-01-01,holiday,元旦\n' } }),
  // Checks: each write gets its own dictionary entry, so every role's call is a fresh, valid request.
  'POST /api/v1/checks/dictionary': async () => ({ url: '/api/v1/checks/dictionary', body: { phrase: `矩阵词条${counter++}`, suggestion: '替换', category: 'miswritten', severity: 'warn' } }),
  'PATCH /api/v1/checks/dictionary/:id': async (ctx) => ({ url: `/api/v1/checks/dictionary/${await dictionaryEntry(ctx)}`, body: { severity: 'block' } }),
  'DELETE /api/v1/checks/dictionary/:id': async (ctx) => ({ url: `/api/v1/checks/dictionary/${await dictionaryEntry(ctx)}` }),
  'PUT /api/v1/checks/rules': async () => ({ url: '/api/v1/checks/rules', body: { severities: { bank_card: 'warn' } } }),
  'POST /api/v1/checks/run': async () => ({ url: '/api/v1/checks/run', body: { title: '通知', bodyHtml: '<p>联系电话 13800138000</p>', metadata: {}, requiredFields: [] } }),
  // Sites: site 1 is the provincial portal (owner: 江苏省人民政府, org 1), in every demo grant's scope.
  'GET /api/v1/sites/:id': async () => ({ url: '/api/v1/sites/1' }),
  'POST /api/v1/sites': async (ctx) => {
    const n = counter++;
    const { id } = await ctx.platform.db.insertInto('organizations').values({ parent_id: 1, code: `320000-m${n}`, name: `矩阵测试厅${n}`, kind: 'department', level: 'province', division_code: '320000', credit_code: null, path: '', sort_order: 0, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
    await ctx.platform.db.updateTable('organizations').set({ path: `/1/${id}/` }).where('id', '=', id).execute();
    return { url: '/api/v1/sites', body: { kind: 'department', ownerOrgId: id, name: `矩阵测试厅${n}`, code: `320000${String(5000 + n).padStart(4, '0')}`, primaryDomain: `m${n}.jiangsu.gov.cn` } };
  },
  'PATCH /api/v1/sites/:id': async () => ({ url: '/api/v1/sites/1', body: { hostUnit: '江苏省人民政府办公厅' } }),
  'PATCH /api/v1/sites/:id/settings': async () => ({ url: '/api/v1/sites/1/settings', body: { contact: { phone: '025-83391000' } } }),
  // Columns: on the provincial portal (site 1), in the demo site admin's scope.
  'GET /api/v1/sites/:siteId/columns': async () => ({ url: '/api/v1/sites/1/columns' }),
  'POST /api/v1/sites/:siteId/columns': async () => ({ url: '/api/v1/sites/1/columns', body: { name: '矩阵新栏目', slug: `matrixnew${counter++}`, kind: 'notice' } }),
  'PATCH /api/v1/columns/:id': async (ctx) => ({ url: `/api/v1/columns/${await freshColumn(ctx)}`, body: { name: '矩阵改名' } }),
  'POST /api/v1/columns/:id/move': async (ctx) => ({ url: `/api/v1/columns/${await freshColumn(ctx)}/move`, body: { parentId: await freshColumn(ctx), sortOrder: 0 } }),
  'POST /api/v1/columns/:id/merge': async (ctx) => ({ url: `/api/v1/columns/${await freshColumn(ctx)}/merge`, body: { intoId: await freshColumn(ctx) } }),
  'DELETE /api/v1/columns/:id': async (ctx) => ({ url: `/api/v1/columns/${await freshColumn(ctx)}` }),
  'POST /api/v1/documents': async (ctx) => ({ url: '/api/v1/documents', body: { columnId: await documentColumn(ctx), kind: 'notice', title: '矩阵新稿件' } }),
  'GET /api/v1/documents/:id': async (ctx) => ({ url: `/api/v1/documents/${(await sharedDocument(ctx)).id}` }),
  'PATCH /api/v1/documents/:id': async (ctx) => ({ url: `/api/v1/documents/${(await freshDocument(ctx)).id}`, body: { lockVersion: 1, title: '矩阵保存' } }),
  'GET /api/v1/documents/:id/editions': async (ctx) => ({ url: `/api/v1/documents/${(await sharedDocument(ctx)).id}/editions` }),
  'GET /api/v1/documents/:id/diff': async (ctx) => { const d = await sharedDocument(ctx); return { url: `/api/v1/documents/${d.id}/diff?from=${d.editionId}&to=${d.editionId}` }; },
  'POST /api/v1/documents/:id/attachments': async (ctx) => { const { payload, headers } = multipartFile('矩阵.pdf', SAMPLE_FILES.pdf); return { url: `/api/v1/documents/${(await freshDocument(ctx)).id}/attachments`, body: payload, headers }; },
  'GET /api/v1/attachments/:id/download': async (ctx) => ({ url: `/api/v1/attachments/${(await sharedDocument(ctx)).attachmentId}/download` }),
  'DELETE /api/v1/attachments/:id': async (ctx) => ({ url: `/api/v1/attachments/${(await freshDocument(ctx, true)).attachmentId}` }),
  // Review workflow: each call gets its own document in the state the route needs (审核 → 保密审查 columns).
  'POST /api/v1/documents/:id/submit': async (ctx) => ({ url: `/api/v1/documents/${(await workflowDraft(ctx.platform)).documentId}/submit`, body: {} }),
  'POST /api/v1/documents/:id/approve': async (ctx, role) => {
    const step = role === 'secrecy_reviewer' ? 1 : 0;
    return { url: `/api/v1/documents/${(await documentInReview(ctx.platform, { workflow: ONE_STEP, atStep: step })).documentId}/approve`, body: { step } };
  },
  'POST /api/v1/documents/:id/reject': async (ctx, role) => {
    const step = role === 'secrecy_reviewer' ? 1 : 0;
    return { url: `/api/v1/documents/${(await documentInReview(ctx.platform, { workflow: ONE_STEP, atStep: step })).documentId}/reject`, body: { step, reason: '矩阵退回' } };
  },
  'POST /api/v1/documents/:id/schedule': async (ctx) => ({ url: `/api/v1/documents/${(await workflowDraft(ctx.platform)).documentId}/schedule`, body: { publishAt: ctx.platform.clock.now() + 86_400_000 } }),
  'POST /api/v1/documents/:id/withdraw': async (ctx) => ({ url: `/api/v1/documents/${(await publishedDocument(ctx.platform)).documentId}/withdraw`, body: { reason: '矩阵撤稿', showPublicly: true } }),
  'POST /api/v1/documents/:id/fast-track': async (ctx) => ({ url: `/api/v1/documents/${(await workflowDraft(ctx.platform)).documentId}/fast-track`, body: { reason: '矩阵紧急发布' } }),
  'POST /api/v1/documents/:id/post-review': async (ctx) => ({ url: `/api/v1/documents/${(await fastTrackedDocument(ctx.platform)).documentId}/post-review`, body: {} }),
  'PUT /api/v1/documents/:id/policy-link': async (ctx) => ({ url: `/api/v1/documents/${(await workflowDraft(ctx.platform, { kind: 'policy' })).documentId}/policy-link`, body: { isMajor: true } }),
  'GET /api/v1/documents/:id/review': async (ctx) => ({ url: `/api/v1/documents/${(await workflowDraft(ctx.platform)).documentId}/review` }),
  // Resource library: every call gets its own published source and receiving column (or its own pending placement).
  'GET /api/v1/library': async () => ({ url: '/api/v1/library?q=%E9%80%9A%E7%9F%A5' }),
  'POST /api/v1/documents/:id/placements': async (ctx) => {
    const source = await publishedDocument(ctx.platform);
    const target = await workflowColumn(ctx.platform, { siteCode: NANJING_PORTAL_CODE });
    return { url: `/api/v1/documents/${source.documentId}/placements`, body: { columnId: target.id, mode: 'reference' } };
  },
  'GET /api/v1/documents/:id/placements': async (ctx) => ({ url: `/api/v1/documents/${(await placementFixture(ctx.platform)).sourceId}/placements` }),
  'GET /api/v1/placements': async () => ({ url: '/api/v1/placements?status=pending' }),
  'POST /api/v1/placements/:id/accept': async (ctx) => ({ url: `/api/v1/placements/${(await placementFixture(ctx.platform)).placement.id}/accept`, body: {} }),
  'POST /api/v1/placements/:id/decline': async (ctx) => ({ url: `/api/v1/placements/${(await placementFixture(ctx.platform)).placement.id}/decline`, body: { reason: '与本站定位不符' } }),
  'POST /api/v1/placements/:id/remove': async (ctx) => ({ url: `/api/v1/placements/${(await placementFixture(ctx.platform)).placement.id}/remove`, body: {} }),
  // Publishing: site 1 (the provincial portal) is in the demo site admin's scope; a rebuild job is created per call.
  'POST /api/v1/publishing/rebuild': async () => ({ url: '/api/v1/publishing/rebuild', body: { siteCode: '3200000001' } }),
  'GET /api/v1/publishing/jobs/:id': async (ctx) => {
    const { id } = await ctx.platform.db.insertInto('jobs').values({ kind: 'publishing.rebuild', payload: '{}', status: 'queued', run_at: 0, attempts: 0, max_attempts: 1, last_error: null, progress: 0, progress_message: '', result: null, locked_by: null, locked_until: null, schedule_name: null, created_by: null, created_at: 0, started_at: null, finished_at: null }).returning('id').executeTakeFirstOrThrow();
    return { url: `/api/v1/publishing/jobs/${id}` };
  },
  'GET /api/v1/sites/:id/theme': async () => ({ url: '/api/v1/sites/1/theme' }),
  'GET /api/v1/documents/:id/rendered': async (ctx) => ({ url: `/api/v1/documents/${(await sharedDocument(ctx)).id}/rendered` }),
  'GET /api/v1/preview-assets/:name': async () => ({ url: '/api/v1/preview-assets/site.css' }),
  'GET /api/v1/theme/templates': async () => ({ url: '/api/v1/theme/templates' }),
  'GET /api/v1/theme/template': async () => ({ url: '/api/v1/theme/template?name=partials/footer' }),
  'POST /api/v1/theme/preview': async () => ({ url: '/api/v1/theme/preview', body: { name: 'not-found', source: '{% layout "layout" %}{% block content %}<h1>矩阵</h1>{% endblock %}', page: 'not-found' } }),
  'PUT /api/v1/theme/template': async () => ({ url: '/api/v1/theme/template', body: { name: 'gone', source: '{% layout "layout" %}{% block content %}<h1>该信息已撤稿</h1>{% endblock %}', note: '矩阵' } }),
  'POST /api/v1/theme/template/revert': async () => ({ url: '/api/v1/theme/template/revert', body: { name: 'gone', note: '矩阵恢复' } }),
  'PUT /api/v1/sites/:id/theme': async () => ({ url: '/api/v1/sites/1/theme', body: { palette: 'blue', navColumns: [], homeBlocks: [], mourning: false } }),
  // Tamper alerts: each acknowledgement gets its own open alert on the provincial portal.
  'POST /api/v1/page-alerts/:id/acknowledge': async (ctx) => {
    const { id } = await ctx.platform.db.insertInto('page_alerts').values({ site_code: '3200000001', file: `/matrix${counter++}.html`, kind: 'modified', detected_by: 'watcher', action: 'restored', detail: 'matrix', created_at: 0, acknowledged_by: null, acknowledged_at: null, ack_note: null }).returning('id').executeTakeFirstOrThrow();
    return { url: `/api/v1/page-alerts/${id}/acknowledge`, body: {} };
  },
  // Search: the public API needs a query; the rebuild only enqueues its job.
  'GET /api/v1/public/search': async () => ({ url: '/api/v1/public/search?q=%E6%94%BF%E5%8A%A1' }),
  'GET /api/v1/public/search/suggest': async () => ({ url: '/api/v1/public/search/suggest?prefix=%E6%94%BF' }),
  // Letters: every public call carries its own solved captcha and idempotency key; the admin routes use the provincial portal (site 1).
  'GET /api/v1/public/sites/:siteCode/mailboxes': async () => ({ url: `/api/v1/public/sites/${PORTAL_CODE}/mailboxes` }),
  'POST /api/v1/public/sites/:siteCode/letters': async (ctx) => ({
    url: `/api/v1/public/sites/${PORTAL_CODE}/letters`, body: letterJson((await portalMailboxes(ctx.app))[0]!.id, await solvedCaptcha(ctx.app)), headers: { 'idempotency-key': idemKey() },
  }),
  'POST /api/v1/public/letters/lookup': async (ctx) => ({ url: '/api/v1/public/letters/lookup', body: await matrixReceipt(ctx) }),
  'POST /letters.html': async (ctx) => {
    const { payload, headers } = multipartBody(stringFields(letterJson((await portalMailboxes(ctx.app))[0]!.id, await solvedCaptcha(ctx.app), { idempotencyKey: idemKey() })));
    return { url: '/letters.html', body: payload, headers: { ...headers, host: PORTAL_HOST } };
  },
  'POST /letters/query.html': async (ctx) => {
    const { payload, headers } = multipartBody(await matrixReceipt(ctx));
    return { url: '/letters/query.html', body: payload, headers: { ...headers, host: PORTAL_HOST } };
  },
  'GET /api/v1/letters': async () => ({ url: '/api/v1/letters?siteId=1' }),
  'GET /api/v1/sites/:siteId/mailboxes': async () => ({ url: '/api/v1/sites/1/mailboxes' }),
  'POST /api/v1/sites/:siteId/mailboxes': async () => ({ url: '/api/v1/sites/1/mailboxes', body: { kind: 'department', name: `矩阵部门信箱${counter++}`, deadlineDays: 7 } }),
  'PATCH /api/v1/mailboxes/:id': async (ctx) => {
    const { id } = await ctx.platform.db.insertInto('mailboxes').values({ site_id: 1, kind: 'leader', name: `矩阵信箱${counter++}`, description: '', deadline_days: 5, is_enabled: 1, sort_order: 10, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
    return { url: `/api/v1/mailboxes/${id}`, body: { deadlineDays: 8 } };
  },
  // Letter workflow: each call gets a fresh letter in the state its action needs (seeded without the captcha round trip).
  'GET /api/v1/letters/:id': async (ctx) => ({ url: `/api/v1/letters/${(await seedLetter(ctx)).id}` }),
  'GET /api/v1/letters/:id/attachments/:attachmentId': async (ctx) => {
    const letter = await seedLetter(ctx);
    return { url: `/api/v1/letters/${letter.id}/attachments/${await seedLetterAttachment(ctx, letter)}` };
  },
  'POST /api/v1/letters/:id/actions': async (ctx) => ({ url: `/api/v1/letters/${(await seedLetter(ctx)).id}/actions`, body: { action: 'accept' } }),
  'POST /api/v1/letters/:id/extension-decision': async (ctx) => {
    const { id } = await seedLetter(ctx);
    await ctx.platform.db.updateTable('letters').set({ status: 'assigned', handling_org_id: 1, extension_days: 2, extension_reason: '矩阵' }).where('id', '=', id).execute();
    return { url: `/api/v1/letters/${id}/extension-decision`, body: { decision: 'approve' } };
  },
  'POST /api/v1/public/letters/feedback': async (ctx) => {
    const letter = await seedLetter(ctx);
    await ctx.platform.db.updateTable('letters').set({ status: 'replied', handling_org_id: 1, replied_at: 0 }).where('id', '=', letter.id).execute();
    return { url: '/api/v1/public/letters/feedback', body: { queryCode: letter.queryCode, queryPassword: letter.queryPassword, action: 'rate', satisfaction: 'satisfied' } };
  },
  // Surveys: the provincial portal (site 1), in the site admin's and the editor's scope; each call gets its own survey.
  'GET /api/v1/sites/:siteId/surveys': async () => ({ url: '/api/v1/sites/1/surveys' }),
  'POST /api/v1/sites/:siteId/surveys': async () => ({ url: '/api/v1/sites/1/surveys', body: surveyBody() }),
  'GET /api/v1/surveys/:id': async (ctx) => ({ url: `/api/v1/surveys/${(await seedOpenSurvey(ctx)).id}` }),
  'PUT /api/v1/surveys/:id': async (ctx) => ({ url: `/api/v1/surveys/${(await seedOpenSurvey(ctx)).id}`, body: { ...surveyBody(), version: 0 } }),
  'POST /api/v1/surveys/:id/state': async (ctx) => ({ url: `/api/v1/surveys/${(await seedOpenSurvey(ctx)).id}/state`, body: { resultsPublic: true } }),
  'GET /api/v1/surveys/:id/results': async (ctx) => ({ url: `/api/v1/surveys/${(await seedOpenSurvey(ctx)).id}/results` }),
  'GET /api/v1/surveys/:id/questions/:questionId/answers': async (ctx) => {
    const { id } = await seedOpenSurvey(ctx);
    const q = await ctx.platform.db.insertInto('survey_questions').values({ survey_id: id, position: 2, kind: 'text', title: '建议', required: 0, config: '{"maxLength":100}' }).returning('id').executeTakeFirstOrThrow();
    return { url: `/api/v1/surveys/${id}/questions/${q.id}/answers` };
  },
  'GET /api/v1/surveys/:id/responses.csv': async (ctx) => ({ url: `/api/v1/surveys/${(await seedOpenSurvey(ctx)).id}/responses.csv` }),
  'POST /survey.html': async (ctx) => {
    const { id, questionId } = await seedOpenSurvey(ctx);
    const { payload, headers } = formBody([[`q${questionId}`, '0'], ['altcha', await solvedCaptcha(ctx.app)]]);
    return { url: `/survey.html?id=${id}`, body: payload, headers: { ...headers, host: PORTAL_HOST } };
  },
  'GET /api/v1/public/sites/:siteCode/published-letters': async () => ({ url: `/api/v1/public/sites/${PORTAL_CODE}/published-letters` }),
  // 在线访谈 on the provincial portal (site 1): writes get their own interview or question per call.
  'GET /api/v1/interviews': async () => ({ url: '/api/v1/interviews?siteId=1' }),
  'POST /api/v1/sites/:siteId/interviews': async (ctx) => ({ url: '/api/v1/sites/1/interviews', body: { title: `矩阵访谈${counter++}`, guests: [{ name: '嘉宾', title: '', org: '' }], scheduledStart: ctx.platform.clock.now() + 3_600_000, scheduledEnd: ctx.platform.clock.now() + 7_200_000 } }),
  'GET /api/v1/interviews/:id': async (ctx) => ({ url: `/api/v1/interviews/${(await seedInterview(ctx.platform)).id}` }),
  'PATCH /api/v1/interviews/:id': async (ctx) => ({ url: `/api/v1/interviews/${(await seedInterview(ctx.platform)).id}`, body: { topic: '矩阵主题' } }),
  'POST /api/v1/interviews/:id/status': async (ctx) => ({ url: `/api/v1/interviews/${(await seedInterview(ctx.platform)).id}/status`, body: { action: 'start' } }),
  'GET /api/v1/interviews/:id/questions': async (ctx) => ({ url: `/api/v1/interviews/${(await seedInterview(ctx.platform)).id}/questions` }),
  'POST /api/v1/interview-questions/:id/decision': async (ctx) => ({ url: `/api/v1/interview-questions/${await seedQuestion(ctx.platform, (await seedInterview(ctx.platform)).id)}/decision`, body: { decision: 'approve' } }),
  'POST /api/v1/interviews/:id/entries': async (ctx) => ({ url: `/api/v1/interviews/${(await seedInterview(ctx.platform, 'live')).id}/entries`, body: { kind: 'remark', body: '矩阵发言' } }),
  'POST /api/v1/interviews/:id/images': async (ctx) => {
    const { payload, headers } = multipartBody({}, [{ field: 'file', name: 'm.png', content: LETTER_FILES.png, type: 'image/png' }]);
    return { url: `/api/v1/interviews/${(await seedInterview(ctx.platform)).id}/images`, body: payload, headers };
  },
  'GET /api/v1/public/sites/:siteCode/interviews': async () => ({ url: `/api/v1/public/sites/${PORTAL_CODE}/interviews` }),
  'GET /api/v1/public/interviews/:id': async (ctx) => ({ url: `/api/v1/public/interviews/${(await seedInterview(ctx.platform)).id}` }),
  'POST /api/v1/public/interviews/:id/questions': async (ctx) => ({ url: `/api/v1/public/interviews/${(await seedInterview(ctx.platform)).id}/questions`, body: { body: '矩阵提问', altcha: await solvedCaptcha(ctx.app) } }),
  'GET /api/v1/public/interview-images/:id': async (ctx) => {
    const { id } = await ctx.platform.db.insertInto('interview_images').values({ interview_id: (await seedInterview(ctx.platform)).id, file_name: 'm.png', mime: 'image/png', size: LETTER_FILES.png.length, content: LETTER_FILES.png.toString('base64'), created_at: 0 }).returning('id').executeTakeFirstOrThrow();
    return { url: `/api/v1/public/interview-images/${id}` };
  },
  'POST /interviews/question.html': async (ctx) => {
    const { payload, headers } = multipartBody({ interviewId: String((await seedInterview(ctx.platform)).id), body: '矩阵表单提问', altcha: await solvedCaptcha(ctx.app) });
    return { url: '/interviews/question.html', body: payload, headers: { ...headers, host: PORTAL_HOST } };
  },
  'GET /api/v1/public/sites/:siteCode/published-letters/:id': async (ctx) => {
    const { id } = await seedLetter(ctx, { isPublic: true });
    await ctx.platform.db.updateTable('letters').set({ status: 'replied', reply_text: '答复', replied_at: 1, published_at: 1 }).where('id', '=', id).execute();
    return { url: `/api/v1/public/sites/${PORTAL_CODE}/published-letters/${id}` };
  },
  'GET /api/v1/public/sites/:siteCode/letter-statistics': async () => ({ url: `/api/v1/public/sites/${PORTAL_CODE}/letter-statistics` }),
  'GET /api/v1/letter-statistics': async () => ({ url: '/api/v1/letter-statistics' }),
  'POST /api/v1/letter-statistics/refresh': async () => ({ url: '/api/v1/letter-statistics/refresh' }),
  'GET /api/v1/letter-statistics/refresh/:id': async (ctx) => {
    const id = await inTransaction(ctx.platform.db, (trx) => ctx.platform.jobs.enqueue(trx, { kind: LETTER_STATISTICS_KIND, runAt: ctx.platform.clock.now() + 86_400_000 }));
    return { url: `/api/v1/letter-statistics/refresh/${id}` };
  },
  'POST /api/v1/public/sites/:siteCode/error-reports': async (ctx) => ({
    url: `/api/v1/public/sites/${PORTAL_CODE}/error-reports`, headers: { 'idempotency-key': idemKey() },
    body: { errorType: 'typo', pageUrl: '/index.html', description: '矩阵纠错', altcha: await solvedCaptcha(ctx.app) },
  }),
  'POST /api/v1/public/error-reports/lookup': async (ctx) => {
    const id = await seedErrorReport(ctx);
    const { query_code } = await ctx.platform.db.selectFrom('error_reports').select('query_code').where('id', '=', id).executeTakeFirstOrThrow();
    return { url: '/api/v1/public/error-reports/lookup', body: { queryCode: query_code } };
  },
  'POST /corrections.html': async (ctx) => {
    const { payload, headers } = multipartBody({ errorType: 'typo', pageUrl: '/index.html', description: '矩阵纠错', altcha: await solvedCaptcha(ctx.app) });
    return { url: '/corrections.html', body: payload, headers: { ...headers, host: PORTAL_HOST } };
  },
  'POST /corrections/query.html': async (ctx) => {
    const id = await seedErrorReport(ctx);
    const { query_code } = await ctx.platform.db.selectFrom('error_reports').select('query_code').where('id', '=', id).executeTakeFirstOrThrow();
    const { payload, headers } = multipartBody({ queryCode: query_code });
    return { url: '/corrections/query.html', body: payload, headers: { ...headers, host: PORTAL_HOST } };
  },
  'GET /api/v1/error-reports': async () => ({ url: '/api/v1/error-reports?box=all' }),
  'GET /api/v1/error-reports/stats': async () => ({ url: '/api/v1/error-reports/stats' }),
  'GET /api/v1/error-reports/:id': async (ctx) => ({ url: `/api/v1/error-reports/${await seedErrorReport(ctx)}` }),
  'POST /api/v1/error-reports/:id/triage': async (ctx) => ({ url: `/api/v1/error-reports/${await seedErrorReport(ctx)}/triage`, body: { action: 'forward' } }),
  'POST /api/v1/error-reports/:id/answer': async (ctx) => ({ url: `/api/v1/error-reports/${await seedErrorReport(ctx, 'forwarded')}/answer`, body: { action: 'fix', answer: '已改正' } }),
  'GET /api/v1/supervision/error-reports': async () => ({ url: '/api/v1/supervision/error-reports' }),
  // Reply templates of the provincial portal (site 1), each call on a fresh row.
  'GET /api/v1/sites/:siteId/reply-templates': async () => ({ url: '/api/v1/sites/1/reply-templates' }),
  'POST /api/v1/sites/:siteId/reply-templates': async () => ({ url: '/api/v1/sites/1/reply-templates', body: { name: `矩阵模板${counter++}`, body: '{{来信人}}：您好。' } }),
  'PATCH /api/v1/reply-templates/:id': async (ctx) => ({ url: `/api/v1/reply-templates/${await seedTemplate(ctx)}`, body: { sortOrder: 3 } }),
  'DELETE /api/v1/reply-templates/:id': async (ctx) => ({ url: `/api/v1/reply-templates/${await seedTemplate(ctx)}` }),
  'GET /api/v1/letters/:id/reply-templates': async (ctx) => ({ url: `/api/v1/letters/${(await seedLetter(ctx)).id}/reply-templates` }),
  'GET /api/v1/handling-units': async () => ({ url: '/api/v1/handling-units' }),
  'GET /api/v1/interaction/sites': async () => ({ url: '/api/v1/interaction/sites' }),
};

async function seedTemplate(ctx: TestContext): Promise<number> {
  const { id } = await ctx.platform.db.insertInto('letter_reply_templates').values({ site_id: 1, name: `矩阵模板${counter++}`, body: '您好', created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** A fresh letter on the provincial portal, and its receipt as the look-up wants it. */
async function matrixReceipt(ctx: TestContext): Promise<{ queryCode: string; queryPassword: string }> {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/public/sites/${PORTAL_CODE}/letters`, payload: letterJson((await portalMailboxes(ctx.app))[0]!.id, await solvedCaptcha(ctx.app)) });
  const { queryCode, queryPassword } = res.json<{ queryCode: string; queryPassword: string }>();
  return { queryCode, queryPassword };
}

for (const engine of selectedEngines()) {
  describe(`role × route access matrix [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    const sessions = new Map<string, TestSession>();
    before(async () => {
      ctx = await createTestContext(engine, { clock });
      ctx.platform.jobs.define('matrix.noop', async () => null);
      for (const [role, username] of Object.entries(ACCOUNT_OF_ROLE)) {
        clock.advance(31_000); // TOTP codes are single-use per time step
        sessions.set(role, await signIn(ctx.app, ctx.accounts[username]!, clock));
      }
    });
    after(async () => { await ctx.close(); });

    test('the table lists every route the app serves', () => {
      const served = ctx.app.jiyueRoutes()
        .filter((r) => r.method !== 'HEAD' && !PUBLIC_PREFIXES.some((p) => r.url === p || r.url.startsWith(`${p}/`)))
        .map((r) => `${r.method} ${r.url}`);
      const listed = new Set([...Object.keys(ACCESS_MATRIX), ...Object.keys(SKIPPED)]);
      const missing = served.filter((k) => !listed.has(k));
      assert.deepEqual(missing, [], 'add these routes to test/integration/access-matrix.table.ts');
      const stale = [...listed].filter((k) => !served.includes(k));
      assert.deepEqual(stale, [], 'routes in the table that the app no longer serves');
    });

    test('plugin routes (console, API docs) are public by declaration', () => {
      for (const r of ctx.app.jiyueRoutes().filter((x) => PUBLIC_PREFIXES.some((p) => x.url.startsWith(p)))) {
        assert.equal(r.access?.kind, 'public', `${r.method} ${r.url}`);
      }
    });

    for (const [route, row] of Object.entries(ACCESS_MATRIX)) {
      const expected = row.trim().split(/\s+/);
      test(`${route}: ${expected.join(' ')}`, async () => {
        assert.equal(expected.length, ROLE_COLUMNS.length, 'one cell per role column');
        const [method, pattern] = route.split(' ') as [string, string];
        const outcomes: string[] = [];
        for (const [i, role] of ROLE_COLUMNS.entries()) {
          const prepared = REQUESTS[route] ? await REQUESTS[route](ctx, role) : { url: pattern };
          const s = sessions.get(role);
          const res = s
            ? await s.request(method, prepared.url, prepared.body, prepared.headers)
            : await ctx.app.inject({ method: method as 'GET', url: prepared.url, ...(prepared.headers ? { headers: prepared.headers } : {}), ...(prepared.body !== undefined ? { payload: prepared.body as object } : {}) });
          const got = res.statusCode >= 200 && res.statusCode < 300 ? '2' : res.statusCode === 403 ? '3' : res.statusCode === 401 ? '1' : String(res.statusCode);
          outcomes.push(got === expected[i] ? got : `${got}(${role}: ${res.statusCode} ${res.body.slice(0, 120)})`);
        }
        assert.deepEqual(outcomes, expected);
      });
    }
  });
}
