import { defineErrors } from '../../platform/http/error-registry.js';

/** Error codes of 访问统计. */
export const AnalyticsErrors = defineErrors({
  'analytics.site_not_found': { status: 404, zh: '网站标识码为 {code} 的网站不存在', en: 'No site has the identifier code {code}' },
  'analytics.bad_date': { status: 400, zh: '日期“{value}”无效，应为 YYYY-MM-DD 格式的真实日期', en: 'Date "{value}" is invalid; use a real date as YYYY-MM-DD' },
  'analytics.bad_range': { status: 400, zh: '统计区间无效：起始日期 {from} 晚于截止日期 {to}，或超过 366 天', en: 'Invalid range: {from} is after {to}, or the range is longer than 366 days' },
});
