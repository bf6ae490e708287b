import { defineErrors } from '../../platform/http/error-registry.js';

/** Error codes of search. */
export const SearchErrors = defineErrors({
  'search.query_too_long': { status: 400, zh: '搜索词过长，请不超过 {max} 个字', en: 'The search query is too long; use at most {max} characters' },
  'search.bad_date': { status: 400, zh: '日期“{value}”无效，应为 YYYY-MM-DD 格式的真实日期', en: 'Date "{value}" is invalid; use a real date as YYYY-MM-DD' },
  'search.bad_range': { status: 400, zh: '起始日期 {from} 晚于截止日期 {to}', en: 'Start date {from} is after end date {to}' },
  'search.page_too_deep': {
    status: 400,
    zh: '最多只能查看前 {max} 条结果，请增加关键词或使用筛选条件缩小范围',
    en: 'Only the first {max} results can be paged through; add words or filters to narrow the search',
  },
  'search.site_not_found': { status: 404, zh: '网站标识码为 {code} 的网站不存在或未开放', en: 'No open site has the identifier code {code}' },
});
