import { Type } from 'typebox';
import { Id, Obj, errorResponses } from '../../../platform/http/schema.js';

const Altcha = Type.Optional(Type.String({ maxLength: 4000 }));
const Nickname = Type.Optional(Type.String({ maxLength: 30 }));
const Status = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]);
const FindingOut = Obj({ severity: Type.Union([Type.Literal('block'), Type.Literal('warn')]), message: Type.String(), excerpt: Type.String(), suggestion: Type.String() });
const Pending = Obj({ id: Id, status: Type.Literal('pending') });

/** The comment fields, by JSON or by the article page's form (multipart, the same names). */
export const CommentFields = Obj({
  body: Type.String({ minLength: 1, maxLength: 1000 }),
  nickname: Nickname,
  altcha: Altcha,
});

export const ReportFields = Obj({ reason: Type.String({ minLength: 1, maxLength: 200 }) });

const CommentOut = Obj({ id: Id, nickname: Type.String(), body: Type.String(), submittedAt: Type.Integer() });

export const submitCommentSchema = {
  tags: ['interaction'], summary: '发表评论（待审核） / Comment on a document (moderated)',
  description: 'The column must have comments enabled. `altcha` is the base64 ALTCHA payload. The comment is shown after a moderator approves it.',
  params: Obj({ id: Id }), body: CommentFields,
  response: { 201: Pending, ...errorResponses(400, 403, 404, 429) },
};

export const listCommentsSchema = {
  tags: ['interaction'], summary: '文章的已公开评论 / Approved comments of a document', params: Obj({ id: Id }),
  response: { 200: Obj({ documentId: Id, title: Type.String(), items: Type.Array(CommentOut) }), ...errorResponses(403, 404) },
};

export const reportCommentSchema = {
  tags: ['interaction'], summary: '举报评论 / Report a comment', params: Obj({ id: Id }), body: ReportFields,
  response: { 200: Obj({ ok: Type.Literal(true) }), ...errorResponses(400, 404, 409, 429) },
};

export const moderationQueueSchema = {
  tags: ['interaction'], summary: '评论与意见审核队列 / Moderation queue',
  querystring: Obj({ siteId: Type.Optional(Id), status: Type.Optional(Status) }),
  response: {
    200: Obj({
      items: Type.Array(Obj({
        id: Id, siteId: Id, siteName: Type.String(), kind: Type.Union([Type.Literal('comment'), Type.Literal('opinion')]), status: Status, targetTitle: Type.String(),
        documentId: Type.Union([Id, Type.Null()]), consultationId: Type.Union([Id, Type.Null()]), clauseNo: Type.Union([Type.Integer(), Type.Null()]),
        body: Type.String(), nickname: Type.String(), contact: Type.String(), findings: Type.Array(FindingOut),
        reportCount: Type.Integer(), reportReason: Type.String(), submittedAt: Type.Integer(), moderationNote: Type.String(),
      })),
    }),
    ...errorResponses(403, 404),
  },
};

export const moderateSchema = {
  tags: ['interaction'], summary: '审核评论或意见 / Approve or reject', params: Obj({ id: Id }),
  body: Obj({ decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), note: Type.Optional(Type.String({ maxLength: 500 })) }),
  response: { 200: Obj({ id: Id, status: Status }), ...errorResponses(403, 404, 409) },
};

export { FindingOut, Pending, Altcha, Nickname, Status };
