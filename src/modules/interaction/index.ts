/**
 * Public face of 互动交流 (interaction). Other modules import ONLY from here.
 *
 * So far: mailboxes per site (网站信箱, 领导信箱, 部门信箱) with a reply deadline in working days,
 * letters submitted by citizens (form page on every site and JSON API) behind an ALTCHA
 * proof-of-work captcha, personal data sealed with SM4, a receipt with query code and password,
 * the handler's masked list, and the handling workflow (acceptance, routing to handling units,
 * reply and its review, publication, rating, deadlines, escalation); and 在线调查 (surveys: the
 * builder, one response per device, results as charts and CSV, results published on the site).
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
export { surveyRoutes } from './surveys/surveys.routes.js';
export { publicSurveyRoutes, SURVEY_SUBMIT_RATE_PER_HOUR } from './surveys/public-surveys.routes.js';
export { registerSurveyPages, SURVEY_LIST_PATH, SURVEY_PATH, SURVEY_RESULTS_PATH } from './surveys/survey-pages.js';
export { createSurvey, updateSurvey, setSurveyState, listSurveys, surveyDetail } from './surveys/survey-admin.js';
export { surveyResults, surveyCsv, csvCell, type QuestionResult } from './surveys/survey-results.js';
export type { SurveyInput, QuestionInput } from './surveys/survey.schemas.js';
