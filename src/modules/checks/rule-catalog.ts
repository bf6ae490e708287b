import type { CheckContext, RuleId, RuleSeverity, Severity } from './check-types.js';

export interface RuleInfo {
  readonly rule: RuleId;
  readonly defaultSeverity: RuleSeverity;
  readonly name: string;
  readonly nameEn: string;
  readonly description: string;
  readonly descriptionEn: string;
}

/** Every rule with its default severity (used when check_rules has no row for it). */
export const RULE_CATALOG: readonly RuleInfo[] = [
  { rule: 'secrecy_marking', defaultSeverity: 'block', name: '密级标识', nameEn: 'Secrecy markings',
    description: '绝密★、机密★、秘密★1年、内部资料、不得外传等标识；正文中出现的“绝密”“机密”按警告提示',
    descriptionEn: 'Markings such as 绝密★, 秘密★1年, 内部资料, 不得外传; bare 绝密/机密 in running text are warnings' },
  { rule: 'personal_id', defaultSeverity: 'block', name: '身份证号码', nameEn: 'ID card numbers',
    description: '18 位（校验码正确、出生日期合理）及 15 位居民身份证号码',
    descriptionEn: '18-digit PRC ID numbers with a valid GB 11643 check digit and birth date, and 15-digit old IDs' },
  { rule: 'mobile_number', defaultSeverity: 'block', name: '手机号码', nameEn: 'Mobile numbers',
    description: '中国大陆手机号码（1[3-9] 开头 11 位，可带 +86 和空格/连字符）',
    descriptionEn: 'Mainland mobile numbers (11 digits from 1[3-9], optional +86, spaces or hyphens)' },
  { rule: 'bank_card', defaultSeverity: 'warn', name: '银行卡号', nameEn: 'Bank card numbers',
    description: '16–19 位且通过 Luhn 校验的数字（可按 4 位分组）',
    descriptionEn: '16–19 digits passing the Luhn check (optionally grouped by 4)' },
  { rule: 'banned_expression', defaultSeverity: 'block', name: '错误及禁用表述', nameEn: 'Wrong and banned expressions',
    description: '词库中的过时机构名称、常见错误写法和禁用词；每个词条有自己的级别，本规则级别为上限',
    descriptionEn: 'Dictionary entries (outdated names, miswritten terms, banned words); each entry has its own severity, capped by this rule' },
  { rule: 'commercial_link', defaultSeverity: 'block', name: '商业广告链接', nameEn: 'Commercial links',
    description: '正文链接或图片指向词库中的商业、广告域名',
    descriptionEn: 'Links or images in the body pointing at commercial or advertising domains from the dictionary' },
  { rule: 'external_link', defaultSeverity: 'warn', name: '非政府网站链接', nameEn: 'Non-government links',
    description: '正文链接指向 .gov.cn / .政务 以外的网站',
    descriptionEn: 'Links in the body to hosts outside .gov.cn / .政务' },
  { rule: 'broken_link', defaultSeverity: 'warn', name: '失效链接', nameEn: 'Broken links',
    description: '后台任务逐个访问正文链接，4xx/5xx、超时或无法连接即为失效',
    descriptionEn: 'A background job fetches every link; 4xx/5xx, timeouts and refused connections are broken' },
  { rule: 'missing_metadata', defaultSeverity: 'block', name: '必填元数据', nameEn: 'Required metadata',
    description: '栏目类型要求的元数据（文号、成文日期、主题分类等）缺失',
    descriptionEn: 'Metadata the column kind requires (document number, date written, topic category …) is missing' },
  { rule: 'image_missing_alt', defaultSeverity: 'warn', name: '图片缺少替代文字', nameEn: 'Images without alt text',
    description: '图片没有 alt 替代文字（无障碍要求）',
    descriptionEn: 'Images without alt text (accessibility)' },
];

export const DEFAULT_SEVERITIES: Readonly<Record<RuleId, RuleSeverity>> = Object.fromEntries(
  RULE_CATALOG.map((r) => [r.rule, r.defaultSeverity]),
) as Record<RuleId, RuleSeverity>;

export function ruleInfo(rule: RuleId): RuleInfo {
  const info = RULE_CATALOG.find((r) => r.rule === rule);
  if (!info) throw new Error(`unknown check rule ${rule}`);
  return info;
}

export function severityOf(ctx: CheckContext, rule: RuleId): RuleSeverity {
  return ctx.severities[rule] ?? DEFAULT_SEVERITIES[rule];
}

/** The lower of two severities: a rule set to warn caps a block-level dictionary entry at warn. */
export function capSeverity(ruleLevel: RuleSeverity, own: Severity): RuleSeverity {
  if (ruleLevel === 'off') return 'off';
  return ruleLevel === 'warn' || own === 'warn' ? 'warn' : 'block';
}
