import { Type } from 'typebox';
import { EpochMs, Id, Obj, errorResponses, SiteCode } from '../../../platform/http/schema.js';
import { Altcha, FindingOut, Nickname, Pending, Status } from '../comments/comments.schemas.js';

const SiteCodeParams = Obj({ siteCode: SiteCode });
const Time = EpochMs;
const Adoption = Type.Union([Type.Literal('adopted'), Type.Literal('partly'), Type.Literal('not_adopted'), Type.Literal('')]);
const State = Type.Union([Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('closed')]);

const ConsultationOut = Obj({
  id: Id, siteId: Id, documentId: Type.Union([Id, Type.Null()]), title: Type.String(), intro: Type.String(), opensAt: Time, closesAt: Time,
  shortReason: Type.String(), state: State, summaryText: Type.String(), summaryPublishedAt: Type.Union([Time, Type.Null()]), createdAt: Time,
});
const ClauseOut = Obj({
  clauseNo: Type.Integer(), heading: Type.String(), text: Type.String(), adoption: Adoption, feedback: Type.String(),
  received: Type.Integer(), published: Type.Integer(),
});
const Counts = Obj({ received: Type.Integer(), published: Type.Integer() });
const OpinionOut = Obj({ id: Id, clauseNo: Type.Union([Type.Integer(), Type.Null()]), nickname: Type.String(), body: Type.String(), submittedAt: Time });

/** An opinion as the public sends it; clauseNo absent = on the whole draft. Contact data optional, sealed with SM4. */
export const OpinionFields = Obj({
  clauseNo: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  body: Type.String({ minLength: 1, maxLength: 3000 }),
  nickname: Nickname,
  contact: Type.Optional(Type.String({ maxLength: 100 })),
  altcha: Altcha,
});

const Editable = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  intro: Type.String({ maxLength: 5000 }),
  draftText: Type.String({ minLength: 1, maxLength: 200_000 }),
  documentId: Type.Union([Id, Type.Null()]),
  opensAt: Time,
  closesAt: Time,
  shortReason: Type.String({ maxLength: 500 }),
};

export const createConsultationSchema = {
  tags: ['interaction'], summary: '发起征求意见 / Open a consultation', params: Obj({ siteId: Id }),
  description: 'draftText is split into clauses at 第X条 headings, or into paragraphs when it has none. At least 30 days open unless shortReason is given.',
  body: Obj({
    title: Editable.title, intro: Type.Optional(Editable.intro), draftText: Editable.draftText, documentId: Type.Optional(Editable.documentId),
    opensAt: Time, closesAt: Time, shortReason: Type.Optional(Editable.shortReason),
  }),
  response: { 201: Obj({ consultation: ConsultationOut }), ...errorResponses(400, 403, 404) },
};

export const updateConsultationSchema = {
  tags: ['interaction'], summary: '修改征求意见 / Update a consultation', params: Obj({ id: Id }),
  body: Obj({
    title: Type.Optional(Editable.title), intro: Type.Optional(Editable.intro), draftText: Type.Optional(Editable.draftText), documentId: Type.Optional(Editable.documentId),
    opensAt: Type.Optional(Time), closesAt: Type.Optional(Time), shortReason: Type.Optional(Editable.shortReason),
  }),
  response: { 200: Obj({ consultation: ConsultationOut }), ...errorResponses(400, 403, 404, 409) },
};

export const listConsultationsSchema = {
  tags: ['interaction'], summary: '征求意见列表（可按网站） / Consultations in scope', querystring: Obj({ siteId: Type.Optional(Id) }),
  response: { 200: Obj({ sites: Type.Array(Obj({ id: Id, name: Type.String() })), items: Type.Array(ConsultationOut) }), ...errorResponses(403, 404) },
};

export const consultationDetailSchema = {
  tags: ['interaction'], summary: '征求意见详情（条款、意见、统计） / Consultation with opinions', params: Obj({ id: Id }),
  response: {
    200: Obj({
      consultation: ConsultationOut, clauses: Type.Array(ClauseOut), overall: Counts,
      opinions: Type.Array(Obj({ id: Id, clauseNo: Type.Union([Type.Integer(), Type.Null()]), nickname: Type.String(), body: Type.String(), submittedAt: Time, status: Status, contact: Type.String(), findings: Type.Array(FindingOut) })),
    }),
    ...errorResponses(403, 404),
  },
};

export const saveSummarySchema = {
  tags: ['interaction'], summary: '填写意见采纳情况及理由 / Write the feedback summary', params: Obj({ id: Id }),
  body: Obj({
    overall: Type.String({ maxLength: 10_000 }),
    clauses: Type.Array(Obj({ clauseNo: Type.Integer({ minimum: 1, maximum: 100_000 }), adoption: Adoption, feedback: Type.String({ maxLength: 5000 }) }), { maxItems: 2000 }),
  }),
  response: { 200: Obj({ ok: Type.Literal(true) }), ...errorResponses(400, 403, 404, 409) },
};

export const publishSummarySchema = {
  tags: ['interaction'], summary: '公布意见采纳情况 / Publish the feedback summary', params: Obj({ id: Id }),
  response: { 200: Obj({ consultation: ConsultationOut }), ...errorResponses(400, 403, 404, 409) },
};

export const publicConsultationsSchema = {
  tags: ['interaction'], summary: '网站公开的征求意见 / Public consultations of a site', params: SiteCodeParams,
  response: { 200: Obj({ items: Type.Array(ConsultationOut) }), ...errorResponses(404) },
};

export const publicConsultationSchema = {
  tags: ['interaction'], summary: '征求意见（草案、已公开意见、反馈） / A public consultation', params: Obj({ siteCode: SiteCodeParams.properties.siteCode, id: Id }),
  response: {
    200: Obj({
      consultation: ConsultationOut, clauses: Type.Array(ClauseOut), overall: Counts, opinions: Type.Array(OpinionOut), summaryPublished: Type.Boolean(),
      document: Type.Union([Type.Null(), Obj({ title: Type.String(), href: Type.String(), attachments: Type.Array(Obj({ name: Type.String(), href: Type.String(), ext: Type.String(), size: Type.Integer() })) })]),
    }),
    ...errorResponses(404),
  },
};

export const submitOpinionSchema = {
  tags: ['interaction'], summary: '提交意见（待审核） / Submit an opinion (moderated)', params: Obj({ siteCode: SiteCodeParams.properties.siteCode, id: Id }), body: OpinionFields,
  response: { 201: Pending, ...errorResponses(400, 404, 409, 429) },
};
