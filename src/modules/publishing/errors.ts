import { defineErrors } from '../../platform/http/error-registry.js';

export const PublishingErrors = defineErrors({
  'publishing.site_not_found': { status: 404, zh: '网站不存在（siteCode）', en: 'No such site (siteCode)' },
  'publishing.out_of_scope': { status: 403, zh: '您无权重新发布网站“{site}”', en: 'You may not republish site "{site}"' },
  'publishing.all_sites_forbidden': { status: 403, zh: '只有平台级管理员可以重新发布全部网站，请选择一个网站（siteCode）', en: 'Only a platform-wide administrator may republish every site; choose one (siteCode)' },
  'publishing.asset_not_found': { status: 404, zh: '没有这个主题文件', en: 'No such theme asset' },
  'publishing.job_not_found': { status: 404, zh: '发布任务不存在', en: 'No such publishing job' },
  'publishing.theme.unknown_template': { status: 404, zh: '主题中没有模板“{name}”', en: 'The theme has no template "{name}"' },
  'publishing.theme.template_error': { status: 400, zh: '模板无法生成“{page}”页面：{message}', en: 'The template cannot render the "{page}" page: {message}' },
  'publishing.theme.bad_column': { status: 400, zh: '栏目 {id} 不存在或不属于可显示的栏目（{field}）', en: 'Column {id} does not exist or cannot be shown ({field})' },
});
