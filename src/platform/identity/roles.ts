import { ROLE_NAMES } from '../../config/settings.js';

export type Role = (typeof ROLE_NAMES)[number];
export const ROLES: readonly Role[] = ROLE_NAMES;

/** 三员 (GB/T 22239-2019 level 3): no person may hold two of these. */
export const THREE_ADMINS: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export const ROLE_LABELS: Readonly<Record<Role, { zh: string; en: string }>> = {
  system_admin: { zh: '系统管理员', en: 'System admin' },
  security_admin: { zh: '安全管理员', en: 'Security admin' },
  audit_admin: { zh: '安全审计员', en: 'Audit admin' },
  platform_supervisor: { zh: '平台监管员', en: 'Platform supervisor' },
  site_admin: { zh: '站点管理员', en: 'Site admin' },
  editor: { zh: '编辑', en: 'Editor' },
  reviewer: { zh: '审核员', en: 'Reviewer' },
  secrecy_reviewer: { zh: '保密审查员', en: 'Secrecy reviewer' },
  interaction_handler: { zh: '互动办理员', en: 'Interaction handler' },
  template_developer: { zh: '模板开发员', en: 'Template developer' },
};

/** Scopes a role may be granted on. The three admins and the supervisor act platform-wide or on a region. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly ('platform' | 'org' | 'site' | 'column')[]>> = {
  system_admin: ['platform', 'org'],
  security_admin: ['platform', 'org'],
  audit_admin: ['platform', 'org'],
  platform_supervisor: ['platform', 'org'],
  site_admin: ['org', 'site'],
  editor: ['org', 'site', 'column'],
  reviewer: ['org', 'site', 'column'],
  secrecy_reviewer: ['org', 'site', 'column'],
  interaction_handler: ['org', 'site'],
  template_developer: ['platform', 'site'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
