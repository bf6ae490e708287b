import { Type } from 'typebox';
import { EpochMs, Id, IdParams, Obj, errorResponses, SiteCode } from '../../../platform/http/schema.js';

const tags = ['interaction'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Time = EpochMs;
const StatusSchema = Type.Union([Type.Literal('scheduled'), Type.Literal('live'), Type.Literal('ended'), Type.Literal('archived')]);
const QuestionStatusSchema = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('answered')]);
export const SiteCodeParams = Obj({ siteCode: SiteCode });

const Guest = Obj({ name: Type.String({ maxLength: 50 }), title: Type.String({ maxLength: 100 }), org: Type.String({ maxLength: 100 }) });
const InterviewWrite = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  topic: Type.String({ maxLength: 200 }),
  description: Type.String({ maxLength: 10_000 }),
  guests: Type.Array(Guest, { minItems: 1, maxItems: 20 }),
  scheduledStart: Time,
  scheduledEnd: Time,
};

export const InterviewOut = Obj({
  id: Id, siteId: Id, title: Type.String(), topic: Type.String(), description: Type.String(), guests: Type.Array(Guest),
  scheduledStart: Type.Integer(), scheduledEnd: Type.Integer(), status: StatusSchema, lastSeq: Type.Integer(),
  startedAt: Nullable(Type.Integer()), endedAt: Nullable(Type.Integer()),
});
const QuestionOut = Obj({ id: Id, interviewId: Id, nickname: Type.String(), body: Type.String(), status: QuestionStatusSchema, duringLive: Type.Boolean(), submittedAt: Type.Integer() });
const EntryOut = Obj({
  seq: Type.Integer(), kind: Type.String(), speaker: Type.String(), body: Type.String(), at: Type.Integer(), imageId: Nullable(Type.Integer()),
  question: Nullable(Obj({ id: Id, nickname: Type.String(), body: Type.String() })),
});
const ImageOut = Obj({ id: Id, fileName: Type.String(), mime: Type.String(), size: Type.Integer() });

export const listInterviewsSchema = {
  tags, summary: '在线访谈列表（本人管理范围内的网站） / Interviews of my sites', querystring: Obj({ siteId: Type.Optional(Id) }),
  response: { 200: Obj({ items: Type.Array(InterviewOut) }), ...errorResponses(400, 403, 404) },
};
export const interviewSitesSchema = {
  tags, summary: '可安排访谈的网站 / Sites I may schedule interviews on',
  response: { 200: Obj({ items: Type.Array(Obj({ id: Id, code: Type.String(), name: Type.String() })) }) },
};
export const createInterviewSchema = {
  tags, summary: '安排一场在线访谈 / Schedule an interview', params: Obj({ siteId: Id }),
  body: Obj({ ...InterviewWrite, topic: Type.Optional(InterviewWrite.topic), description: Type.Optional(InterviewWrite.description) }),
  response: { 201: Obj({ interview: InterviewOut }), ...errorResponses(400, 403, 404) },
};
export const updateInterviewSchema = {
  tags, summary: '修改访谈安排 / Update an interview', params: IdParams,
  body: Type.Partial(Obj(InterviewWrite)),
  response: { 200: Obj({ interview: InterviewOut }), ...errorResponses(400, 403, 404, 409) },
};
export const interviewDetailSchema = {
  tags, summary: '访谈控制台：访谈、图片与文字实录 / Console view of an interview', params: IdParams,
  response: { 200: Obj({ interview: InterviewOut, images: Type.Array(ImageOut), entries: Type.Array(EntryOut) }), ...errorResponses(403, 404) },
};
export const interviewStatusSchema = {
  tags, summary: '开始、结束或归档访谈 / Start, end or archive', params: IdParams,
  body: Obj({ action: Type.Union([Type.Literal('start'), Type.Literal('end'), Type.Literal('archive')]) }),
  response: { 200: Obj({ interview: InterviewOut }), ...errorResponses(400, 403, 404, 409) },
};
export const interviewQuestionsSchema = {
  tags, summary: '网友提问（主持人审核队列） / Questions of an interview', params: IdParams,
  querystring: Obj({ status: Type.Optional(QuestionStatusSchema) }),
  response: { 200: Obj({ items: Type.Array(QuestionOut) }), ...errorResponses(400, 403, 404) },
};
export const questionEventsSchema = {
  tags, summary: '网友提问变化的实时推送（SSE） / Live notice that an interview\'s questions changed (server-sent events)', params: IdParams,
  description: '`text/event-stream`: `event: questions` 携带 {id}（有新提问或提问已审核，控制台据此重新读取队列）；每 15 秒一条注释心跳。',
};
export const decideQuestionSchema = {
  tags, summary: '审核网友提问 / Approve or reject a question', params: IdParams,
  body: Obj({ decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]) }),
  response: { 200: Obj({ question: QuestionOut }), ...errorResponses(400, 403, 404, 409) },
};
export const postEntrySchema = {
  tags, summary: '发布嘉宾答复或主持人发言 / Post an answer or a remark', params: IdParams,
  body: Obj({
    kind: Type.Union([Type.Literal('answer'), Type.Literal('remark')]), body: Type.String({ minLength: 1, maxLength: 10_000 }),
    speaker: Type.Optional(Type.String({ maxLength: 100 })), questionId: Type.Optional(Id), imageId: Type.Optional(Id),
  }),
  response: { 201: Obj({ seq: Type.Integer() }), ...errorResponses(400, 403, 404, 409) },
};
export const uploadImageSchema = {
  tags, summary: '上传访谈图片（multipart 字段 file） / Upload a picture', params: IdParams, consumes: ['multipart/form-data'],
  response: { 201: Obj({ image: ImageOut }), ...errorResponses(400, 403, 404, 413, 415) },
};

// Public side.
export const QuestionFields = Obj({
  body: Type.String({ minLength: 1, maxLength: 1000 }),
  nickname: Type.Optional(Type.String({ maxLength: 30 })),
  altcha: Type.Optional(Type.String({ maxLength: 4000 })),
});
export const publicInterviewsSchema = {
  tags, summary: '网站的在线访谈（预告、直播、往期） / Interviews of a site', params: SiteCodeParams,
  response: { 200: Obj({ items: Type.Array(InterviewOut) }), ...errorResponses(400, 404) },
};
export const publicInterviewSchema = {
  tags, summary: '一场访谈：介绍、已审核的提问与文字实录 / One interview', params: IdParams,
  response: { 200: Obj({ interview: InterviewOut, images: Type.Array(ImageOut), questions: Type.Array(QuestionOut), entries: Type.Array(EntryOut) }), ...errorResponses(400, 404) },
};
export const submitQuestionSchema = {
  tags, summary: '向访谈提问（需人机验证，审核后公开） / Ask a question', params: IdParams, body: QuestionFields,
  response: { 201: Obj({ id: Id, status: QuestionStatusSchema }), ...errorResponses(400, 404, 409, 429) },
};
export const interviewEventsSchema = {
  tags, summary: '访谈文字实录的实时推送（SSE） / Live transcript (server-sent events)',
  description: '`text/event-stream`：每条实录一个事件（`id` 为序号，`event: entry`，`data` 为 JSON）；重连时带 `Last-Event-ID` 只补发之后的条目；每 15 秒一条注释心跳；本进程连接数已满时 503。',
  params: IdParams, querystring: Obj({ after: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })) }),
};
export const interviewImageSchema = { tags, summary: '访谈图片 / A picture of an interview', params: IdParams };
