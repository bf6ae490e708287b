import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/platform.js';
import { access } from '../../../platform/identity/permissions.js';
import { contentDeps } from '../content-deps.js';
import { listLibrary } from '../operations/list-documents.js';
import { decidePlacement, type PlacementDecision } from './decide-placement.js';
import { documentPlacements, listPlacements } from './list-placements.js';
import { placeDocument } from './place-document.js';
import { decideSchema, documentPlacementsSchema, librarySchema, listPlacementsSchema, placeSchema } from './placements.schemas.js';

/**
 * One resource library across sites (资源库): browse every site's published documents, place
 * one into a column by reference or by copy, and the receiving column's decision on references.
 */
export async function placementsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = contentDeps(platform);

  app.get('/api/v1/library', { schema: librarySchema, config: { access: access.permission('documents.write') } },
    async (req) => listLibrary({ db, input: req.query }));

  app.post('/api/v1/documents/:id/placements', { schema: placeSchema, config: { access: access.permission('documents.write') } }, async (req, reply) => {
    const result = await placeDocument({ db, actor: req.actor, sourceId: req.params.id, input: req.body, deps });
    return reply.code(201).send(result);
  });

  app.get('/api/v1/documents/:id/placements', { schema: documentPlacementsSchema, config: { access: access.permission('documents.read') } },
    async (req) => documentPlacements({ db, actor: req.actor, documentId: req.params.id }));

  app.get('/api/v1/placements', { schema: listPlacementsSchema, config: { access: access.permission('documents.read') } },
    async (req) => listPlacements({ db, actor: req.actor, input: req.query }));

  const decide = (decision: PlacementDecision, permission: 'documents.review' | 'documents.write') =>
    app.post(`/api/v1/placements/:id/${decision}`, { schema: decideSchema, config: { access: access.permission(permission) } },
      async (req) => decidePlacement({ db, actor: req.actor, placementId: req.params.id, decision, reason: req.body.reason, deps }));
  decide('accept', 'documents.review');
  decide('decline', 'documents.review');
  decide('remove', 'documents.write');
}
