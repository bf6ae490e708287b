import { Type, type Static } from 'typebox';
import { EpochMs, Id, Obj, Page, Version, errorResponses } from '../../../platform/http/schema.js';

const Label = Type.String({ minLength: 1, maxLength: 200 });
const Time = Type.Union([EpochMs, Type.Null()]);

/**
 * One question as the builder sends it. One flat shape for every kind (so a schema error names
 * the field rather than listing the five alternatives); which fields a kind needs and allows is
 * checked by validateDefinition, with messages naming the question and the field.
 */
export const QuestionIn = Obj({
  kind: Type.Union([Type.Literal('single'), Type.Literal('multiple'), Type.Literal('text'), Type.Literal('rating'), Type.Literal('matrix')]),
  title: Type.String({ minLength: 1, maxLength: 500 }),
  required: Type.Boolean(),
  options: Type.Optional(Type.Array(Label, { maxItems: 30 })),
  minChoices: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
  maxChoices: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  scale: Type.Optional(Type.Union([Type.Literal(5), Type.Literal(10)])),
  rows: Type.Optional(Type.Array(Label, { maxItems: 30 })),
  columns: Type.Optional(Type.Array(Label, { maxItems: 10 })),
});
export type QuestionInput = Static<typeof QuestionIn>;

export const SurveyIn = Obj({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 5000 }),
  opensAt: Time,
  closesAt: Time,
  questions: Type.Array(QuestionIn, { minItems: 1, maxItems: 100 }),
});
export type SurveyInput = Static<typeof SurveyIn>;

const QuestionOut = Obj({
  id: Id, position: Type.Integer(), kind: Type.String(), title: Type.String(), required: Type.Boolean(),
  options: Type.Array(Type.String()), minChoices: Type.Integer(), maxChoices: Type.Integer(), maxLength: Type.Integer(),
  scale: Type.Integer(), rows: Type.Array(Type.String()), columns: Type.Array(Type.String()),
});

const SurveySummary = {
  id: Id, siteId: Id, title: Type.String(), description: Type.String(), status: Type.String(), phase: Type.String(),
  opensAt: Time, closesAt: Time, resultsPublic: Type.Boolean(), responseCount: Type.Integer(), version: Type.Integer(),
  createdAt: Type.Integer(), updatedAt: Type.Integer(),
};
const SurveyOut = Obj({ ...SurveySummary, questions: Type.Array(QuestionOut) });
const SiteIdParams = Obj({ siteId: Id });
const IdOnly = Obj({ id: Id });
const tags = ['interaction'];

export const listSurveysSchema = {
  tags, summary: '网站的在线调查 / Surveys of a site', params: SiteIdParams,
  response: { 200: Obj({ items: Type.Array(Obj(SurveySummary)) }), ...errorResponses(403, 404) },
};

export const createSurveySchema = {
  tags, summary: '新建在线调查（草稿） / Create a survey (draft)', params: SiteIdParams, body: SurveyIn,
  response: { 201: Obj({ survey: SurveyOut }), ...errorResponses(400, 403, 404) },
};

export const surveyDetailSchema = {
  tags, summary: '在线调查及其题目 / A survey with its questions', params: IdOnly,
  response: { 200: Obj({ survey: SurveyOut }), ...errorResponses(403, 404) },
};

export const updateSurveySchema = {
  tags, summary: '修改在线调查（有答卷后题目不能再改） / Update a survey', params: IdOnly,
  body: Obj({ ...SurveyIn.properties, version: Version }),
  response: { 200: Obj({ survey: SurveyOut }), ...errorResponses(400, 403, 404, 409) },
};

export const surveyStateSchema = {
  tags, summary: '发布、结束调查，公开或撤回结果 / Open, close, publish results', params: IdOnly,
  body: Obj({
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('open'), Type.Literal('closed')])),
    resultsPublic: Type.Optional(Type.Boolean()),
  }),
  response: { 200: Obj({ survey: SurveyOut }), ...errorResponses(400, 403, 404, 409) },
};

const Count = Obj({ label: Type.String(), count: Type.Integer() });
export const QuestionResultOut = Obj({
  questionId: Id, kind: Type.String(), title: Type.String(), answered: Type.Integer(),
  counts: Type.Array(Count),
  average: Type.Union([Type.Number(), Type.Null()]),
  matrix: Type.Array(Obj({ row: Type.String(), counts: Type.Array(Type.Integer()) })),
  columns: Type.Array(Type.String()),
});

export const surveyResultsSchema = {
  tags, summary: '调查结果统计 / Survey results', params: IdOnly,
  response: { 200: Obj({ survey: SurveyOut, responses: Type.Integer(), questions: Type.Array(QuestionResultOut) }), ...errorResponses(403, 404) },
};

export const surveyTextAnswersSchema = {
  tags, summary: '文本题的回答（分页） / Text answers, paged', params: Obj({ id: Id, questionId: Id }),
  querystring: Obj({ page: Type.Optional(Page), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }),
  response: { 200: Obj({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(Obj({ text: Type.String(), submittedAt: Type.Integer() })) }), ...errorResponses(403, 404) },
};

export const surveyCsvSchema = {
  tags, summary: '导出答卷（CSV，UTF-8 带 BOM） / Export responses as CSV', params: IdOnly,
  response: { ...errorResponses(403, 404) },
};
