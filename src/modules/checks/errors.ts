import { defineErrors } from '../../platform/http/error-registry.js';

/** Error codes of the machine checks (dictionary and rule settings). */
export const ChecksErrors = defineErrors({
  'checks.forbidden': {
    status: 403,
    zh: '查看检查词库和规则需要“文档查看”或“检查规则管理”权限',
    en: 'Viewing the check dictionary and rules needs the documents.read or checks.manage permission',
  },
  'checks.dictionary.not_found': { status: 404, zh: '词条（id={id}）不存在', en: 'Dictionary entry {id} not found' },
  'checks.dictionary.duplicate': {
    status: 409,
    zh: '词条（phrase）“{phrase}”已在词库中，请修改已有词条',
    en: 'The phrase "{phrase}" is already in the dictionary; edit the existing entry',
  },
  'checks.dictionary.bad_phrase': {
    status: 400,
    zh: '词条（phrase）“{phrase}”格式不正确：{reason}',
    en: 'The phrase "{phrase}" is malformed: {reason}',
  },
  'checks.dictionary.bad_characters': {
    status: 400,
    zh: '{label}（{field}）含有不允许的字符（控制字符或文字方向控制符），请删除这些字符',
    en: 'The {labelEn} ({field}) contains characters that are not allowed (control characters or bidirectional controls); remove them',
  },
  'checks.dictionary.bad_category': {
    status: 400,
    zh: '词条类别（category）“{value}”无效，应为 banned、outdated_name、miswritten 或 commercial_domain',
    en: 'Category "{value}" is invalid; use banned, outdated_name, miswritten or commercial_domain',
  },
  'checks.dictionary.bad_severity': {
    status: 400,
    zh: '词条级别（severity）“{value}”无效，应为 block（阻止发布）或 warn（警告）',
    en: 'Severity "{value}" is invalid; use block or warn',
  },
  'checks.rules.unknown': { status: 400, zh: '检查规则（rule）“{rule}”不存在', en: 'Unknown check rule "{rule}"' },
  'checks.rules.bad_severity': {
    status: 400,
    zh: '规则“{rule}”的级别（severity）“{value}”无效，应为 block（阻止发布）、warn（警告）或 off（关闭）',
    en: 'Severity "{value}" of rule "{rule}" is invalid; use block, warn or off',
  },
});
