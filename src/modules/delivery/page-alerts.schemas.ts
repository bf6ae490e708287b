import { Type } from 'typebox';
import { Id, Obj, Page, PageSize, errorResponses, SiteCode } from '../../platform/http/schema.js';

const tags = ['pages'];

const Kind = Type.Union([Type.Literal('modified'), Type.Literal('missing'), Type.Literal('added'), Type.Literal('manifest')]);
const Source = Type.Union([Type.Literal('request'), Type.Literal('watcher')]);
const Action = Type.Union([Type.Literal('restored'), Type.Literal('removed'), Type.Literal('blocked'), Type.Literal('failed')]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

const AlertSchema = Obj({
  id: Type.Integer(), siteCode: Type.String(), siteName: Type.String(), file: Type.String(), kind: Kind, detectedBy: Source, action: Action,
  detail: Type.String(), createdAt: Type.Integer(), acknowledgedBy: NullableInt, acknowledgedAt: NullableInt, ackNote: Type.Union([Type.String(), Type.Null()]),
});

export const listPageAlertsSchema = {
  tags, summary: '网页防篡改告警 / Page tamper alerts',
  description: '发布的页面文件被改动、删除或被放入未发布的文件，或清单签名校验失败时产生。status=open 只列未确认的。',
  querystring: Obj({
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('acknowledged')])),
    site: Type.Optional(SiteCode),
    page: Type.Optional(Page),
    pageSize: Type.Optional(PageSize),
  }),
  response: { 200: Obj({ total: Type.Integer(), items: Type.Array(AlertSchema) }), ...errorResponses(400, 403) },
};

export const acknowledgePageAlertSchema = {
  tags, summary: '确认防篡改告警 / Acknowledge a page tamper alert',
  params: Obj({ id: Id }),
  body: Type.Optional(Obj({ note: Type.Optional(Type.String({ maxLength: 500 })) })),
  response: { 200: Obj({ alert: AlertSchema }), ...errorResponses(403, 404, 409) },
};
