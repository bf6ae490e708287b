import { defineErrors } from '../../platform/http/error-registry.js';

/**
 * Error codes of the site registry. Messages name the field and say what to do instead,
 * because the people reading them are provincial office staff, not developers.
 */
export const SitesErrors = defineErrors({
  'sites.not_found': { status: 404, zh: '网站不存在', en: 'Site not found' },
  'sites.out_of_scope': { status: 403, zh: '网站“{site}”不在您的管理范围内', en: 'Site "{site}" is outside your scope' },
  'sites.owner.out_of_scope': { status: 403, zh: '主办机构“{org}”不在您的管理范围内', en: 'Owner organization "{org}" is outside your scope' },
  'sites.owner.not_found': { status: 400, zh: '主办机构（ownerOrgId）不存在', en: 'The owner organization (ownerOrgId) does not exist' },
  'sites.owner.taken': { status: 409, zh: '{org}已开办网站“{site}”（网站标识码 {code}），一个单位最多开办一个网站', en: '{org} already runs the site "{site}" ({code}); one unit may run at most one site' },
  'sites.owner.no_site_allowed': { status: 400, zh: '{org}是县级部门或乡镇（街道），不能单独开办网站，请使用县级门户网站（{portalOwner}）的栏目', en: '{org} is a county department or township and cannot run a site of its own; use columns on the county portal ({portalOwnerEn})' },
  'sites.owner.general_office': { status: 400, zh: '政府门户网站由{government}主办，{org}不单独开办网站；请以“{government}”作为门户网站的主办机构', en: 'The government portal belongs to {governmentEn}; {org} does not run a site of its own; choose "{governmentEn}" as the owner of the portal' },
  'sites.kind.portal_owner': { status: 400, zh: '政府门户网站的主办机构应为人民政府，{org}不是人民政府', en: 'A government portal must be owned by a government; {org} is not one' },
  'sites.kind.level_mismatch': { status: 400, zh: '{org}是{level}人民政府，网站类型应为“{expected}”', en: '{org} is a {levelEn} government; the site kind must be "{expectedEn}"' },
  'sites.kind.department_owner': { status: 400, zh: '部门网站只能由省级或设区市级政府部门主办，{org}不是此类部门（人民政府请开办政府门户网站）', en: 'A department site must be owned by a provincial or city department; {org} is not one (a government runs a portal)' },
  'sites.code.bad_format': { status: 400, zh: '网站标识码（code）“{code}”格式不正确：应为 10 位数字（6 位行政区划代码 + 4 位顺序号），或 bm 加 8 位数字', en: 'Site identifier code "{code}" is malformed: 10 digits (6-digit division code + 4-digit sequence) or bm + 8 digits' },
  'sites.code.division_mismatch': { status: 400, zh: '网站标识码（code）“{code}”的前 6 位应为主办机构的行政区划代码 {division}', en: 'The first 6 digits of site identifier code "{code}" must be the owner\'s division code {division}' },
  'sites.code.taken': { status: 409, zh: '网站标识码（code）“{code}”已被网站“{site}”使用', en: 'Site identifier code "{code}" is already used by "{site}"' },
  'sites.domain.bad_format': { status: 400, zh: '域名“{domain}”格式不正确', en: 'Domain "{domain}" is malformed' },
  'sites.domain.not_gov': { status: 400, zh: '域名“{domain}”不符合要求：政府网站只能使用以 .gov.cn 或 .政务 结尾的域名', en: 'Domain "{domain}" is not allowed: government sites use .gov.cn or .政务 domains only' },
  'sites.domain.reserved': { status: 400, zh: '域名“{domain}”是平台保留的本地访问地址，不能手工填写', en: 'Domain "{domain}" is reserved for the platform\'s local address' },
  'sites.domain.duplicate': { status: 400, zh: '域名“{domain}”重复填写', en: 'Domain "{domain}" is listed twice' },
  'sites.domain.taken': { status: 409, zh: '域名“{domain}”已被网站“{site}”使用', en: 'Domain "{domain}" is already used by "{site}"' },
  'sites.icp.bad_format': { status: 400, zh: 'ICP 备案号（icpNumber）“{value}”格式不正确，应如“苏ICP备05000001号”', en: 'ICP number "{value}" is malformed; expected e.g. 苏ICP备05000001号' },
  'sites.police.bad_format': { status: 400, zh: '公安备案号（policeNumber）“{value}”格式不正确，应如“苏公网安备 32010202010001号”（14 位数字）', en: 'Public-security filing number "{value}" is malformed; expected e.g. 苏公网安备 32010202010001号 (14 digits)' },
  'sites.contact.bad_email': { status: 400, zh: '联系邮箱（contact.email）“{value}”格式不正确', en: 'Contact email "{value}" is malformed' },
  'sites.contact.bad_phone': { status: 400, zh: '联系电话（contact.phone）“{value}”格式不正确，应如“025-83391234”', en: 'Contact phone "{value}" is malformed; expected e.g. 025-83391234' },
  'sites.logo.bad_url': { status: 400, zh: '网站标志地址（logoUrl）应以 https://、http:// 或 / 开头（本站路径，不能以 // 开头），且不含空格、引号、尖括号或反斜杠', en: 'Logo URL (logoUrl) must start with https://, http:// or / (a path on the site, not //), without spaces, quotes, angle brackets or backslashes' },
  'sites.blank': { status: 400, zh: '{label}（{field}）不能为空', en: '{labelEn} ({field}) must not be blank' },
  // {fault}: SHOWN_TEXT_FAULTS (control or bidi characters, a line break, nothing visible).
  'sites.text.invalid': { status: 400, zh: '{label}（{field}）{fault}', en: '{labelEn} ({field}) {faultEn}' },
});

/** Warnings do not refuse the change; the console shows them beside the field. */
export const SITE_WARNINGS = {
  'sites.domain.portal_shape': { zh: '政府门户网站的主域名通常为 www.<地区>.gov.cn，“{domain}”不符合这一形式', en: 'A portal\'s primary domain is usually www.<region>.gov.cn; "{domain}" is not' },
  'sites.domain.department_shape': { zh: '部门网站的主域名通常为本级门户网站的子域名（如 xxx.{portal}），“{domain}”不符合这一形式', en: 'A department site\'s domain is usually a sub-domain of its level\'s portal (e.g. xxx.{portalEn}); "{domain}" is not' },
} as const;
export type SiteWarningCode = keyof typeof SITE_WARNINGS;
