/**
 * Request builders of the comment and consultation routes for the access matrix
 * (access-matrix.test.ts spreads them into its REQUESTS). Fixtures per test context: a
 * published document in a column that takes comments, and consultations open and closed.
 */
import { systemActor } from '../../src/platform/identity/actor.js';
import { columnsDeps, updateColumn } from '../../src/modules/columns/index.js';
import type { TestContext } from './platform.js';
import { multipartBody, PORTAL_CODE, PORTAL_HOST, solvedCaptcha } from './letter-fixtures.js';
import { publishedDocument, workflowColumn } from './workflow-fixtures.js';

type Prepared = { url: string; body?: unknown; headers?: Record<string, string> };
const DAY = 86_400_000;
let counter = 0;

const fixtures = new WeakMap<TestContext, Promise<{ documentId: number }>>();

function commentableDocument(ctx: TestContext): Promise<{ documentId: number }> {
  let fx = fixtures.get(ctx);
  if (!fx) {
    fx = (async () => {
      const column = await workflowColumn(ctx.platform, { workflow: [{ name: '审核', role: 'reviewer' }] });
      await updateColumn({ db: ctx.platform.db, actor: systemActor('matrix'), columnId: column.id, input: { commentsEnabled: true }, deps: columnsDeps(ctx.platform) });
      return { documentId: (await publishedDocument(ctx.platform, { columnId: column.id })).documentId };
    })();
    fixtures.set(ctx, fx);
  }
  return fx;
}

async function comment(ctx: TestContext, status: 'pending' | 'approved'): Promise<number> {
  const { documentId } = await commentableDocument(ctx);
  const { id } = await ctx.platform.db.insertInto('comments').values({
    site_id: 1, document_id: documentId, consultation_id: null, clause_no: null, body: `矩阵评论${counter++}`, contact_enc: null, status,
    submitted_at: ctx.platform.clock.now(), moderated_at: null, moderated_by: null,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** A consultation on the provincial portal (site 1), open now or closed with a summary written. */
async function consultation(ctx: TestContext, state: 'open' | 'closed'): Promise<number> {
  const now = ctx.platform.clock.now();
  const [opensAt, closesAt] = state === 'open' ? [now - DAY, now + 30 * DAY] : [now - 40 * DAY, now - DAY];
  const { id } = await ctx.platform.db.insertInto('consultations').values({
    site_id: 1, document_id: null, title: `矩阵征求意见${counter++}`, intro: '', opens_at: opensAt, closes_at: closesAt,
    summary_text: '总体采纳情况', summary_published_at: null, created_by: 0, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await ctx.platform.db.insertInto('consultation_clauses').values({ consultation_id: Number(id), clause_no: 1, heading: '第一条', text: '条款内容' }).execute();
  return Number(id);
}

async function form(ctx: TestContext, url: string, fields: Record<string, string>): Promise<Prepared> {
  const { payload, headers } = multipartBody(fields);
  return { url, body: payload, headers: { ...headers, host: PORTAL_HOST } };
}

export const FEEDBACK_REQUESTS: Readonly<Record<string, (ctx: TestContext, role: string) => Promise<Prepared>>> = {
  'GET /api/v1/public/documents/:id/comments': async (ctx) => ({ url: `/api/v1/public/documents/${(await commentableDocument(ctx)).documentId}/comments` }),
  'POST /api/v1/public/documents/:id/comments': async (ctx) => ({
    url: `/api/v1/public/documents/${(await commentableDocument(ctx)).documentId}/comments`, body: { body: '矩阵评论', altcha: await solvedCaptcha(ctx.app) },
  }),
  'POST /api/v1/public/comments/:id/report': async (ctx) => ({ url: `/api/v1/public/comments/${await comment(ctx, 'approved')}/report`, body: { reason: '矩阵举报' } }),
  'GET /api/v1/public/sites/:siteCode/consultations': async () => ({ url: `/api/v1/public/sites/${PORTAL_CODE}/consultations` }),
  'GET /api/v1/public/sites/:siteCode/consultations/:id': async (ctx) => ({ url: `/api/v1/public/sites/${PORTAL_CODE}/consultations/${await consultation(ctx, 'open')}` }),
  'POST /api/v1/public/sites/:siteCode/consultations/:id/opinions': async (ctx) => ({
    url: `/api/v1/public/sites/${PORTAL_CODE}/consultations/${await consultation(ctx, 'open')}/opinions`, body: { clauseNo: 1, body: '矩阵意见', altcha: await solvedCaptcha(ctx.app) },
  }),
  'POST /comments.html': async (ctx) => form(ctx, '/comments.html', { doc: String((await commentableDocument(ctx)).documentId), body: '矩阵表单评论', altcha: await solvedCaptcha(ctx.app) }),
  'POST /comments/report.html': async (ctx) => form(ctx, '/comments/report.html', { doc: String((await commentableDocument(ctx)).documentId), comment: String(await comment(ctx, 'approved')), reason: '矩阵举报' }),
  'POST /consultation.html': async (ctx) => form(ctx, '/consultation.html', { consultation: String(await consultation(ctx, 'open')), body: '矩阵表单意见', altcha: await solvedCaptcha(ctx.app) }),
  'GET /api/v1/moderation/comments': async () => ({ url: '/api/v1/moderation/comments?siteId=1' }),
  'POST /api/v1/comments/:id/moderation': async (ctx) => ({ url: `/api/v1/comments/${await comment(ctx, 'pending')}/moderation`, body: { decision: 'approve' } }),
  'GET /api/v1/consultations': async () => ({ url: '/api/v1/consultations?siteId=1' }),
  'POST /api/v1/sites/:siteId/consultations': async (ctx) => {
    const now = ctx.platform.clock.now();
    return { url: '/api/v1/sites/1/consultations', body: { title: '矩阵征求意见', draftText: '第一条 内容。\n第二条 内容。', opensAt: now, closesAt: now + 30 * DAY } };
  },
  'GET /api/v1/consultations/:id': async (ctx) => ({ url: `/api/v1/consultations/${await consultation(ctx, 'open')}` }),
  'PATCH /api/v1/consultations/:id': async (ctx) => ({ url: `/api/v1/consultations/${await consultation(ctx, 'open')}`, body: { title: '改过的标题' } }),
  'PUT /api/v1/consultations/:id/summary': async (ctx) => ({
    url: `/api/v1/consultations/${await consultation(ctx, 'closed')}/summary`, body: { overall: '总体情况', clauses: [{ clauseNo: 1, adoption: 'adopted', feedback: '已采纳' }] },
  }),
  'POST /api/v1/consultations/:id/summary/publish': async (ctx) => ({ url: `/api/v1/consultations/${await consultation(ctx, 'closed')}/summary/publish` }),
};
