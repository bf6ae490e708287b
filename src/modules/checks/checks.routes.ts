import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.js';
import { access } from '../../platform/identity/permissions.js';
import { watchChecksChanges } from './check-context.js';
import { listEntries } from './checks.repo.js';
import {
  createEntrySchema, deleteEntrySchema, importStarterSchema, listDictionarySchema, listRulesSchema, putRulesSchema, runSchema, updateEntrySchema,
} from './checks.schemas.js';
import { checksDeps } from './deps.js';
import {
  createDictionaryEntry, deleteDictionaryEntry, importStarterDictionary, updateDictionaryEntry,
} from './operations/manage-dictionary.js';
import { listRules, setRuleSeverities } from './operations/manage-rules.js';
import { requireRead } from './operations/require-manage.js';
import { runDraftChecks } from './operations/run-draft-checks.js';

// Reads are for holders of documents.read or checks.manage (two permissions, so the route only
// requires a full sign-in and requireRead decides); writes need checks.manage.
const read = { access: access.authenticated };
const manage = { access: access.permission('checks.manage') };

/** Machine checks: the dictionary, rule severities, and checking a draft. */
export async function checksRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = checksDeps(platform);
  watchChecksChanges(platform.events);

  app.get('/api/v1/checks/dictionary', { schema: listDictionarySchema, config: read }, async (req) => {
    requireRead(req.actor);
    const { category, q, page = 1, pageSize = 20 } = req.query;
    return listEntries(db, { category, q, page, pageSize });
  });

  app.post('/api/v1/checks/dictionary', { schema: createEntrySchema, config: manage }, async (req, reply) => {
    const entry = await createDictionaryEntry({ db, actor: req.actor, input: req.body, deps });
    return reply.code(201).send({ entry });
  });

  app.patch('/api/v1/checks/dictionary/:id', { schema: updateEntrySchema, config: manage }, async (req) => ({
    entry: await updateDictionaryEntry({ db, actor: req.actor, input: { id: req.params.id, ...req.body }, deps }),
  }));

  app.delete('/api/v1/checks/dictionary/:id', { schema: deleteEntrySchema, config: manage }, async (req) => {
    await deleteDictionaryEntry({ db, actor: req.actor, input: { id: req.params.id }, deps });
    return { ok: true };
  });

  app.post('/api/v1/checks/dictionary/import-starter', { schema: importStarterSchema, config: manage },
    async (req) => importStarterDictionary({ db, actor: req.actor, deps }));

  app.get('/api/v1/checks/rules', { schema: listRulesSchema, config: read },
    async (req) => ({ items: await listRules({ db, actor: req.actor }) }));

  app.put('/api/v1/checks/rules', { schema: putRulesSchema, config: manage }, async (req) => {
    const input: Record<string, string> = {};
    for (const [rule, severity] of Object.entries(req.body.severities)) if (typeof severity === 'string') input[rule] = severity;
    return { items: await setRuleSeverities({ db, actor: req.actor, input, deps }) };
  });

  app.post('/api/v1/checks/run', { schema: runSchema, config: { access: access.permission('documents.write') } },
    async (req) => runDraftChecks({ db, input: req.body }));
}
