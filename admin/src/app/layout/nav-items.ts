import type { MessageKey } from '../i18n/messages-zh';

export interface NavItem {
  readonly path: string;
  readonly label: MessageKey;
  /** Shown only to holders of this permission (from /auth/me); null = everyone signed in. */
  readonly permission: string | null;
  /** A submenu the entry sits in (its label is `nav.<group>`); none = top level. */
  readonly group?: 'interaction';
}

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
  { path: '/calendar', label: 'nav.calendar', permission: 'calendar.read' },
  { path: '/checks', label: 'nav.checks', permission: 'checks.manage' },
  { path: '/letters/desk', label: 'nav.lettersDesk', permission: 'interaction.letters.read', group: 'interaction' },
  { path: '/letters/unit', label: 'nav.lettersUnit', permission: 'interaction.letters.handle', group: 'interaction' },
  { path: '/letters/supervision', label: 'nav.lettersSupervision', permission: 'interaction.letters.supervise', group: 'interaction' },
  { path: '/letters/mailboxes', label: 'nav.lettersMailboxes', permission: 'interaction.mailboxes.manage', group: 'interaction' },
  { path: '/letters/templates', label: 'nav.lettersTemplates', permission: 'interaction.templates.manage', group: 'interaction' },
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
