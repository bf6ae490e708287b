import { Type } from 'typebox';
import { EpochMs, Id, IdParams, Obj } from '../../platform/http/schema.js';

const tags = ['review'];
const Step = Type.Integer({ minimum: 0, maximum: 50, description: '审核步骤序号（从 0 开始，保密审查为最后一步） / step index, secrecy review last' });
const Reason = Type.String({ minLength: 1, maxLength: 1000 });
/** Epoch milliseconds (UTC), up to the platform's MAX_EPOCH_MS: a later instant is no date a page can show. */
const Time = EpochMs;

export const submitSchema = { tags, summary: '提交审核 / Submit for review', params: IdParams };

export const approveSchema = {
  tags, summary: '审核通过当前步骤 / Approve the current step',
  params: IdParams,
  body: Obj({ step: Step, editionId: Type.Optional(Id), comment: Type.Optional(Type.String({ maxLength: 1000 })) }),
};

export const rejectSchema = {
  tags, summary: '退回（需填写原因） / Reject back to the author (reason required)',
  params: IdParams,
  body: Obj({ step: Step, reason: Reason, editionId: Type.Optional(Id) }),
};

export const scheduleSchema = {
  tags, summary: '定时发布与定时下线 / Schedule publish and unpublish',
  params: IdParams,
  body: Type.Object({
    publishAt: Type.Optional(Type.Union([Time, Type.Null()])),
    unpublishAt: Type.Optional(Type.Union([Time, Type.Null()])),
  }, { additionalProperties: false, minProperties: 1 }),
};

export const withdrawSchema = {
  tags, summary: '撤稿 / Withdraw a published document',
  params: IdParams,
  body: Obj({ reason: Reason, showPublicly: Type.Boolean(), redirectTo: Type.Optional(Type.String({ maxLength: 1000 })) }),
};

export const fastTrackSchema = {
  tags, summary: '紧急发布（先发布后审核） / Emergency fast track (publish first, review after)',
  params: IdParams,
  body: Obj({ reason: Reason }),
};

export const postReviewSchema = {
  tags, summary: '紧急发布的事后审核 / Post-review of a fast-tracked publication',
  params: IdParams,
  body: Obj({ note: Type.Optional(Type.String({ maxLength: 1000 })) }),
};

export const policyLinkSchema = {
  tags, summary: '重大政策标记与解读关联 / Major-policy flag and interpretation link',
  params: IdParams,
  body: Type.Object({
    isMajor: Type.Optional(Type.Boolean()),
    interpretsId: Type.Optional(Type.Union([Id, Type.Null()])),
  }, { additionalProperties: false, minProperties: 1 }),
};

export const reviewViewSchema = { tags, summary: '审核视图：流程、检查结果、历史与关联 / Review view: chain, checks, history, links', params: IdParams };
export const inboxSchema = { tags, summary: '我的待办 / My review tasks' };
export const countsSchema = { tags, summary: '我的待办数量（按步骤） / My task counts per step' };
export const fastTrackedSchema = { tags, summary: '待事后审核的紧急发布 / Fast-tracked publications awaiting post-review' };
