/** 在线访谈 (online interviews): scheduling, questions, the live transcript and its fan-out. */
export { interviewsRoutes } from './interviews.routes.js';
export { publicInterviewsRoutes, interviewHubOf } from './public-interviews.routes.js';
export { registerInterviewPages, INTERVIEW_LIST_PATH, INTERVIEW_PAGE_PATH, QUESTION_FORM_PATH } from './interview-pages.js';
export { InterviewHub, entryFrame } from './interview-hub.js';
export { interviewDeps, INTERVIEW_CHANNEL, INTERVIEW_QUESTIONS_CHANNEL, type InterviewDeps } from './interview-deps.js';
export { createInterview, updateInterview, changeInterviewStatus, listInterviews, type InterviewInput, type InterviewAction } from './interview-schedule.js';
export { submitQuestion, decideQuestion, questionsForConsole } from './interview-questions.js';
export { postEntry, type PostEntryInput } from './interview-transcript.js';
export { InterviewErrors } from './interview-errors.js';
export type { InterviewView, QuestionView, EntryView, Guest } from './interviews.repo.js';
