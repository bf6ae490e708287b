import { Type } from 'typebox';
import { errorResponses, Id, IdParams, Obj } from '../../../platform/http/schema.js';
import { Nullable, SiteCodeParams } from '../letters.schemas.js';

const Figures = Obj({
  period: Type.String({ description: "'2026-11' or '2026'" }), label: Type.String(),
  received: Type.Integer(), accepted: Type.Integer(), closed: Type.Integer(), onTime: Type.Integer(), rated: Type.Integer(), satisfied: Type.Integer(),
  onTimeRate: Nullable(Type.Number({ description: 'percent' })), averageWorkingDays: Nullable(Type.Number()), satisfactionRate: Nullable(Type.Number({ description: 'percent' })),
});

const Statistics = Obj({ computedAt: Nullable(Type.Integer()), thisMonth: Figures, thisYear: Figures, months: Type.Array(Figures) });
const SiteStatistics = Obj({ code: Type.String(), name: Type.String(), statistics: Statistics });

export const publicStatisticsSchema = {
  tags: ['interaction'], summary: '信件公开统计（本月、本年、近12个月；门户网站含本地区合计） / Public letter statistics',
  params: SiteCodeParams,
  response: {
    200: Obj({
      site: SiteStatistics,
      region: Nullable(Obj({ orgId: Id, name: Type.String(), statistics: Statistics, sites: Type.Array(SiteStatistics) })),
    }),
    ...errorResponses(400, 404),
  },
};

export const consoleStatisticsSchema = {
  tags: ['interaction'], summary: '信件统计（管理范围内的网站与地区） / Letter statistics of the sites and regions in scope',
  response: {
    200: Obj({
      computedAt: Nullable(Type.Integer()),
      sites: Type.Array(Obj({ siteId: Id, code: Type.String(), name: Type.String(), statistics: Statistics })),
      regions: Type.Array(Obj({ orgId: Id, name: Type.String(), portalSiteId: Id, siteIds: Type.Array(Id), statistics: Statistics })),
    }),
    ...errorResponses(401, 403),
  },
};

export const refreshStatisticsSchema = {
  tags: ['interaction'], summary: '刷新信件统计（后台任务） / Refresh the letter statistics (a job)',
  response: { 202: Obj({ id: Id }), ...errorResponses(401, 403) },
};

export const refreshJobSchema = {
  tags: ['interaction'], summary: '统计刷新任务的进度 / Progress of a statistics refresh', params: IdParams,
  response: {
    200: Obj({ id: Id, status: Type.String(), progress: Type.Number(), progressMessage: Type.String(), lastError: Nullable(Type.String()) }),
    ...errorResponses(400, 401, 403, 404),
  },
};
