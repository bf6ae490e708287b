import { defineErrors } from '../../platform/http/error-registry.js';

/** Error codes of documents, editions, attachments and revision diffs. */
export const ContentErrors = defineErrors({
  'content.document.invalid': {
    status: 400,
    zh: '稿件信息有误：{summary}',
    en: 'The document has invalid fields: {summaryEn}',
  },
  'content.document.not_found': {
    status: 404,
    zh: '稿件不存在或您无权查看',
    en: 'Document not found, or you may not see it',
  },
  'content.document.out_of_scope': {
    status: 403,
    zh: '您在该稿件所在栏目没有“{permission}”权限',
    en: 'You do not hold "{permission}" on the column of this document',
  },
  'content.document.stale': {
    status: 409,
    zh: '该稿件已被 {name} 于 {time} 修改，请刷新后再编辑',
    en: 'This document was changed by {name} at {time}; reload it before editing',
  },
  'content.document.not_editable': {
    status: 409,
    zh: '稿件当前状态为“{status}”，不能修改（请等待审核结束或撤回后再编辑）',
    en: 'The document is "{status}" and cannot be changed now (wait for the review to end, or recall it)',
  },
  'content.column.not_found': {
    status: 400,
    zh: '栏目（columnId）不存在或已删除',
    en: 'The column (columnId) does not exist or was deleted',
  },
  'content.column.out_of_scope': {
    status: 403,
    zh: '您在栏目“{column}”没有撰写稿件的权限',
    en: 'You may not write documents in column "{column}"',
  },
  'content.org.out_of_scope': {
    status: 403,
    zh: '发布机构（orgId）“{org}”不在您的管理范围内，不能以其名义发文',
    en: 'The issuing organization (orgId) "{org}" is outside your scope: you may not file documents under it',
  },
  'content.column.not_for_documents': {
    status: 400,
    zh: '栏目“{column}”是外链栏目，不能发布稿件',
    en: 'Column "{column}" is a link-out column and cannot hold documents',
  },
  'content.index_number.no_org_code': {
    status: 400,
    zh: '发布机构“{org}”没有登记 9 位组织机构代码或 18 位统一社会信用代码，无法生成索引号（orgId）',
    en: 'Issuing organization "{org}" has no 9-character organization code or 18-character credit code, so no index number can be allocated (orgId)',
  },
  'content.edition.not_found': {
    status: 404,
    zh: '稿件版本不存在',
    en: 'Edition not found',
  },
  'content.edition.bad_transition': {
    status: 409,
    zh: '稿件版本不能从“{from}”变为“{to}”',
    en: 'An edition cannot go from "{from}" to "{to}"',
  },
  'content.list.bad_cursor': {
    status: 400,
    zh: '翻页游标（cursor）无效，请从第一页重新查询',
    en: 'Invalid page cursor; start again from the first page',
  },
  'content.attachment.not_found': {
    status: 404,
    zh: '附件不存在或您无权查看',
    en: 'Attachment not found, or you may not see it',
  },
  'content.attachment.missing_file': {
    status: 400,
    zh: '请选择要上传的文件（表单字段 file）',
    en: 'Choose a file to upload (form field "file")',
  },
  'content.attachment.extension_not_allowed': {
    status: 415,
    zh: '不允许上传扩展名为“{ext}”的文件；允许的类型：{allowed}',
    en: 'Files with extension "{ext}" are not allowed; allowed: {allowed}',
  },
  'content.attachment.type_mismatch': {
    status: 415,
    zh: '文件内容与扩展名“{ext}”不符（检测到：{detected}），请上传真实的{expected}文件',
    en: 'The file content does not match its extension "{ext}" (detected: {detected}); upload a real {expected} file',
  },
  'content.attachment.too_large': {
    status: 413,
    zh: '文件超过大小上限 {limit}',
    en: 'The file is larger than the limit of {limit}',
  },
  'content.attachment.empty': {
    status: 400,
    zh: '上传的文件是空的',
    en: 'The uploaded file is empty',
  },
  'content.attachment.not_draft': {
    status: 409,
    zh: '只能删除草稿版本中的附件；已提交或已发布版本的附件不能删除',
    en: 'Only attachments of a draft edition can be deleted',
  },
  'content.attachment.file_missing': {
    status: 410,
    zh: '附件文件已不在存储中，请联系管理员',
    en: 'The attachment file is no longer in the store; contact the administrator',
  },
  'content.placement.source_not_published': {
    status: 409,
    zh: '只有已发布的稿件才能放入资源库供其他栏目引用或复制（当前状态：{status}）',
    en: 'Only a published document can be placed in other columns (it is "{status}")',
  },
  'content.placement.same_column': {
    status: 409,
    zh: '稿件已在栏目“{column}”中，不能再放入同一栏目',
    en: 'The document already lives in column "{column}"',
  },
  'content.placement.duplicate': {
    status: 409,
    zh: '该稿件已放入栏目“{column}”（{mode}，状态：{status}），不能重复放置',
    en: 'The document is already placed in column "{column}" ({mode}, {status})',
  },
  'content.placement.not_found': {
    status: 404,
    zh: '引用记录不存在或您无权查看',
    en: 'Placement not found, or you may not see it',
  },
  'content.placement.not_pending': {
    status: 409,
    zh: '该引用已处理（状态：{status}），不能再次审核',
    en: 'This placement was already decided ({status})',
  },
  'content.placement.not_active': {
    status: 409,
    zh: '该引用已不在栏目中（状态：{status}）',
    en: 'This placement is no longer active ({status})',
  },
  'content.placement.out_of_scope': {
    status: 403,
    zh: '您在栏目“{column}”没有“{permission}”权限',
    en: 'You do not hold "{permission}" on column "{column}"',
  },
  'content.placement.self_decision': {
    status: 403,
    zh: '不能审核自己提交的引用，请由接收栏目的其他审核人员处理',
    en: 'You cannot decide on a placement you requested; another reviewer of the receiving column must',
  },
  'content.placement.copy_is_document': {
    status: 409,
    zh: '复制的稿件已是本站独立稿件，请在稿件中撤稿，而不是移除引用',
    en: 'A copy is a document of this site in its own right; withdraw the document instead',
  },
  'content.placement.reason_required': {
    status: 400,
    zh: '请填写不予引用的理由（reason）',
    en: 'Give a reason for declining (reason)',
  },
  'content.diff.bad_editions': {
    status: 400,
    zh: '请选择同一稿件的两个版本进行比较（from、to）',
    en: 'Choose two editions of this document to compare (from, to)',
  },
});
