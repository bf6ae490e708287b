import type { MessageKey } from '../i18n/messages-zh';

export interface NavItem {
  readonly path: string;
  readonly label: MessageKey;
  /** Shown only to holders of this permission (from /auth/me); null = everyone signed in. */
  readonly permission: string | null;
  /** A submenu the entry sits in (NAV_GROUPS); none = top level. */
  readonly group?: NavGroup;
}

/** Submenus, by key: the label of each. */
export const NAV_GROUPS = { interaction: 'nav.group.interaction' } as const satisfies Record<string, MessageKey>;
export type NavGroup = keyof typeof NAV_GROUPS;

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.home', permission: null },
  { path: '/identity/users', label: 'nav.users', permission: 'identity.users.read' },
  { path: '/identity/orgs', label: 'nav.orgs', permission: 'identity.orgs.read' },
  { path: '/audit', label: 'nav.audit', permission: 'audit.read' },
  { path: '/jobs', label: 'nav.jobs', permission: 'jobs.read' },
  { path: '/sites', label: 'nav.sites', permission: 'sites.read' },
  { path: '/columns', label: 'nav.columns', permission: 'columns.read' },
  { path: '/documents', label: 'nav.documents', permission: 'documents.read' },
  { path: '/review', label: 'nav.review', permission: 'documents.read' },
  { path: '/library', label: 'nav.library', permission: 'documents.read' },
  { path: '/publishing', label: 'nav.publishing', permission: 'publishing.manage' },
  { path: '/themes', label: 'nav.themes', permission: 'themes.edit' },
  { path: '/page-alerts', label: 'nav.pageAlerts', permission: 'pages.alerts' },
  { path: '/search', label: 'search.nav', permission: 'search.manage' },
  { path: '/analytics', label: 'nav.analytics', permission: 'analytics.read' },
  { path: '/calendar', label: 'nav.calendar', permission: 'calendar.read' },
  { path: '/checks', label: 'nav.checks', permission: 'checks.manage' },
  { path: '/letters/desk', label: 'nav.lettersDesk', permission: 'interaction.letters.read', group: 'interaction' },
  { path: '/letters/unit', label: 'nav.lettersUnit', permission: 'interaction.letters.handle', group: 'interaction' },
  { path: '/letters/supervision', label: 'nav.lettersSupervision', permission: 'interaction.letters.supervise', group: 'interaction' },
  { path: '/letters/mailboxes', label: 'nav.lettersMailboxes', permission: 'interaction.mailboxes.manage', group: 'interaction' },
  { path: '/letters/templates', label: 'nav.lettersTemplates', permission: 'interaction.templates.manage', group: 'interaction' },
  { path: '/interaction/statistics', label: 'nav.letterStatistics', permission: 'interaction.statistics.read', group: 'interaction' },
  { path: '/error-reports/triage', label: 'nav.errorReportsTriage', permission: 'interaction.corrections.triage', group: 'interaction' },
  { path: '/error-reports/owner', label: 'nav.errorReportsOwner', permission: 'interaction.corrections.fix', group: 'interaction' },
  { path: '/error-reports/supervision', label: 'nav.errorReportsSupervision', permission: 'interaction.corrections.supervise', group: 'interaction' },
  { path: '/error-reports/stats', label: 'nav.errorReportsStats', permission: 'interaction.corrections.read', group: 'interaction' },
  { path: '/surveys', label: 'nav.surveys', permission: 'interaction.surveys.manage', group: 'interaction' },
  { path: '/interviews', label: 'nav.interviews', permission: 'interaction.interviews.answer', group: 'interaction' },
  { path: '/interaction/moderation', label: 'nav.moderation', permission: 'interaction.comments.moderate', group: 'interaction' },
  { path: '/interaction/consultations', label: 'nav.consultations', permission: 'interaction.consultations.manage', group: 'interaction' },
];

/** The menu entry a location belongs to: the longest matching path prefix ('' for none). */
export function activeNavPath(pathname: string): string {
  let best = pathname === '/' ? '/' : '';
  for (const item of NAV_ITEMS) {
    if (item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)) && item.path.length > best.length) {
      best = item.path;
    }
  }
  return best;
}
