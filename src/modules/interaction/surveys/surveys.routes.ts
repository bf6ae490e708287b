import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/platform.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { access } from '../../../platform/identity/permissions.js';
import { interactionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import { createSurvey, listSurveys, setSurveyState, surveyDetail, updateSurvey } from './survey-admin.js';
import { surveyCsv, surveyResults, textAnswers } from './survey-results.js';
import {
  createSurveySchema, listSurveysSchema, surveyCsvSchema, surveyDetailSchema, surveyResultsSchema, surveyStateSchema, surveyTextAnswersSchema, updateSurveySchema,
} from './survey.schemas.js';

/** The console's side of 在线调查: build, open and close, results, CSV, publishing the results. */
export async function surveyRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = interactionDeps(platform);
  const config = { access: access.permission('interaction.surveys.manage') };

  app.get('/api/v1/sites/:siteId/surveys', { schema: listSurveysSchema, config }, async (req) => {
    return { items: await listSurveys({ db, actor: req.actor, deps, siteId: req.params.siteId }) };
  });

  app.post('/api/v1/sites/:siteId/surveys', { schema: createSurveySchema, config }, async (req, reply) => {
    return reply.code(201).send({ survey: await createSurvey({ db, actor: req.actor, deps, siteId: req.params.siteId, input: req.body }) });
  });

  app.get('/api/v1/surveys/:id', { schema: surveyDetailSchema, config }, async (req) => {
    return { survey: await surveyDetail({ db, actor: req.actor, deps, surveyId: req.params.id }) };
  });

  app.put('/api/v1/surveys/:id', { schema: updateSurveySchema, config }, async (req) => {
    return { survey: await updateSurvey({ db, actor: req.actor, deps, surveyId: req.params.id, input: req.body }) };
  });

  app.post('/api/v1/surveys/:id/state', { schema: surveyStateSchema, config }, async (req) => {
    return { survey: await setSurveyState({ db, actor: req.actor, deps, surveyId: req.params.id, input: req.body }) };
  });

  app.get('/api/v1/surveys/:id/results', { schema: surveyResultsSchema, config }, async (req) => {
    const survey = await surveyDetail({ db, actor: req.actor, deps, surveyId: req.params.id });
    return { survey, ...(await surveyResults(db, survey)) };
  });

  app.get('/api/v1/surveys/:id/questions/:questionId/answers', { schema: surveyTextAnswersSchema, config }, async (req) => {
    const survey = await surveyDetail({ db, actor: req.actor, deps, surveyId: req.params.id });
    const question = survey.questions.find((q) => q.id === req.params.questionId && q.kind === 'text');
    if (!question) throw new AppError(InteractionErrors['interaction.survey.not_found']);
    const page = req.query.page ?? 1;
    const pageSize = req.query.pageSize ?? 20;
    return { page, pageSize, ...(await textAnswers(db, survey.id, question.id, page, pageSize)) };
  });

  app.get('/api/v1/surveys/:id/responses.csv', { schema: surveyCsvSchema, config }, async (req, reply) => {
    const survey = await surveyDetail({ db, actor: req.actor, deps, surveyId: req.params.id });
    const csv = await surveyCsv(db, survey);
    await deps.audit.append(db, req.actor, { action: 'interaction.survey.export', result: 'success', targetType: 'survey', targetId: survey.id, detail: { siteId: survey.siteId, responses: survey.responseCount } });
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="survey-${survey.id}.csv"`).send(csv);
  });
}
