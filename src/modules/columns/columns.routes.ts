import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.js';
import { access } from '../../platform/identity/permissions.js';
import { requestLocale } from '../../platform/http/problem.js';
import { ROLE_LABELS } from '../../platform/identity/roles.js';
import type { ColumnView } from './columns.repo.js';
import { COLUMN_KINDS, DEFAULT_WORKFLOW, MAX_COLUMN_DEPTH, MAX_WORKFLOW_STEPS, SECRECY_STEP, defaultUpdateDays } from './column-kinds.js';
import { columnsDeps } from './columns-deps.js';
import { createColumn } from './operations/create-column.js';
import { updateColumn } from './operations/update-column.js';
import { moveColumn } from './operations/move-column.js';
import { mergeColumns } from './operations/merge-columns.js';
import { deleteColumn } from './operations/delete-column.js';
import { listColumnTree } from './operations/list-column-tree.js';
import {
  createColumnSchema, deleteColumnSchema, listKindsSchema, listTreeSchema, mergeColumnSchema, moveColumnSchema, updateColumnSchema,
} from './columns.schemas.js';
import './index.js';

/** Column tree API: read (row-scoped), and writes by the site admin of the column's site. */
export async function columnsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = columnsDeps(platform);

  app.get('/api/v1/column-kinds', { schema: listKindsSchema, config: { access: access.permission('columns.read') } }, async (req) => {
    const lang = requestLocale(req) === 'en' ? 'en' : 'zh';
    const defaults = defaultUpdateDays(platform.config.columnUpdateDays);
    return {
      items: COLUMN_KINDS.map((k) => ({ kind: k.kind, label: k.label[lang], labels: k.label, rule: k.rule[lang], topLevelRule: k.topLevelRule, defaultUpdateDays: defaults[k.kind] })),
      defaultWorkflow: [...DEFAULT_WORKFLOW],
      secrecyStep: { name: lang === 'en' ? 'Secrecy review' : SECRECY_STEP.name, role: SECRECY_STEP.role },
      workflowRoles: (['reviewer', 'site_admin'] as const).map((role) => ({ role, label: ROLE_LABELS[role][lang] })),
      maxDepth: MAX_COLUMN_DEPTH, maxWorkflowSteps: MAX_WORKFLOW_STEPS,
    };
  });

  app.get('/api/v1/sites/:siteId/columns', { schema: listTreeSchema, config: { access: access.permission('columns.read') } }, async (req) => {
    const tree = await listColumnTree({ db, actor: req.actor, siteId: req.params.siteId });
    return {
      site: { id: tree.site.id, code: tree.site.code, name: tree.site.name },
      canManage: tree.canManage,
      items: tree.items.map((e) => ({ ...publicView(e.column), depth: e.depth, inScope: e.inScope })),
    };
  });

  app.post('/api/v1/sites/:siteId/columns', { schema: createColumnSchema, config: { access: access.permission('columns.manage') } }, async (req, reply) => {
    const column = await createColumn({ db, actor: req.actor, siteId: req.params.siteId, input: req.body, deps });
    return reply.code(201).send({ column: publicView(column) });
  });

  app.patch('/api/v1/columns/:id', { schema: updateColumnSchema, config: { access: access.permission('columns.manage') } }, async (req) => {
    return { column: publicView(await updateColumn({ db, actor: req.actor, columnId: req.params.id, input: req.body, deps })) };
  });

  app.post('/api/v1/columns/:id/move', { schema: moveColumnSchema, config: { access: access.permission('columns.manage') } }, async (req) => {
    return { column: publicView(await moveColumn({ db, actor: req.actor, columnId: req.params.id, input: req.body, deps })) };
  });

  app.post('/api/v1/columns/:id/merge', { schema: mergeColumnSchema, config: { access: access.permission('columns.manage') } }, async (req) => {
    const r = await mergeColumns({ db, actor: req.actor, columnId: req.params.id, intoId: req.body.intoId, deps });
    return { into: publicView(r.into), documentsMoved: r.documentsMoved, childrenMoved: r.childrenMoved };
  });

  app.delete('/api/v1/columns/:id', { schema: deleteColumnSchema, config: { access: access.permission('columns.manage') } }, async (req) => {
    await deleteColumn({ db, actor: req.actor, columnId: req.params.id, deps });
    return { ok: true };
  });
}

/** The owner's org path is an internal scope detail. */
function publicView({ orgPath: _p, workflow, ...c }: ColumnView) {
  return { ...c, workflow: [...workflow] };
}
