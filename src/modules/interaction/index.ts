/**
 * Public face of 互动交流 (interaction). Other modules import ONLY from here.
 *
 * So far: mailboxes per site (网站信箱, 领导信箱, 部门信箱) with a reply deadline in working days,
 * letters submitted by citizens (form page on every site and JSON API) behind an ALTCHA
 * proof-of-work captcha, personal data sealed with SM4, a receipt with query code and password,
 * the handler's masked list, and the handling workflow (acceptance, routing to handling units,
 * reply and its review, publication, rating, deadlines, escalation), the published letters'
 * pages, and the public statistics (a daily snapshot per site and region, page, API, console);
 * error reports (网民纠错, docs/error-reports.md): a 我要纠错 entry on every public page, the
 * portal's platform intake, triage by the platform operator, the site owner's fix and answer,
 * deadlines, escalation, statistics;
 * and 在线调查 (surveys: the builder, one response per device, results as charts and CSV,
 * results published on the site); 在线访谈: interviews with questions from the public, a live
 * transcript over server-sent events, and the archive; readers' comments on documents and
 * public consultations on drafts (征求意见), both through one moderation queue (docs/comments.md).
 */
export { interactionRoutes } from './interaction.routes.js';
export { publicLettersRoutes } from './public-letters.routes.js';
export { registerLetterPages } from './letter-pages.js';
export { interactionDeps, type InteractionDeps } from './deps.js';
export { submitLetter, type SubmitLetterInput, type LetterReceipt } from './operations/submit-letter.js';
export { lookupLetter, type LetterProgress } from './operations/lookup-letter.js';
export { listLetters, type LetterListItem } from './operations/list-letters.js';
export { createMailbox, updateMailbox, listMailboxes, ensureSiteMailbox } from './operations/mailboxes.js';
export { maskName, maskPhone, maskIdNumber, maskEmail, maskAddress } from './personal-data.js';
export { handleLetter, decideExtension, type HandlerActionInput } from './operations/handle-letter.js';
export { citizenFeedback, type CitizenFeedbackInput } from './operations/citizen-feedback.js';
export { letterDetail, supervisionDashboard, publishedLetters, type LetterDetail, type SupervisionView, type PublishedLetter } from './operations/letter-views.js';
export { escalateLetters, registerLetterJobs, ESCALATE_LETTERS_KIND } from './operations/escalate-letters.js';
export { maskFreeText } from './mask-free-text.js';
export { computeLetterStatistics, regionsOf, type Region, type ComputeOutcome } from './statistics/compute.js';
export { LETTER_STATISTICS_KIND, startStatisticsRefresh } from './statistics/refresh-job.js';
export { publicStatistics, type PublicStatistics } from './statistics/public-statistics.js';
export type { LetterFigures } from './statistics/figures.js';
export type { StatisticsView } from './statistics/snapshot.js';
export { InteractionErrors } from './errors.js';
export { errorReportsRoutes } from './corrections/corrections.routes.js';
export { publicCorrectionsRoutes } from './corrections/public-corrections.routes.js';
export { registerCorrectionPages, CORRECTION_FORM_PATH } from './corrections/correction-pages.js';
export { submitErrorReport, type ErrorReportReceipt, type SubmitErrorReportInput } from './corrections/submit-error-report.js';
export { actOnReport, type ReportActionInput } from './corrections/act-on-report.js';
export { listErrorReports, errorReportDetail, errorReportSupervision, lookupErrorReport, type ReportListItem, type ReportDetail } from './corrections/report-views.js';
export { errorReportStats, type SiteReportStats } from './corrections/report-stats.js';
export { escalateErrorReports, registerErrorReportJobs, ESCALATE_ERROR_REPORTS_KIND } from './corrections/escalate-error-reports.js';
export { pageUrlOfSite } from './corrections/page-url.js';
export { MAX_LETTER_ATTACHMENTS } from './letter-files.js';
export type { InteractionTables, LetterType, MailboxKind } from './interaction.tables.js';
export { surveyRoutes } from './surveys/surveys.routes.js';
export { publicSurveyRoutes, SURVEY_SUBMIT_RATE_PER_HOUR } from './surveys/public-surveys.routes.js';
export { registerSurveyPages, SURVEY_LIST_PATH, SURVEY_PATH, SURVEY_RESULTS_PATH } from './surveys/survey-pages.js';
export { createSurvey, updateSurvey, setSurveyState, listSurveys, surveyDetail } from './surveys/survey-admin.js';
export { surveyResults, surveyCsv, csvCell, type QuestionResult } from './surveys/survey-results.js';
export type { SurveyInput, QuestionInput } from './surveys/survey.schemas.js';
export {
  interviewsRoutes, publicInterviewsRoutes, registerInterviewPages, interviewHubOf, InterviewHub, entryFrame, interviewDeps, createInterview, updateInterview, changeInterviewStatus,
  listInterviews, submitQuestion, decideQuestion, questionsForConsole, postEntry, InterviewErrors, INTERVIEW_CHANNEL, INTERVIEW_QUESTIONS_CHANNEL,
  type InterviewDeps, type InterviewInput, type InterviewAction, type PostEntryInput, type InterviewView, type QuestionView, type EntryView, type Guest,
} from './interviews/index.js';
export { feedbackAdminRoutes } from './comments/feedback-admin.routes.js';
export { publicFeedbackRoutes } from './comments/public-feedback.routes.js';
export { registerCommentPages } from './comments/comment-pages.js';
export { registerConsultationPages } from './consultations/consultation-pages.js';
export { submitComment, approvedComments, commentableDocument, type CommentInput, type PublicComment } from './comments/document-comments.js';
export { moderateComment, reportComment, type Decision, type Finding } from './comments/moderation.js';
export { moderationQueue, type QueueItem } from './comments/moderation-queue.js';
export { CommentErrors } from './comments/comment-errors.js';
export { splitClauses, type Clause } from './consultations/split-clauses.js';
export { consultationFigures } from './consultations/consultations.repo.js';
export { createConsultation, updateConsultation, saveSummary, publishSummary, MIN_CONSULTATION_DAYS, type ConsultationInput, type SummaryInput } from './consultations/manage-consultation.js';
export { consultationDetail, listConsultations, publicConsultation, publicConsultations, submitOpinion, type OpinionInput } from './consultations/consultation-views.js';
export { openLetterBulkWriter, LETTER_PATHS, type LetterBulkWriter, type BulkLetter } from './bulk-letters.js';
export { writeGeneratedResponses, type GeneratedResponses } from './surveys/bulk-responses.js';
