import { Type } from 'typebox';
import { Id, IdParams, Obj } from '../../../platform/http/schema.js';

const tags = ['placements'];
const Mode = Type.Union([Type.Literal('reference'), Type.Literal('copy')]);
const Status = Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('declined'), Type.Literal('removed')]);
const Kind = Type.Union([Type.Literal('article'), Type.Literal('notice'), Type.Literal('policy'), Type.Literal('interpretation'), Type.Literal('personnel'),
  Type.Literal('response'), Type.Literal('rumour_rebuttal'), Type.Literal('page')]);
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 }));
const Cursor = Type.Optional(Type.String({ maxLength: 100 }));

export const librarySchema = {
  tags, summary: '资源库：全平台已发布稿件 / Resource library: published documents of every site',
  querystring: Obj({
    siteId: Type.Optional(Id), columnId: Type.Optional(Id), kind: Type.Optional(Kind),
    q: Type.Optional(Type.String({ maxLength: 100 })), cursor: Cursor, limit: Limit,
  }),
};

export const placeSchema = {
  tags, summary: '把已发布稿件放入其他栏目（引用或复制） / Place a published document into a column (reference or copy)',
  params: IdParams,
  body: Obj({ columnId: Id, mode: Mode }),
};

export const documentPlacementsSchema = {
  tags, summary: '稿件的来源与去向 / Where a document came from and where it is placed', params: IdParams,
};

export const listPlacementsSchema = {
  tags, summary: '接收的引用（按站点、状态） / Placements into my columns',
  querystring: Obj({ siteId: Type.Optional(Id), status: Type.Optional(Status), mode: Type.Optional(Mode), cursor: Cursor, limit: Limit }),
};

export const decideSchema = {
  tags, summary: '采用、不予采用或移除引用 / Accept, decline or remove a placement',
  params: IdParams,
  body: Obj({ reason: Type.Optional(Type.String({ maxLength: 500 })) }),
};
