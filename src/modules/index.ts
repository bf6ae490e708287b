import type { Platform } from '../platform/platform.js';
import type { TieredRoutes } from '../platform/http/route-tiers.js';
import { sitesRoutes } from './sites/sites.routes.js';
import { columnsRoutes } from './columns/columns.routes.js';
import { documentsRoutes } from './content/documents.routes.js';
import { placementsRoutes } from './content/placements/placements.routes.js';
import { checksRoutes, registerChecksJobs } from './checks/index.js';
import { registerWorkflowJobs, workflowRoutes } from './workflow/index.js';
import { publishingRoutes, registerPublishingJobs } from './publishing/index.js';
import { pageAlertsRoutes, publicRoutes, startDeliveryWorker } from './delivery/index.js';
import { publicSearchRoutes, registerSearchJobs, searchRoutes } from './search/index.js';
import { registerPublicSearchPage } from './search/public-search-page.js';
import { analyticsRoutes, registerAnalyticsJobs } from './analytics/index.js';
import {
  errorReportsRoutes, feedbackAdminRoutes, interactionRoutes, interviewsRoutes, publicCorrectionsRoutes, publicFeedbackRoutes, publicInterviewsRoutes, publicLettersRoutes,
  publicSurveyRoutes, registerCommentPages, registerConsultationPages, registerCorrectionPages, registerErrorReportJobs, registerInterviewPages, registerLetterJobs,
  registerLetterPages, registerSurveyPages, surveyRoutes,
} from './interaction/index.js';

/**
 * Domain modules' route plugins, registered by buildApp after the platform's own, by tier:
 * a process serves the tiers of its roles (src/platform/http/route-tiers.ts). Each module adds
 * one line here, under the tier its URLs belong to (start-up fails otherwise).
 */
export const moduleRoutes: TieredRoutes = {
  admin: [
    sitesRoutes,
    columnsRoutes,
    documentsRoutes,
    placementsRoutes,
    checksRoutes,
    workflowRoutes,
    publishingRoutes,
    pageAlertsRoutes,
    searchRoutes,
    interactionRoutes,
    errorReportsRoutes,
    surveyRoutes,
    interviewsRoutes,
    // Comments and consultations (征求意见): the moderation console.
    feedbackAdminRoutes,
    // 访问统计: page views and unique visitors.
    analyticsRoutes,
  ],
  public: [
    publicSearchRoutes,
    publicLettersRoutes,
    publicCorrectionsRoutes,
    publicSurveyRoutes,
    publicInterviewsRoutes,
    // Comments and consultations: the public forms.
    publicFeedbackRoutes,
    // The public sites answer every GET/HEAD no other route claims.
    publicRoutes,
  ],
};

/** Domain modules' job kinds and schedules, registered by every process that runs jobs. */
export const moduleJobs: readonly ((platform: Platform) => void)[] = [
  registerChecksJobs,
  registerWorkflowJobs,
  registerPublishingJobs,
  registerSearchJobs,
  // The site search page (/search.html) is made per request; every process that serves registers it.
  registerPublicSearchPage,
  // The letter form and look-up pages (/letters.html, /letters/query.html), likewise.
  registerLetterPages,
  // The surveys' list, form and results pages (/surveys.html, /survey.html, /survey-results.html), likewise.
  registerSurveyPages,
  // 在线访谈: the list and the interview page (/interviews.html, /interview.html?id=N).
  registerInterviewPages,
  // Comments of a document, the consultation list and pages (/comments.html, /consultations.html, /consultation.html).
  registerCommentPages,
  registerConsultationPages,
  // 督办: the hourly sweep of overdue letters and the 3-month alarm.
  registerLetterJobs,
  // 网民纠错: the form and look-up pages (/corrections.html, /corrections/query.html) and the hourly sweep of overdue reports.
  registerCorrectionPages,
  registerErrorReportJobs,
  // 访问统计: the daily close of finished days (their sketches dropped) and the pruning of old page rows.
  registerAnalyticsJobs,
];

/**
 * Long-running work of the worker role besides jobs (the page-store tamper watcher), started
 * where the job worker starts; each returns its stop function.
 */
export const moduleWorkers: readonly ((platform: Platform) => { stop(): Promise<void> })[] = [
  startDeliveryWorker,
];
