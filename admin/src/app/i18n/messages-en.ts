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
import type { MessageKey } from './messages-zh';

/** English. Typed against the Chinese keys, so a missing translation fails the type check. */
export const en: Readonly<Record<MessageKey, string>> = {
  ...shell.en,
  ...auth.en,
  ...identity.en,
  ...sites.en,
  ...audit.en,
  ...jobs.en,
  ...calendar.en,
  ...checks.en,
  ...columns.en,
  ...documents.en,
  ...review.en,
  ...library.en,
  ...publishing.en,
  ...themes.en,
  ...pageAlerts.en,
  ...letterStatistics.en,
  ...interviews.en,
  ...feedback.en,
  ...search.en,
  ...errorReports.en,
  ...surveys.en,
  ...letters.en,
  ...analytics.en,
};
