import type { ReactNode } from 'react';
import { Button } from 'antd';
import { createBrowserRouter, useNavigate, useRouteError } from 'react-router';
import { Forbidden, PageSpinner, RequirePermission, RequireSession } from './guards';
import { AppLayout } from './layout/app-layout';
import { useI18n } from './i18n/i18n-context';
import { StatusPage } from './status-page';

function NotFound() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <StatusPage
      title={t('common.notFound')}
      extra={<Button onClick={() => void navigate('/')}>{t('common.backHome')}</Button>}
    />
  );
}

/** A page chunk that fails to load (usually a new deployment) or a render crash. */
function RouteError() {
  const { t } = useI18n();
  const error = useRouteError();
  const text = error instanceof Error ? error.message : String(error);
  return (
    <StatusPage
      title={t('common.error')}
      text={text}
      extra={<Button onClick={() => window.location.reload()}>{t('common.retry')}</Button>}
    />
  );
}

function guarded(path: string, permission: string, lazy: () => Promise<{ Component: () => ReactNode }>) {
  return { path, element: <RequirePermission permission={permission} />, children: [{ index: true, lazy }] };
}

// Every page is its own chunk: the first load carries only the shell and the login page's needs.
export const router = createBrowserRouter(
  [
    {
      path: '/',
      HydrateFallback: PageSpinner,
      ErrorBoundary: RouteError,
      children: [
        { path: 'login', lazy: () => import('../features/auth/login-page').then((m) => ({ Component: m.LoginPage })) },
        {
          element: <RequireSession />,
          children: [
            {
              element: <AppLayout />,
              children: [
                { index: true, lazy: () => import('./home-page').then((m) => ({ Component: m.HomePage })) },
                {
                  path: 'account/password',
                  lazy: () => import('../features/auth/change-password-page').then((m) => ({ Component: m.ChangePasswordPage })),
                },
                {
                  path: 'account/totp',
                  lazy: () => import('../features/auth/totp-setup-page').then((m) => ({ Component: m.TotpSetupPage })),
                },
                guarded('identity/users', 'identity.users.read', () =>
                  import('../features/identity/users-page').then((m) => ({ Component: m.UsersPage })),
                ),
                guarded('identity/orgs', 'identity.orgs.read', () =>
                  import('../features/identity/orgs-page').then((m) => ({ Component: m.OrgsPage })),
                ),
                guarded('audit', 'audit.read', () => import('../features/audit/audit-page').then((m) => ({ Component: m.AuditPage }))),
                guarded('jobs', 'jobs.read', () => import('../features/jobs/jobs-page').then((m) => ({ Component: m.JobsPage }))),
                guarded('calendar', 'calendar.read', () =>
                  import('../features/calendar/calendar-page').then((m) => ({ Component: m.CalendarPage })),
                ),
                guarded('checks', 'checks.manage', () => import('../features/checks/checks-page').then((m) => ({ Component: m.ChecksPage }))),
                guarded('sites', 'sites.read', () => import('../features/sites/sites-page').then((m) => ({ Component: m.SitesPage }))),
                guarded('columns', 'columns.read', () =>
                  import('../features/columns/columns-page').then((m) => ({ Component: m.ColumnsPage })),
                ),
                guarded('documents', 'documents.read', () =>
                  import('../features/documents/documents-page').then((m) => ({ Component: m.DocumentsPage })),
                ),
                guarded('documents/:id', 'documents.read', () =>
                  import('../features/documents/document-editor-page').then((m) => ({ Component: m.DocumentEditorPage })),
                ),
                guarded('documents/:id/preview', 'documents.read', () =>
                  import('../features/documents/preview-page').then((m) => ({ Component: m.DocumentPreviewPage })),
                ),
                guarded('review', 'documents.read', () =>
                  import('../features/review/review-inbox-page').then((m) => ({ Component: m.ReviewInboxPage })),
                ),
                guarded('review/:id', 'documents.read', () => import('../features/review/review-page').then((m) => ({ Component: m.ReviewPage }))),
                guarded('library', 'documents.read', () => import('../features/library/library-page').then((m) => ({ Component: m.LibraryPage }))),
                guarded('publishing', 'publishing.manage', () => import('../features/publishing/publishing-page').then((m) => ({ Component: m.PublishingPage }))),
                guarded('themes', 'themes.edit', () => import('../features/themes/theme-editor-page').then((m) => ({ Component: m.ThemeEditorPage }))),
                guarded('search', 'search.manage', () => import('../features/search/search-page').then((m) => ({ Component: m.SearchPage }))),
                guarded('surveys', 'interaction.surveys.manage', () =>
                  import('../features/surveys/surveys-page').then((m) => ({ Component: m.SurveysPage })),
                ),
                guarded('surveys/new', 'interaction.surveys.manage', () =>
                  import('../features/surveys/survey-builder-page').then((m) => ({ Component: m.SurveyBuilderPage })),
                ),
                guarded('surveys/:id/edit', 'interaction.surveys.manage', () =>
                  import('../features/surveys/survey-builder-page').then((m) => ({ Component: m.SurveyBuilderPage })),
                ),
                guarded('surveys/:id/results', 'interaction.surveys.manage', () =>
                  import('../features/surveys/survey-results-page').then((m) => ({ Component: m.SurveyResultsPage })),
                ),
                guarded('analytics', 'analytics.read', () =>
                  import('../features/analytics/analytics-page').then((m) => ({ Component: m.AnalyticsPage })),
                ),
                guarded('page-alerts', 'pages.alerts', () =>
                  import('../features/page-alerts/page-alerts-page').then((m) => ({ Component: m.PageAlertsPage })),
                ),
                guarded('interaction/statistics', 'interaction.statistics.read', () =>
                  import('../features/letter-statistics/letter-statistics-page').then((m) => ({ Component: m.LetterStatisticsPage })),
                ),
                guarded('error-reports/triage', 'interaction.corrections.triage', () =>
                  import('../features/error-reports/error-report-list-page').then((m) => ({ Component: m.TriagePage })),
                ),
                guarded('error-reports/owner', 'interaction.corrections.fix', () =>
                  import('../features/error-reports/error-report-list-page').then((m) => ({ Component: m.OwnerPage })),
                ),
                guarded('error-reports/supervision', 'interaction.corrections.supervise', () =>
                  import('../features/error-reports/error-report-supervision-page').then((m) => ({ Component: m.ErrorReportSupervisionPage })),
                ),
                guarded('error-reports/stats', 'interaction.corrections.read', () =>
                  import('../features/error-reports/error-report-stats-page').then((m) => ({ Component: m.ErrorReportStatsPage })),
                ),
                guarded('error-reports/:id', 'interaction.corrections.read', () =>
                  import('../features/error-reports/error-report-detail-page').then((m) => ({ Component: m.ErrorReportDetailPage })),
                ),
                guarded('interviews', 'interaction.interviews.answer', () =>
                  import('../features/interviews/interviews-page').then((m) => ({ Component: m.InterviewsPage })),
                ),
                guarded('interviews/:id', 'interaction.interviews.answer', () =>
                  import('../features/interviews/interview-console-page').then((m) => ({ Component: m.InterviewConsolePage })),
                ),
                guarded('interaction/moderation', 'interaction.comments.moderate', () =>
                  import('../features/feedback/moderation-page').then((m) => ({ Component: m.ModerationPage })),
                ),
                guarded('interaction/consultations', 'interaction.consultations.manage', () =>
                  import('../features/feedback/consultations-page').then((m) => ({ Component: m.ConsultationsPage })),
                ),
                guarded('interaction/consultations/:id', 'interaction.consultations.manage', () =>
                  import('../features/feedback/consultation-page').then((m) => ({ Component: m.ConsultationPage })),
                ),
                guarded('letters/desk', 'interaction.letters.read', () =>
                  import('../features/letters/acceptance-desk-page').then((m) => ({ Component: m.AcceptanceDeskPage })),
                ),
                guarded('letters/unit', 'interaction.letters.handle', () =>
                  import('../features/letters/unit-inbox-page').then((m) => ({ Component: m.UnitInboxPage })),
                ),
                guarded('letters/supervision', 'interaction.letters.supervise', () =>
                  import('../features/letters/supervision-page').then((m) => ({ Component: m.SupervisionPage })),
                ),
                guarded('letters/mailboxes', 'interaction.mailboxes.manage', () =>
                  import('../features/letters/mailboxes-page').then((m) => ({ Component: m.MailboxesPage })),
                ),
                guarded('letters/templates', 'interaction.templates.manage', () =>
                  import('../features/letters/templates-page').then((m) => ({ Component: m.TemplatesPage })),
                ),
                guarded('letters/:id', 'interaction.letters.view', () =>
                  import('../features/letters/letter-detail-page').then((m) => ({ Component: m.LetterDetailPage })),
                ),
                { path: 'forbidden', Component: Forbidden },
                { path: '*', Component: NotFound },
              ],
            },
          ],
        },
      ],
    },
  ],
  { basename: '/admin' },
);
