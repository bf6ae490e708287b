/**
 * Public face of 互动交流 (interaction). Other modules import ONLY from here.
 *
 * So far: mailboxes per site (网站信箱, 领导信箱, 部门信箱) with a reply deadline in working days,
 * letters submitted by citizens (form page on every site and JSON API) behind an ALTCHA
 * proof-of-work captcha, personal data sealed with SM4, a receipt with query code and password,
 * the handler's masked list, and the handling workflow (acceptance, routing to handling units,
 * reply and its review, publication, rating, deadlines, escalation). 在线访谈: interviews with
 * questions from the public, a live transcript over server-sent events, and the archive.
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
export {
  interviewsRoutes, publicInterviewsRoutes, registerInterviewPages, interviewHubOf, InterviewHub, entryFrame, interviewDeps, createInterview, updateInterview, changeInterviewStatus,
  listInterviews, submitQuestion, decideQuestion, questionsForConsole, postEntry, InterviewErrors, INTERVIEW_CHANNEL,
  type InterviewDeps, type InterviewInput, type InterviewAction, type PostEntryInput, type InterviewView, type QuestionView, type EntryView, type Guest,
} from './interviews/index.js';
