import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/platform.js';
import { access } from '../../../platform/identity/permissions.js';
import { interactionDeps } from '../deps.js';
import type { SiteView } from '../../sites/index.js';
import { answerFormPage, formPageErrors, keptValues, notFoundPage, openSite, pageId, readTextForm, refererId, sendPage, siteOfHostResolver } from '../public-pages-kit.js';
import { newFormTrace, readSmallFormFields, submissionValidator, type FormLabels } from '../read-submission.js';
import { publicConsultation, publicConsultations, submitOpinion, type OpinionInput } from '../consultations/consultation-views.js';
import { CONSULTATION_PATH, renderConsultation, renderConsultationList } from '../consultations/consultation-pages.js';
import { OpinionFields, publicConsultationSchema, publicConsultationsSchema, submitOpinionSchema } from '../consultations/consultations.schemas.js';
import { COMMENTS_PATH, notFoundAsNull, renderCommentsPage, REPORT_PATH } from './comment-pages.js';
import { CommentFields, listCommentsSchema, ReportFields, reportCommentSchema, submitCommentSchema } from './comments.schemas.js';
import { approvedComments, commentableDocument, submitComment, type CommentInput } from './document-comments.js';
import { reportComment } from './moderation.js';

// Every field's problem at once: a visitor without JavaScript mends them all in one go.
const commentForm = submissionValidator<CommentInput>(CommentFields, new Set(['nickname', 'altcha']), { allErrors: true }).form;
const reportForm = submissionValidator<{ reason: string }>(ReportFields, new Set(), { allErrors: true }).form;
const opinionForm = submissionValidator<OpinionInput>(OpinionFields, new Set(['clauseNo', 'nickname', 'contact', 'altcha']), { allErrors: true }).form;

/** The forms' fields as their pages name them (themes/default/comments.liquid, partials/opinion-form.liquid). */
const COMMENT_LABELS: FormLabels = { body: { label: '评论内容' }, nickname: { label: '昵称' } };
const REPORT_LABELS: FormLabels = { reason: { label: '举报理由' } };
const OPINION_LABELS: FormLabels = { body: { label: '意见内容' }, nickname: { label: '昵称' }, contact: { label: '联系方式' } };
/** Where a business refusal belongs on the form. */
const COMMENT_CODE_FIELDS = { 'interaction.comments.blocked': 'body' };
const REPORT_CODE_FIELDS = {};
const OPINION_CODE_FIELDS = { 'interaction.comments.blocked': 'body' };
/** What a refused form shows again (never the hidden fields nor the captcha). */
const COMMENT_KEPT = ['body', 'nickname'];
const OPINION_KEPT = ['body', 'nickname', 'contact'];
/** The forms' text is small: a post over the limit is read back up to this size to show what was typed. */
const SMALL_FORM_BYTES = 64 * 1024;

/** The form's own fields, without the hidden ones that name what the form is about (doc, comment, consultation). */
function own(fields: Readonly<Record<string, string>>, ...hidden: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !hidden.includes(k)));
}

const PENDING_NOTICE = '提交成功，经审核后公开显示。';

/**
 * Comments and consultation opinions from the public: the JSON API under /api/v1/public, and the
 * theme's forms posting back to the site they were shown on (answers are pages; a refusal shows
 * the page again with the message). Submits and reports are limited per client address with the
 * letters' hourly limit (config letterSubmitRatePerHour).
 */
export async function publicFeedbackRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = interactionDeps(platform);
  const limit = { max: platform.config.letterSubmitRatePerHour, timeWindow: 3_600_000 };
  const siteOfHost = siteOfHostResolver(platform, (err) => app.log.error({ err }, 'site hosts refresh failed'));

  app.get('/api/v1/public/documents/:id/comments', { schema: listCommentsSchema, config: { access: access.public, quietRefusals: true } }, async (req) => {
    const doc = await commentableDocument(db, req.params.id);
    return { documentId: doc.id, title: doc.title, items: await approvedComments(db, doc.id) };
  });

  app.post('/api/v1/public/documents/:id/comments', { schema: submitCommentSchema, config: { access: access.public, rateLimit: limit } }, async (req, reply) => {
    return reply.code(201).send(await submitComment({ db, actor: req.actor, documentId: req.params.id, input: req.body, deps }));
  });

  app.post('/api/v1/public/comments/:id/report', { schema: reportCommentSchema, config: { access: access.public, rateLimit: limit } }, async (req) => {
    await reportComment({ db, actor: req.actor, commentId: req.params.id, reason: req.body.reason, deps });
    return { ok: true as const };
  });

  app.get('/api/v1/public/sites/:siteCode/consultations', { schema: publicConsultationsSchema, config: { access: access.public, quietRefusals: true } }, async (req) => {
    const site = await openSite(platform, req.params.siteCode);
    return { items: await publicConsultations(db, site.id, deps.clock.now()) };
  });

  app.get('/api/v1/public/sites/:siteCode/consultations/:id', { schema: publicConsultationSchema, config: { access: access.public, quietRefusals: true } }, async (req) => {
    const site = await openSite(platform, req.params.siteCode);
    return publicConsultation(db, site.id, req.params.id, deps.clock.now());
  });

  app.post('/api/v1/public/sites/:siteCode/consultations/:id/opinions', { schema: submitOpinionSchema, config: { access: access.public, rateLimit: limit } }, async (req, reply) => {
    const site = await openSite(platform, req.params.siteCode);
    return reply.code(201).send(await submitOpinion({ db, actor: req.actor, siteId: site.id, consultationId: req.params.id, input: req.body, deps }));
  });

  // The forms are multipart (like the letter form), text fields only. Whatever refuses a post,
  // the answer is a page of the site: the page the form is on with the message, each field's
  // message beside its input and what was typed kept; the site's 404 page for a document or
  // consultation it does not show (an id that is not plain digits, another site's, unknown).
  await app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { fileSize: 1, files: 0, fields: 10, fieldSize: 20_000, parts: 12, headerPairs: 50 } });
    const r = scoped.withTypeProvider<TypeBoxTypeProvider>();
    const pageConfig = { access: access.public, quietRefusals: true, rateLimit: limit };
    /**
     * Refused before the handler read the form (over the limit, a body of another type): the page
     * the form came from (named by the form's own hidden field when the body is small enough to
     * read, else by the Referer) with the message and what was typed; over the limit for a page
     * that is not known, the consultation list says so.
     */
    const refusedEarly = (render: (site: SiteView, typed: Readonly<Record<string, string>>, error: string, req: FastifyRequest) => Promise<string | null>) =>
      formPageErrors(platform, siteOfHost, limit.timeWindow, async (site, refusal, req) => {
        const typed = await readSmallFormFields(req, SMALL_FORM_BYTES);
        const kept = typed && ['body', 'nickname', 'contact', 'reason'].some((k) => (typed[k] ?? '').trim() !== '') ? '您填写的内容保留在下方。' : '';
        const page = await render(site, typed ?? {}, `${refusal.message}${kept}`, req);
        return page ?? (refusal.status === 429 ? renderConsultationList(platform, site.code, refusal.message) : null);
      });

    r.post(COMMENTS_PATH, {
      schema: { hide: true }, config: pageConfig, helmet: false,
      errorHandler: refusedEarly(async (site, typed, error, req) => {
        const docId = pageId(typed.doc) ?? refererId(req, COMMENTS_PATH, 'doc');
        return docId === null ? null : renderCommentsPage(platform, site.code, docId, { error, values: keptValues(typed, COMMENT_KEPT) });
      }),
    }, async (req, reply) => {
      const site = await siteOfHost(req);
      if (!site) return sendPage(reply, 404, null);
      const trace = newFormTrace();
      return answerFormPage(reply, async () => {
        const fields = await readTextForm(req, trace);
        const docId = pageId(fields.doc);
        // A document of another site (or one without comments) has no comments page here: nothing is stored.
        const doc = docId === null ? null : await commentableDocument(db, docId).catch(notFoundAsNull);
        if (docId === null || doc?.siteId !== site.id) return null;
        await submitComment({ db, actor: req.actor, documentId: docId, input: commentForm(own(fields, 'doc')), deps });
        return renderCommentsPage(platform, site.code, docId, { notice: PENDING_NOTICE });
      }, async ({ summary, problems }) => {
        const docId = pageId(trace.fields.doc);
        return docId === null ? null : renderCommentsPage(platform, site.code, docId, { error: summary, errors: problems, values: keptValues(trace.fields, COMMENT_KEPT) });
      }, { labels: COMMENT_LABELS, codeFields: COMMENT_CODE_FIELDS, notFound: () => notFoundPage(platform, site.code) });
    });

    r.post(REPORT_PATH, {
      schema: { hide: true }, config: pageConfig, helmet: false,
      errorHandler: refusedEarly(async (site, typed, error, req) => {
        const docId = pageId(typed.doc) ?? refererId(req, COMMENTS_PATH, 'doc');
        return docId === null ? null : renderCommentsPage(platform, site.code, docId, { error, values: { ...keptValues(typed, ['comment', 'reason']) } });
      }),
    }, async (req, reply) => {
      const site = await siteOfHost(req);
      if (!site) return sendPage(reply, 404, null);
      const trace = newFormTrace();
      return answerFormPage(reply, async () => {
        const fields = await readTextForm(req, trace);
        const docId = pageId(fields.doc);
        const commentId = pageId(fields.comment);
        if (docId === null || commentId === null) return null;
        await reportComment({ db, actor: req.actor, commentId, reason: reportForm(own(fields, 'doc', 'comment')).reason, siteId: site.id, deps });
        return renderCommentsPage(platform, site.code, docId, { notice: '举报已收到，该评论将重新审核。' });
      }, async ({ summary, problems }) => {
        const docId = pageId(trace.fields.doc);
        // The report form of that comment opens again with the reason typed.
        return docId === null ? null : renderCommentsPage(platform, site.code, docId, { error: summary, errors: problems, values: { comment: '', reason: '', ...keptValues(trace.fields, ['comment', 'reason']) } });
      }, { labels: REPORT_LABELS, codeFields: REPORT_CODE_FIELDS, notFound: () => notFoundPage(platform, site.code) });
    });

    r.post(CONSULTATION_PATH, {
      schema: { hide: true }, config: pageConfig, helmet: false,
      errorHandler: refusedEarly(async (site, typed, error, req) => {
        const id = pageId(typed.consultation) ?? refererId(req, CONSULTATION_PATH, 'id');
        const clauseNo = pageId(typed.clauseNo);
        return id === null ? null : renderConsultation(platform, site.code, id, { error, values: keptValues(typed, OPINION_KEPT), ...(clauseNo ? { clauseNo } : {}) });
      }),
    }, async (req, reply) => {
      const site = await siteOfHost(req);
      if (!site) return sendPage(reply, 404, null);
      const trace = newFormTrace();
      return answerFormPage(reply, async () => {
        const fields = await readTextForm(req, trace);
        const id = pageId(fields.consultation);
        if (id === null) return null;
        const clauseNo = pageId(fields.clauseNo);
        await submitOpinion({ db, actor: req.actor, siteId: site.id, consultationId: id, input: opinionForm(own(fields, 'consultation')), deps });
        return renderConsultation(platform, site.code, id, { notice: PENDING_NOTICE, ...(clauseNo ? { clauseNo } : {}) });
      }, async ({ summary, problems }) => {
        const id = pageId(trace.fields.consultation);
        const clauseNo = pageId(trace.fields.clauseNo);
        return id === null ? null : renderConsultation(platform, site.code, id, { error: summary, errors: problems, values: keptValues(trace.fields, OPINION_KEPT), ...(clauseNo ? { clauseNo } : {}) });
      }, { labels: OPINION_LABELS, codeFields: OPINION_CODE_FIELDS, notFound: () => notFoundPage(platform, site.code) });
    });
  });
}
