import { Type } from 'typebox';
import { Obj, errorResponses, Day, SiteCode } from '../../platform/http/schema.js';

const tags = ['analytics'];

export const trafficSchema = {
  tags, summary: '访问统计：浏览量与独立访客（不追踪个人） / Traffic: page views and unique visitors (no one is tracked)',
  querystring: Obj({
    site: Type.Optional(SiteCode),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: '最近 N 天（默认 30） / the last N days (default 30)' })),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: '自然年（年度报表） / a calendar year (the annual report)' })),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
  }),
  response: {
    200: Obj({
      scope: Type.Union([Type.Literal('site'), Type.Literal('all'), Type.Literal('sites')]),
      from: Type.String(), to: Type.String(),
      views: Type.Integer({ description: '浏览量（PV） / page views' }),
      visitors: Type.Integer({ description: '独立访客（UV），按站按日去重后相加 / unique visitors per site and day, summed' }),
      perDay: Type.Array(Obj({ day: Type.String(), views: Type.Integer(), visitors: Type.Integer() })),
      topPages: Type.Array(Obj({ siteCode: Type.String(), siteName: Type.String(), path: Type.String(), url: Type.String(), views: Type.Integer() })),
      topSites: Type.Array(Obj({ siteCode: Type.String(), siteName: Type.String(), views: Type.Integer(), visitors: Type.Integer() })),
    }),
    ...errorResponses(400, 403, 404),
  },
};
