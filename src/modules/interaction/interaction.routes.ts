import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.js';
import { access } from '../../platform/identity/permissions.js';
import { interactionDeps } from './deps.js';
import { listOrgs } from '../../platform/identity/orgs.repo.js';
import { listSitesInScope } from '../sites/index.js';
import {
  createMailboxSchema, createReplyTemplateSchema, deleteReplyTemplateSchema, extensionDecisionSchema, handlingUnitsSchema, interactionSitesSchema, letterActionSchema, letterAttachmentSchema, letterDetailSchema,
  letterReplyTemplatesSchema, listLettersSchema, listMailboxesSchema, listReplyTemplatesSchema, supervisionSchema, unitLettersSchema, updateMailboxSchema, updateReplyTemplateSchema,
} from './letters.schemas.js';
import { decideExtension, handleLetter } from './operations/handle-letter.js';
import { letterAttachment } from './operations/letter-attachment.js';
import { letterDetail, supervisionDashboard, unitLetters } from './operations/letter-views.js';
import { contentDisposition } from '../../platform/http/content-disposition.js';
import { listLetters } from './operations/list-letters.js';
import { createMailbox, listMailboxes, updateMailbox } from './operations/mailboxes.js';
import { registerStatisticsRoutes } from './statistics/statistics.routes.js';
import { createReplyTemplate, deleteReplyTemplate, letterReplyTemplates, listReplyTemplates, REPLY_PLACEHOLDERS, updateReplyTemplate } from './operations/reply-templates.js';

/** The console's side of 互动交流: letters and their handling, the supervisor's dashboard, the site admin's mailboxes. */
export async function interactionRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = interactionDeps(platform);

  app.get('/api/v1/letters', { schema: listLettersSchema, config: { access: access.permission('interaction.letters.read') } }, async (req) => {
    const page = req.query.page ?? 1;
    const pageSize = req.query.pageSize ?? 20;
    const { total, items } = await listLetters({ db, actor: req.actor, input: { siteId: req.query.siteId, page, pageSize, queue: req.query.queue }, deps });
    return { total, page, pageSize, items };
  });

  app.get('/api/v1/sites/:siteId/mailboxes', { schema: listMailboxesSchema, config: { access: access.permission('interaction.mailboxes.read') } }, async (req) => {
    return { items: await listMailboxes({ db, actor: req.actor, siteId: req.params.siteId, deps }) };
  });

  app.post('/api/v1/sites/:siteId/mailboxes', { schema: createMailboxSchema, config: { access: access.permission('interaction.mailboxes.manage') } }, async (req, reply) => {
    return reply.code(201).send({ mailbox: await createMailbox({ db, actor: req.actor, siteId: req.params.siteId, input: req.body, deps }) });
  });

  app.patch('/api/v1/mailboxes/:id', { schema: updateMailboxSchema, config: { access: access.permission('interaction.mailboxes.manage') } }, async (req) => {
    return { mailbox: await updateMailbox({ db, actor: req.actor, mailboxId: req.params.id, input: req.body, deps }) };
  });

  app.get('/api/v1/unit-letters', { schema: unitLettersSchema, config: { access: access.permission('interaction.letters.handle') } }, async (req) => {
    return unitLetters({ db, actor: req.actor, deps });
  });

  app.get('/api/v1/letters/:id', { schema: letterDetailSchema, config: { access: access.permission('interaction.letters.view') } }, async (req) => {
    return { letter: await letterDetail({ db, actor: req.actor, letterId: req.params.id, deps }) };
  });

  app.get('/api/v1/letters/:id/attachments/:attachmentId', { schema: letterAttachmentSchema, config: { access: access.permission('interaction.letters.view') } }, async (req, reply) => {
    const file = await letterAttachment({ db, actor: req.actor, letterId: req.params.id, attachmentId: req.params.attachmentId, deps });
    // Sent as a download, never shown inline: the bytes are a citizen's, checked only by type.
    return reply.type(file.mime).header('content-disposition', contentDisposition(file.fileName)).header('cache-control', 'private, no-store').send(file.bytes);
  });

  app.post('/api/v1/letters/:id/actions', { schema: letterActionSchema, config: { access: access.permission('interaction.letters.handle') } }, async (req) => {
    return handleLetter({ db, actor: req.actor, letterId: req.params.id, input: req.body, deps });
  });

  app.post('/api/v1/letters/:id/extension-decision', { schema: extensionDecisionSchema, config: { access: access.permission('interaction.letters.supervise') } }, async (req) => {
    return decideExtension({ db, actor: req.actor, letterId: req.params.id, input: req.body, deps });
  });

  app.get('/api/v1/supervision/letters', { schema: supervisionSchema, config: { access: access.permission('interaction.letters.supervise') } }, async (req) => {
    return supervisionDashboard({ db, actor: req.actor, input: { siteId: req.query.siteId }, deps });
  });

  registerStatisticsRoutes(app, platform);
  app.get('/api/v1/sites/:siteId/reply-templates', { schema: listReplyTemplatesSchema, config: { access: access.permission('interaction.templates.manage') } }, async (req) => {
    return { items: await listReplyTemplates({ db, actor: req.actor, siteId: req.params.siteId }), placeholders: [...REPLY_PLACEHOLDERS] };
  });

  app.post('/api/v1/sites/:siteId/reply-templates', { schema: createReplyTemplateSchema, config: { access: access.permission('interaction.templates.manage') } }, async (req, reply) => {
    return reply.code(201).send({ template: await createReplyTemplate({ db, actor: req.actor, siteId: req.params.siteId, input: req.body, deps }) });
  });

  app.patch('/api/v1/reply-templates/:id', { schema: updateReplyTemplateSchema, config: { access: access.permission('interaction.templates.manage') } }, async (req) => {
    return { template: await updateReplyTemplate({ db, actor: req.actor, templateId: req.params.id, input: req.body, deps }) };
  });

  app.delete('/api/v1/reply-templates/:id', { schema: deleteReplyTemplateSchema, config: { access: access.permission('interaction.templates.manage') } }, async (req) => {
    await deleteReplyTemplate({ db, actor: req.actor, templateId: req.params.id, deps });
    return { ok: true };
  });

  app.get('/api/v1/letters/:id/reply-templates', { schema: letterReplyTemplatesSchema, config: { access: access.permission('interaction.letters.handle') } }, async (req) => {
    return { items: await letterReplyTemplates({ db, actor: req.actor, letterId: req.params.id, deps }) };
  });

  // The unit picker of 转办/转交: every organization may be chosen as the handling unit (handleLetter checks it exists); names are not confidential.
  app.get('/api/v1/handling-units', { schema: handlingUnitsSchema, config: { access: access.permission('interaction.letters.handle') } }, async () => {
    return { items: (await listOrgs(db)).map((o) => ({ id: o.id, parentId: o.parentId, name: o.name })) };
  });

  // The console's site picker for letters, mailboxes and templates (a handler holds no sites.read).
  app.get('/api/v1/interaction/sites', { schema: interactionSitesSchema, config: { access: access.permission('interaction.mailboxes.read') } }, async (req) => {
    return { items: (await listSitesInScope(db, req.actor, 'interaction.mailboxes.read')).map((s) => ({ id: s.id, code: s.code, name: s.name })) };
  });
}
