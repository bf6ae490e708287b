import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.js';
import { access } from '../../platform/identity/permissions.js';
import { workflowDeps } from './workflow-deps.js';
import { submitDocument } from './operations/submit-document.js';
import { approveDocument } from './operations/approve-document.js';
import { rejectDocument } from './operations/reject-document.js';
import { scheduleDocument } from './operations/schedule-document.js';
import { withdrawDocument } from './operations/withdraw-document.js';
import { fastTrackDocument } from './operations/fast-track-document.js';
import { postReviewDocument } from './operations/post-review-document.js';
import { linkPolicy } from './operations/link-policy.js';
import { readReview } from './operations/read-review.js';
import { reviewCounts, reviewInbox } from './operations/review-inbox.js';
import { listFastTracked } from './operations/list-fast-tracked.js';
import {
  approveSchema, countsSchema, fastTrackedSchema, fastTrackSchema, inboxSchema, policyLinkSchema, postReviewSchema, rejectSchema,
  reviewViewSchema, scheduleSchema, submitSchema, withdrawSchema,
} from './workflow.schemas.js';

/**
 * Review workflow API. Review decisions (approve, reject, post-review) are reachable by anyone
 * who may read documents; the operation then demands the current step's role on the document's
 * column (reviewer, site admin or secrecy reviewer), because one route serves every step.
 */
export async function workflowRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = workflowDeps(platform, fastify.log);
  const read = { access: access.permission('documents.read') };
  const write = { access: access.permission('documents.write') };

  app.post('/api/v1/documents/:id/submit', { schema: submitSchema, config: write },
    async (req) => submitDocument({ db, actor: req.actor, documentId: req.params.id, deps }));
  app.post('/api/v1/documents/:id/approve', { schema: approveSchema, config: read },
    async (req) => approveDocument({ db, actor: req.actor, documentId: req.params.id, input: req.body, deps }));
  app.post('/api/v1/documents/:id/reject', { schema: rejectSchema, config: read },
    async (req) => rejectDocument({ db, actor: req.actor, documentId: req.params.id, input: req.body, deps }));
  app.post('/api/v1/documents/:id/schedule', { schema: scheduleSchema, config: write },
    async (req) => scheduleDocument({ db, actor: req.actor, documentId: req.params.id, input: req.body, deps }));
  app.post('/api/v1/documents/:id/withdraw', { schema: withdrawSchema, config: { access: access.permission('documents.withdraw') } },
    async (req) => withdrawDocument({ db, actor: req.actor, documentId: req.params.id, input: req.body, deps }));
  app.post('/api/v1/documents/:id/fast-track', { schema: fastTrackSchema, config: { access: access.permission('documents.fast_track') } },
    async (req) => fastTrackDocument({ db, actor: req.actor, documentId: req.params.id, input: req.body, deps }));
  app.post('/api/v1/documents/:id/post-review', { schema: postReviewSchema, config: read },
    async (req) => postReviewDocument({ db, actor: req.actor, documentId: req.params.id, input: req.body, deps }));
  app.put('/api/v1/documents/:id/policy-link', { schema: policyLinkSchema, config: write },
    async (req) => linkPolicy({ db, actor: req.actor, documentId: req.params.id, input: req.body, deps }));
  app.get('/api/v1/documents/:id/review', { schema: reviewViewSchema, config: read },
    async (req) => readReview({ db, actor: req.actor, documentId: req.params.id, now: platform.clock.now() }));

  app.get('/api/v1/review/inbox', { schema: inboxSchema, config: read }, async (req) => reviewInbox({ db, actor: req.actor }));
  app.get('/api/v1/review/counts', { schema: countsSchema, config: read }, async (req) => reviewCounts({ db, actor: req.actor }));
  app.get('/api/v1/review/fast-tracked', { schema: fastTrackedSchema, config: read }, async (req) => ({ items: await listFastTracked({ db, actor: req.actor }) }));
}
