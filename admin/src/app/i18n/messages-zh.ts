import * as shell from './messages/shell';
import * as auth from './messages/auth';
import * as identity from './messages/identity';
import * as sites from './messages/sites';
import * as audit from './messages/audit';
import * as jobs from './messages/jobs';
import * as calendar from './messages/calendar';
import * as checks from './messages/checks';
import * as columns from './messages/columns';
import * as documents from './messages/documents';
import * as review from './messages/review';
import * as library from './messages/library';
import * as publishing from './messages/publishing';
import * as themes from './messages/themes';
import * as pageAlerts from './messages/page-alerts';
import * as letterStatistics from './messages/letter-statistics';
import * as interviews from './messages/interviews';
import * as feedback from './messages/feedback';
import * as search from './messages/search';
import * as errorReports from './messages/error-reports';
import * as surveys from './messages/surveys';
import * as letters from './messages/letters';
import * as analytics from './messages/analytics';

/** Simplified Chinese, the console's primary language: one file per area under messages/. */
export const zh = {
  ...shell.zh,
  ...auth.zh,
  ...identity.zh,
  ...sites.zh,
  ...audit.zh,
  ...jobs.zh,
  ...calendar.zh,
  ...checks.zh,
  ...columns.zh,
  ...documents.zh,
  ...review.zh,
  ...library.zh,
  ...publishing.zh,
  ...themes.zh,
  ...pageAlerts.zh,
  ...letterStatistics.zh,
  ...interviews.zh,
  ...feedback.zh,
  ...search.zh,
  ...errorReports.zh,
  ...surveys.zh,
  ...letters.zh,
  ...analytics.zh,
} as const;

export type MessageKey = keyof typeof zh;
