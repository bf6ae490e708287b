import { defineErrors } from '../../platform/http/error-registry.js';

export const ColumnErrors = defineErrors({
  'columns.site_not_found': { status: 404, zh: '站点不存在', en: 'Site not found' },
  'columns.not_found': { status: 404, zh: '栏目不存在或已删除', en: 'Column not found or deleted' },
  'columns.out_of_scope': { status: 403, zh: '该站点的栏目不在您的管理范围内', en: 'The columns of that site are outside your scope' },
  'columns.slug_taken': { status: 409, zh: '同级栏目中已有英文标识（slug）“{slug}”，请换一个', en: 'A sibling column already uses the slug "{slug}"; choose another' },
  'columns.link_url_required': { status: 400, zh: '外链栏目必须填写链接地址（linkUrl），且以 http:// 或 https:// 开头', en: 'A link-out column needs a link URL (linkUrl) starting with http:// or https://' },
  'columns.depth_exceeded': { status: 400, zh: '栏目层级最多 {max} 级，此操作会形成第 {depth} 级（上级栏目 parentId）', en: 'Columns nest at most {max} levels; this would make level {depth} (parentId)' },
  'columns.parent_not_found': { status: 400, zh: '上级栏目（parentId）不存在、已删除或不属于本站点', en: 'The parent column (parentId) does not exist, is deleted or belongs to another site' },
  'columns.move_into_subtree': { status: 409, zh: '不能把栏目移到它自己或它的下级栏目之下（parentId）', en: 'A column cannot move under itself or one of its descendants (parentId)' },
  'columns.merge_target_invalid': { status: 400, zh: '合并目标栏目（intoId）不合适：{reason}', en: 'Unsuitable merge target (intoId): {reasonEn}' },
  'columns.merge_slug_conflict': { status: 409, zh: '合并后下级栏目英文标识重复：{slugs}，请先修改这些栏目的 slug', en: 'After the merge these child slugs would clash: {slugsEn}; change them first' },
  'columns.not_empty': { status: 409, zh: '栏目“{name}”下还有 {documents} 篇文档、{children} 个下级栏目，只能删除空栏目（可先合并到其他栏目）', en: 'Column "{name}" still holds {documents} documents and {children} child columns; only empty columns can be deleted (merge it first)' },
  'columns.workflow_invalid': { status: 400, zh: '审核流程（workflow）不正确：{reason}', en: 'Invalid review chain (workflow): {reasonEn}' },
  'columns.update_days_invalid': { status: 400, zh: '更新周期（updateDays）须为 1–3650 天，或留空表示不要求', en: 'Update rule (updateDays) must be 1–3650 days, or empty for none' },
  'columns.slug_invalid': { status: 400, zh: '英文标识（slug）只能由小写字母、数字和连字符组成，以字母或数字开头，最长 64 个字符', en: 'The slug may contain lower-case letters, digits and hyphens, starting with a letter or digit, at most 64 characters' },
  'columns.slug_reserved': { status: 409, zh: '英文标识（slug）“{slug}”是网站保留的地址（{reserved}），不能用作一级栏目，请换一个', en: 'The slug "{slug}" is a reserved site address ({reservedEn}) and cannot name a top-level column; choose another' },
  'columns.name_invalid': { status: 400, zh: '栏目名称（name）不能为空，且不超过 100 个字', en: 'The column name (name) must be 1–100 characters' },
  // {fault}: SHOWN_TEXT_FAULTS (control or bidi characters, a line break, nothing visible).
  'columns.text_invalid': { status: 400, zh: '{label}（{field}）{fault}', en: '{labelEn} ({field}) {faultEn}' },
});
