import type { Role } from './roles.js';

/**
 * Every permission a route or operation can demand, and the roles that carry it.
 * Deny by default: a permission missing here belongs to nobody.
 * Separation of powers: only security_admin grants roles and unlocks accounts; system_admin
 * manages accounts and organizations but cannot read the audit log; audit_admin only reads it.
 */
export const PERMISSIONS = {
  'identity.orgs.read': ['system_admin', 'security_admin', 'audit_admin', 'platform_supervisor', 'site_admin'],
  'identity.orgs.manage': ['system_admin'],
  'identity.users.read': ['system_admin', 'security_admin'],
  'identity.users.manage': ['system_admin'],
  'identity.grants.read': ['security_admin', 'system_admin'],
  'identity.grants.manage': ['security_admin'],
  'identity.lockout.manage': ['security_admin'],
  'identity.sessions.manage': ['security_admin'],
  'audit.read': ['audit_admin'],
  'jobs.read': ['system_admin'],
  'jobs.manage': ['system_admin'],
  'calendar.read': ['system_admin', 'security_admin', 'audit_admin', 'platform_supervisor', 'site_admin', 'editor', 'reviewer', 'secrecy_reviewer', 'interaction_handler', 'template_developer'],
  'calendar.manage': ['system_admin'],
  // Sites and content (scoped: platform, org subtree, site, column — checked in operations).
  'sites.read': ['system_admin', 'platform_supervisor', 'site_admin', 'editor', 'reviewer', 'secrecy_reviewer', 'template_developer'],
  'sites.manage': ['system_admin'],
  'sites.settings': ['site_admin'],
  'columns.read': ['system_admin', 'platform_supervisor', 'site_admin', 'editor', 'reviewer', 'secrecy_reviewer'],
  'columns.manage': ['site_admin'],
  'documents.read': ['platform_supervisor', 'site_admin', 'editor', 'reviewer', 'secrecy_reviewer'],
  'documents.write': ['site_admin', 'editor'],
  'documents.review': ['reviewer', 'site_admin'],
  'documents.secrecy_review': ['secrecy_reviewer'],
  'documents.fast_track': ['site_admin'],
  'documents.withdraw': ['site_admin'],
  'checks.manage': ['system_admin', 'platform_supervisor'],
  // Publishing: full rebuilds (one site for its admin, all for the system admin) and theme settings.
  'publishing.manage': ['system_admin', 'site_admin'],
  // Theme templates: edited, previewed and audited by the template developer only.
  'themes.edit': ['template_developer'],
  // 网页防篡改: tamper alerts of the published pages (scoped by the alert's site).
  'pages.alerts': ['system_admin', 'platform_supervisor'],
  // 站内搜索: rebuild the index, read the anonymous query statistics.
  'search.manage': ['system_admin'],
  // 访问统计: page views and unique visitors (scoped: a site admin sees the sites of the grant).
  'analytics.read': ['system_admin', 'platform_supervisor', 'site_admin'],
  // 互动交流: the handler reads letters (personal data masked); the site admin keeps the site's mailboxes.
  'interaction.letters.read': ['interaction_handler'],
  'interaction.mailboxes.read': ['site_admin', 'interaction_handler'],
  'interaction.mailboxes.manage': ['site_admin'],
  // Handling workflow: central acceptance, routing and review by a handler scoped on the site;
  // the handling unit's steps by a handler scoped on that unit's organization (checked in operations).
  'interaction.letters.handle': ['interaction_handler'],
  // 督办: extensions, the overdue dashboard and its notices, by the supervisor of the site's region.
  'interaction.letters.supervise': ['platform_supervisor'],
  // A letter's detail and history: whoever handles or supervises it (row scope checked in the operation).
  'interaction.letters.view': ['interaction_handler', 'platform_supervisor'],
  // 公开统计: the figures per site and region in the console, and the refresh of the daily snapshot (scope checked per row).
  'interaction.statistics.read': ['interaction_handler', 'platform_supervisor'],
  'interaction.statistics.refresh': ['interaction_handler', 'platform_supervisor'],
  // 网民纠错: the platform operator (the supervisor running the intake) triages and forwards to the
  // site's owner, whose site admin or handler fixes and answers; both read the reports and statistics of
  // their sites; the supervisor sees the overdue ones (row scope checked in the operations).
  'interaction.corrections.read': ['platform_supervisor', 'site_admin', 'interaction_handler'],
  'interaction.corrections.triage': ['platform_supervisor'],
  'interaction.corrections.fix': ['site_admin', 'interaction_handler'],
  'interaction.corrections.supervise': ['platform_supervisor'],
  // 在线调查: built, opened, closed, exported and published by the site's admin or editor (site scope checked in operations).
  'interaction.surveys.manage': ['site_admin', 'editor'],
  // 在线访谈: the moderator schedules, approves questions, starts and ends; the guest's typist
  // (an editor of the site, or the moderator) posts answers and host remarks. Scoped by site.
  'interaction.interviews.manage': ['site_admin', 'interaction_handler'],
  'interaction.interviews.answer': ['site_admin', 'interaction_handler', 'editor'],
  // Comments and consultation opinions: the handler of the site moderates them (one queue).
  'interaction.comments.moderate': ['interaction_handler'],
  // 征求意见: an editor or a handler of the site opens consultations and writes the feedback summary.
  'interaction.consultations.manage': ['editor', 'interaction_handler'],
  // 答复模板: the site's reply templates, kept by its site admin or its central handler (site scope).
  'interaction.templates.manage': ['site_admin', 'interaction_handler'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function rolesFor(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

/**
 * How a route is reached:
 * - `public`: anyone;
 * - `session`: every signed-in user, even one who still has to change the password or set up 2FA
 *   (the routes that let them do so);
 * - `authenticated`: every fully signed-in user;
 * - a permission: a fully signed-in user holding a role that carries it.
 */
export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'session' }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'permission'; readonly permission: Permission };

export const access = {
  public: { kind: 'public' } as AccessRule,
  session: { kind: 'session' } as AccessRule,
  authenticated: { kind: 'authenticated' } as AccessRule,
  permission: (permission: Permission): AccessRule => ({ kind: 'permission', permission }),
};
