/**
 * Public face of 互动交流 (interaction). Other modules import ONLY from here.
 *
 * So far: mailboxes per site (网站信箱, 领导信箱, 部门信箱) with a reply deadline in working days,
 * letters submitted by citizens (form page on every site and JSON API) behind an ALTCHA
 * proof-of-work captcha, personal data sealed with SM4, a receipt with query code and password,
 * the handler's masked list, and the handling workflow (acceptance, routing to handling units,
 * reply and its review, publication, rating, deadlines, escalation); readers' comments on documents
 * and public consultations on drafts (征求意见), both through one moderation queue (docs/comments.md).
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
export { InteractionErrors } from './errors.js';
export { MAX_LETTER_ATTACHMENTS } from './letter-files.js';
export type { InteractionTables, LetterType, MailboxKind } from './interaction.tables.js';
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
