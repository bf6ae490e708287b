import { defineErrors } from '../../platform/http/error-registry.js';

/**
 * Error codes of 互动交流. Messages for citizens say what to do and never repeat what they
 * typed: a submitted value may be personal data, and problem documents end up in logs.
 */
export const InteractionErrors = defineErrors({
  'interaction.site.not_found': { status: 404, zh: '网站不存在', en: 'Site not found' },
  'interaction.site.out_of_scope': { status: 403, zh: '网站“{site}”不在您的管理范围内', en: 'Site "{site}" is outside your scope' },
  'interaction.mailbox.not_found': { status: 404, zh: '信箱不存在', en: 'Mailbox not found' },
  'interaction.mailbox.unavailable': { status: 400, zh: '所选信箱（mailboxId）不存在或已停用，请重新选择', en: 'The chosen mailbox (mailboxId) does not exist or is closed' },
  'interaction.mailbox.site_mailbox_fixed': { status: 400, zh: '网站信箱是每个网站必备的信箱，不能停用', en: 'The site mailbox every site has cannot be disabled' },
  'interaction.captcha.missing': { status: 400, zh: '请先完成人机验证（altcha）：页面需要启用 JavaScript 才能完成验证', en: 'Complete the captcha (altcha) first; it needs JavaScript' },
  'interaction.captcha.invalid': { status: 400, zh: '人机验证（altcha）未通过，请刷新页面后重新验证', en: 'The captcha (altcha) failed; reload the page and try again' },
  'interaction.captcha.expired': { status: 400, zh: '人机验证（altcha）已过期，请刷新页面后重新验证', en: 'The captcha (altcha) has expired; reload the page and try again' },
  'interaction.captcha.used': { status: 400, zh: '人机验证（altcha）已使用过，请刷新页面后重新验证', en: 'The captcha (altcha) has already been used; reload the page and try again' },
  'interaction.idempotency.bad_key': { status: 400, zh: '请求标识（idempotencyKey）格式不正确：应为 16–64 位字母、数字、“-”或“_”', en: 'The idempotency key (idempotencyKey) must be 16–64 letters, digits, "-" or "_"' },
  'interaction.phone.bad_format': { status: 400, zh: '联系电话（phone）格式不正确，应为 11 位手机号码或带区号的固定电话', en: 'The phone number (phone) is malformed: an 11-digit mobile number or a landline with area code' },
  'interaction.email.bad_format': { status: 400, zh: '电子邮箱（email）格式不正确', en: 'The email address (email) is malformed' },
  'interaction.id_number.bad_format': { status: 400, zh: '身份证号码（idNumber）格式不正确，应为 18 位（最后一位可为 X）', en: 'The ID number (idNumber) is malformed: 18 characters, the last may be X' },
  'interaction.blank': { status: 400, zh: '{label}（{field}）不能为空', en: '{label} ({field}) must not be blank' },
  'interaction.attachment.too_many': { status: 400, zh: '附件（attachments）最多 {max} 个', en: 'At most {max} attachments' },
  'interaction.attachment.too_large': { status: 413, zh: '附件（attachments）第 {n} 个文件超过大小上限 {limit}', en: 'Attachment {n} is larger than {limit}' },
  'interaction.attachment.type_not_allowed': { status: 415, zh: '附件（attachments）第 {n} 个文件的类型不允许：只接受扩展名为 .pdf、.jpg、.jpeg、.png 的文件', en: 'Attachment {n} is not allowed: .pdf, .jpg, .jpeg or .png only' },
  'interaction.attachment.disguised': { status: 415, zh: '附件（attachments）第 {n} 个文件的内容与扩展名不符，已拒绝', en: 'The content of attachment {n} does not match its extension' },
  'interaction.attachment.empty': { status: 400, zh: '附件（attachments）第 {n} 个文件是空文件', en: 'Attachment {n} is empty' },
  'interaction.lookup.failed': { status: 400, zh: '查询编号或查询密码不正确，或尝试次数过多请稍后再试', en: 'Wrong query code or password, or too many tries: try again later' },
  'interaction.letter.not_found': { status: 404, zh: '信件不存在', en: 'Letter not found' },
  'interaction.letter.out_of_scope': { status: 403, zh: '该信件不在您的办理范围内', en: 'The letter is outside your scope' },
  'interaction.letter.illegal_transition': { status: 409, zh: '信件当前状态为“{status}”，不能执行“{action}”', en: 'The letter is "{status}": "{action}" is not possible' },
  'interaction.letter.conflict': { status: 409, zh: '信件已被他人处理（version 已变化），请刷新后重试', en: 'The letter was changed meanwhile (version); reload and retry' },
  'interaction.letter.reason_required': { status: 400, zh: '请填写理由（reason）', en: 'A reason (reason) is required' },
  'interaction.letter.self_review': { status: 403, zh: '不能审核自己起草的答复（reply）', en: 'Nobody reviews their own reply' },
  'interaction.letter.bad_merge_target': { status: 400, zh: '合并目标信件（intoLetterId）不存在、不在同一网站或已办结', en: 'The merge target (intoLetterId) is missing, on another site or closed' },
  'interaction.letter.bad_unit': { status: 400, zh: '承办单位（orgId）不存在或与当前承办单位相同', en: 'The handling unit (orgId) does not exist or is the current one' },
  'interaction.letter.extension_pending': { status: 409, zh: '已有待审批的延期申请（days）', en: 'An extension request (days) is already pending' },
  'interaction.letter.no_extension': { status: 409, zh: '没有待审批的延期申请', en: 'No extension request is pending' },
  'interaction.letter.already_reopened': { status: 409, zh: '每封信件只能申请重新办理一次', en: 'A letter can be reopened once only' },
  'interaction.reply_template.not_found': { status: 404, zh: '答复模板不存在', en: 'Reply template not found' },
});
