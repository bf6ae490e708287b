import { Type } from 'typebox';
import { Id, Obj, errorResponses, Day, SiteCode } from '../../platform/http/schema.js';
import { MAX_QUERY_LENGTH } from './parse-query.js';
import { MAX_PAGE_SIZE, MAX_RESULT_WINDOW } from './search-documents.js';
import { MAX_PREFIX_LENGTH, MAX_SUGGESTIONS } from './suggest.js';

const tags = ['search'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Group = Type.Union([Type.Literal('news'), Type.Literal('policy'), Type.Literal('interpretation'), Type.Literal('service')], {
  description: '新闻（文章、通知公告、人事信息）/ 政策（政策文件）/ 解读（政策解读、回应关切、辟谣）/ 服务（服务页面）',
});
const Kind = Type.Union([
  Type.Literal('article'), Type.Literal('notice'), Type.Literal('policy'), Type.Literal('interpretation'), Type.Literal('personnel'),
  Type.Literal('response'), Type.Literal('rumour_rebuttal'), Type.Literal('page'),
]);

export const SearchQuerystring = Obj({
  q: Type.String({ minLength: 1, maxLength: MAX_QUERY_LENGTH, description: '搜索词；引号内为短语；索引号或文号精确查找' }),
  site: Type.Optional(SiteCode),
  column: Type.Optional(Id),
  topic: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: '主题分类（一级或“一级\\二级”）' })),
  genre: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '文种' })),
  group: Type.Optional(Group),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('date')], { default: 'relevance' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RESULT_WINDOW, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })),
});

const Hit = Obj({
  documentId: Type.Integer(),
  title: Type.String({ description: 'HTML：已转义，命中词以 <mark> 标出' }),
  snippet: Type.String({ description: 'HTML：正文摘录，已转义，命中词以 <mark> 标出' }),
  url: Type.String({ description: '站内路径（在所属网站上） / path on the site the document belongs to' }),
  link: Type.String({ description: '所属网站上的完整地址 / absolute address on the site the document belongs to' }),
  siteId: Type.Integer(),
  siteCode: Type.String({ description: '所属网站的网站标识码 / website identifier code of the site it belongs to' }),
  columnId: Type.Integer(),
  kind: Kind,
  group: Group,
  publishedAt: Type.Integer({ description: '首次发布时间，UTC 毫秒' }),
  indexNumber: Nullable(Type.String()),
  documentNumber: Nullable(Type.String()),
  issuingOrgName: Type.String(),
});

export const SearchResultSchema = Obj({
  mode: Type.Union([Type.Literal('exact'), Type.Literal('fulltext')]),
  total: Type.Integer(),
  totalExact: Type.Boolean({ description: 'false：匹配结果超过 1000 条，总数与各类计数为下限' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(Hit),
  groups: Obj({ news: Type.Integer(), policy: Type.Integer(), interpretation: Type.Integer(), service: Type.Integer() }),
  terms: Type.Array(Type.String()),
});

export const publicSearchSchema = {
  tags, summary: '站内搜索（公开） / Search published documents (public)',
  description: '不带 site 时搜索全平台。查询词会以匿名方式记入搜索日志（不记录 IP、用户或会话）。',
  querystring: SearchQuerystring,
  response: { 200: SearchResultSchema, ...errorResponses(400, 404, 429) },
};

export const suggestSchema = {
  tags, summary: '搜索联想词（公开） / Query suggestions (public)',
  querystring: Obj({ prefix: Type.String({ minLength: 1, maxLength: MAX_PREFIX_LENGTH }), site: Type.Optional(SiteCode) }),
  response: { 200: Obj({ items: Type.Array(Type.String(), { maxItems: MAX_SUGGESTIONS }) }), ...errorResponses(400, 404, 429) },
};

export const reindexSchema = {
  tags, summary: '重建搜索索引 / Rebuild the search index',
  description: '后台任务 search.reindex，进度见 /api/v1/jobs/stream?id=…',
  response: { 202: Obj({ id: Id }), ...errorResponses(403) },
};

export const statsSchema = {
  tags, summary: '搜索统计（不含个人信息） / Search statistics (no personal data)',
  querystring: Obj({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30 })), site: Type.Optional(SiteCode) }),
  response: {
    200: Obj({
      from: Type.String(), to: Type.String(), total: Type.Integer(),
      topQueries: Type.Array(Obj({ query: Type.String(), count: Type.Integer(), zeroResults: Type.Integer() })),
      perDay: Type.Array(Obj({ day: Type.String(), count: Type.Integer() })),
      indexed: Type.Integer({ description: '索引中的文档数 / documents in the index' }),
    }),
    ...errorResponses(403, 404),
  },
};
