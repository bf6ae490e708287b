import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/platform.js';
import { access } from '../../../platform/identity/permissions.js';
import { interactionDeps } from '../deps.js';
import { consultationDetail, listConsultations } from '../consultations/consultation-views.js';
import {
  consultationDetailSchema, createConsultationSchema, listConsultationsSchema, publishSummarySchema, saveSummarySchema, updateConsultationSchema,
} from '../consultations/consultations.schemas.js';
import { createConsultation, publishSummary, saveSummary, updateConsultation } from '../consultations/manage-consultation.js';
import { moderateSchema, moderationQueueSchema } from './comments.schemas.js';
import { moderateComment } from './moderation.js';
import { moderationQueue } from './moderation-queue.js';

/** The console's side of comments and consultations: the moderation queue, consultations and their feedback summary. */
export async function feedbackAdminRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = interactionDeps(platform);
  const moderate = { access: access.permission('interaction.comments.moderate') };
  const manage = { access: access.permission('interaction.consultations.manage') };

  app.get('/api/v1/moderation/comments', { schema: moderationQueueSchema, config: moderate }, async (req) => {
    return { items: await moderationQueue({ db, actor: req.actor, siteId: req.query.siteId, status: req.query.status ?? 'pending', deps }) };
  });

  app.post('/api/v1/comments/:id/moderation', { schema: moderateSchema, config: moderate }, async (req) => {
    return moderateComment({ db, actor: req.actor, commentId: req.params.id, decision: req.body.decision, note: req.body.note ?? '', deps });
  });

  app.get('/api/v1/consultations', { schema: listConsultationsSchema, config: manage }, async (req) => {
    return listConsultations({ db, actor: req.actor, siteId: req.query.siteId, deps });
  });

  app.post('/api/v1/sites/:siteId/consultations', { schema: createConsultationSchema, config: manage }, async (req, reply) => {
    return reply.code(201).send({ consultation: await createConsultation({ db, actor: req.actor, siteId: req.params.siteId, input: req.body, deps }) });
  });

  app.get('/api/v1/consultations/:id', { schema: consultationDetailSchema, config: manage }, async (req) => {
    return consultationDetail({ db, actor: req.actor, consultationId: req.params.id, deps });
  });

  app.patch('/api/v1/consultations/:id', { schema: updateConsultationSchema, config: manage }, async (req) => {
    return { consultation: await updateConsultation({ db, actor: req.actor, consultationId: req.params.id, input: req.body, deps }) };
  });

  app.put('/api/v1/consultations/:id/summary', { schema: saveSummarySchema, config: manage }, async (req) => {
    await saveSummary({ db, actor: req.actor, consultationId: req.params.id, input: req.body, deps });
    return { ok: true as const };
  });

  app.post('/api/v1/consultations/:id/summary/publish', { schema: publishSummarySchema, config: manage }, async (req) => {
    return { consultation: await publishSummary({ db, actor: req.actor, consultationId: req.params.id, deps }) };
  });
}
