import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { getSite, requireSiteInScope } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import { validateDefinition } from './survey-definition.js';
import type { SurveyInput } from './survey.schemas.js';
import type { SurveyStatus } from './survey.tables.js';
import { getSurvey, getSurveyWithQuestions, listSiteSurveys, replaceQuestions, type SurveyView, type SurveyWithQuestions } from './surveys.repo.js';

export const SURVEY_PERMISSION = 'interaction.surveys.manage';
const STATUS_LABELS: Readonly<Record<SurveyStatus, string>> = { draft: '草稿', open: '已发布', closed: '已结束' };

interface Ctx { db: Db; actor: Actor; deps: InteractionDeps }

/** The survey, after checking the actor manages surveys on its site. */
async function surveyInScope({ db, actor, deps }: Ctx, id: number): Promise<SurveyWithQuestions> {
  const survey = await getSurveyWithQuestions(db, id, deps.clock.now());
  const site = survey ? await getSite(db, survey.siteId) : undefined;
  if (!survey || !site) throw new AppError(InteractionErrors['interaction.survey.not_found']);
  await requireSiteInScope(db, actor, SURVEY_PERMISSION, site.id);
  return survey;
}

async function reload(ctx: Ctx, id: number): Promise<SurveyWithQuestions> {
  const s = await getSurveyWithQuestions(ctx.db, id, ctx.deps.clock.now());
  if (!s) throw new AppError(InteractionErrors['interaction.survey.not_found']);
  return s;
}

export async function listSurveys(ctx: Ctx & { siteId: number }): Promise<SurveyView[]> {
  const site = await requireSiteInScope(ctx.db, ctx.actor, SURVEY_PERMISSION, ctx.siteId);
  return listSiteSurveys(ctx.db, site.id, ctx.deps.clock.now());
}

export async function surveyDetail(ctx: Ctx & { surveyId: number }): Promise<SurveyWithQuestions> {
  return surveyInScope(ctx, ctx.surveyId);
}

/** A new survey, as a draft: nobody sees it until it is opened. */
export async function createSurvey(ctx: Ctx & { siteId: number; input: SurveyInput }): Promise<SurveyWithQuestions> {
  const { db, actor, deps } = ctx;
  const site = await requireSiteInScope(db, actor, SURVEY_PERMISSION, ctx.siteId);
  const def = validateDefinition(ctx.input);
  const now = deps.clock.now();
  const id = await inTransaction(db, async (trx) => {
    const row = await trx.insertInto('surveys').values({
      site_id: site.id, title: def.title, description: def.description, status: 'draft', opens_at: def.opensAt, closes_at: def.closesAt,
      results_public: 0, created_by: actor.userId ?? null, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const surveyId = Number(row.id);
    await replaceQuestions(trx, surveyId, def.questions);
    await deps.audit.append(trx, actor, {
      action: 'interaction.survey.create', result: 'success', targetType: 'survey', targetId: surveyId,
      detail: { siteId: site.id, title: def.title, questions: def.questions.length },
    });
    return surveyId;
  });
  return reload(ctx, id);
}

/**
 * Title, description and times may change at any time. The questions only while nobody has
 * answered: an answer is stored as option, row and column positions, so even renaming an option
 * would change what earlier answers mean. Sending the same questions back is not a change.
 */
export async function updateSurvey(ctx: Ctx & { surveyId: number; input: SurveyInput & { version: number } }): Promise<SurveyWithQuestions> {
  const { db, actor, deps } = ctx;
  const before = await surveyInScope(ctx, ctx.surveyId);
  const def = validateDefinition(ctx.input);
  const strip = (qs: readonly object[]) => JSON.stringify(qs.map((q) => { const { id: _id, position: _p, ...rest } = q as { id?: number; position?: number }; return rest; }));
  const questionsChanged = strip(before.questions) !== strip(def.questions);
  if (questionsChanged && before.responseCount > 0) throw new AppError(InteractionErrors['interaction.survey.locked']);
  await inTransaction(db, async (trx) => {
    let q = trx.updateTable('surveys').set((eb) => ({
      title: def.title, description: def.description, opens_at: def.opensAt, closes_at: def.closesAt, updated_at: deps.clock.now(), version: eb('version', '+', 1),
    })).where('id', '=', before.id).where('version', '=', ctx.input.version);
    // A response arriving meanwhile bumps nothing but the count; this condition keeps its answers valid.
    if (questionsChanged) q = q.where('response_count', '=', 0);
    const r = await q.executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) {
      const now = await getSurvey(trx, before.id, deps.clock.now());
      throw new AppError(InteractionErrors[now && now.version === ctx.input.version ? 'interaction.survey.locked' : 'interaction.survey.conflict']);
    }
    if (questionsChanged) await replaceQuestions(trx, before.id, def.questions);
    await deps.audit.append(trx, actor, {
      action: 'interaction.survey.update', result: 'success', targetType: 'survey', targetId: before.id,
      detail: { siteId: before.siteId, title: def.title, opensAt: def.opensAt, closesAt: def.closesAt, questionsChanged, questions: def.questions.length },
    });
  });
  return reload(ctx, before.id);
}

/**
 * draft → open (on the site) → closed, and closed → open again (e.g. a close ended it too early).
 * Back to draft only before the first response. Publishing the results is separate and may
 * happen at any time; the results page shows whatever has been received.
 */
export async function setSurveyState(ctx: Ctx & { surveyId: number; input: { status?: SurveyStatus | undefined; resultsPublic?: boolean | undefined } }): Promise<SurveyWithQuestions> {
  const { db, actor, deps } = ctx;
  const before = await surveyInScope(ctx, ctx.surveyId);
  const target = ctx.input.status;
  if (target === 'draft' && before.status !== 'draft' && before.responseCount > 0) {
    throw new AppError(InteractionErrors['interaction.survey.bad_state'], { status: STATUS_LABELS[before.status], target: STATUS_LABELS.draft });
  }
  await inTransaction(db, async (trx) => {
    await trx.updateTable('surveys').set((eb) => ({
      ...(target !== undefined ? { status: target } : {}),
      ...(ctx.input.resultsPublic !== undefined ? { results_public: ctx.input.resultsPublic ? 1 : 0 } : {}),
      updated_at: deps.clock.now(), version: eb('version', '+', 1),
    })).where('id', '=', before.id).execute();
    await deps.audit.append(trx, actor, {
      action: 'interaction.survey.state', result: 'success', targetType: 'survey', targetId: before.id,
      detail: { siteId: before.siteId, from: { status: before.status, resultsPublic: before.resultsPublic }, to: { ...ctx.input } },
    });
  });
  return reload(ctx, before.id);
}
