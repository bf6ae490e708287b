import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/platform.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { HttpErrors } from '../../../platform/http/errors.js';
import { access } from '../../../platform/identity/permissions.js';
import { interactionDeps } from '../deps.js';
import { answerForm, openSite, sendPage, siteOfHostResolver, tooFast as tooFastPage } from '../public-pages-kit.js';
import { readMultipart, submissionValidator } from '../read-submission.js';
import { publicConsultation, publicConsultations, submitOpinion, type OpinionInput } from '../consultations/consultation-views.js';
import { CONSULTATION_PATH, renderConsultation, renderConsultationList } from '../consultations/consultation-pages.js';
import { OpinionFields, publicConsultationSchema, publicConsultationsSchema, submitOpinionSchema } from '../consultations/consultations.schemas.js';
import { COMMENTS_PATH, notFoundAsNull, positiveId, renderCommentsPage, REPORT_PATH } from './comment-pages.js';
import { CommentFields, listCommentsSchema, ReportFields, reportCommentSchema, submitCommentSchema } from './comments.schemas.js';
import { approvedComments, commentableDocument, submitComment, type CommentInput } from './document-comments.js';
import { reportComment } from './moderation.js';

const commentForm = submissionValidator<CommentInput>(CommentFields, new Set(['nickname', 'altcha'])).form;
const reportForm = submissionValidator<{ reason: string }>(ReportFields, new Set()).form;
const opinionForm = submissionValidator<OpinionInput>(OpinionFields, new Set(['clauseNo', 'nickname', 'contact', 'altcha'])).form;

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

  // The forms are multipart (like the letter form), text fields only.
  await app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { fileSize: 1, files: 0, fields: 10, fieldSize: 20_000, parts: 12, headerPairs: 50 } });
    const r = scoped.withTypeProvider<TypeBoxTypeProvider>();
    const form = async (req: FastifyRequest) => {
      if (!req.isMultipart()) throw new AppError(HttpErrors['http.unsupported_media_type']);
      return (await readMultipart(req, 1, { withFiles: false })).fields;
    };
    const pageConfig = { access: access.public, quietRefusals: true, rateLimit: limit };
    // Over the limit the body is not read, so the page the form came from is unknown: the consultation list says so.
    const tooFast = tooFastPage(siteOfHost, limit.timeWindow, (code, error) => renderConsultationList(platform, code, error));

    r.post(COMMENTS_PATH, { schema: { hide: true }, config: pageConfig, helmet: false, errorHandler: tooFast }, async (req, reply) => {
      const site = await siteOfHost(req);
      if (!site) return sendPage(reply, 404, null);
      const fields = await form(req);
      const docId = positiveId(fields.doc);
      // A document of another site (or one without comments) has no comments page here: nothing is stored.
      const doc = docId === null ? null : await commentableDocument(db, docId).catch(notFoundAsNull);
      if (docId === null || doc?.siteId !== site.id) return sendPage(reply, 404, null);
      return answerForm(reply, async () => {
        await submitComment({ db, actor: req.actor, documentId: docId, input: commentForm(own(fields, 'doc')), deps });
        return renderCommentsPage(platform, site.code, docId, { notice: PENDING_NOTICE });
      }, (refusal) => renderCommentsPage(platform, site.code, docId, { ...refusal, values: fields }));
    });

    r.post(REPORT_PATH, { schema: { hide: true }, config: pageConfig, helmet: false, errorHandler: tooFast }, async (req, reply) => {
      const site = await siteOfHost(req);
      if (!site) return sendPage(reply, 404, null);
      const fields = await form(req);
      const docId = positiveId(fields.doc);
      const commentId = positiveId(fields.comment);
      if (docId === null || commentId === null) return sendPage(reply, 404, null);
      return answerForm(reply, async () => {
        await reportComment({ db, actor: req.actor, commentId, reason: reportForm(own(fields, 'doc', 'comment')).reason, siteId: site.id, deps });
        return renderCommentsPage(platform, site.code, docId, { notice: '举报已收到，该评论将重新审核。' });
      }, (refusal) => renderCommentsPage(platform, site.code, docId, refusal));
    });

    r.post(CONSULTATION_PATH, { schema: { hide: true }, config: pageConfig, helmet: false, errorHandler: tooFast }, async (req, reply) => {
      const site = await siteOfHost(req);
      if (!site) return sendPage(reply, 404, null);
      const fields = await form(req);
      const id = positiveId(fields.consultation);
      if (id === null) return sendPage(reply, 404, null);
      const clauseNo = positiveId(fields.clauseNo) ?? undefined;
      return answerForm(reply, async () => {
        await submitOpinion({ db, actor: req.actor, siteId: site.id, consultationId: id, input: opinionForm(own(fields, 'consultation')), deps });
        return renderConsultation(platform, site.code, id, { notice: PENDING_NOTICE, ...(clauseNo ? { clauseNo } : {}) });
      }, (refusal) => renderConsultation(platform, site.code, id, { ...refusal, ...(clauseNo ? { clauseNo } : {}) }));
    });
  });
}
