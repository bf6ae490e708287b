/**
 * Public face of the review workflow (审核流程): per-column review chains ending with the
 * secrecy review, machine checks before every approval, scheduled publish/unpublish, withdrawal,
 * emergency fast track with post-review, and major policies publishing with their interpretation.
 * Other modules import ONLY from here.
 */
export type { ReviewActionsTable, ReviewAction, WorkflowTables } from './workflow.tables.js';
export { WorkflowErrors } from './errors.js';
export { workflowDeps, type WorkflowDeps, type WorkflowLog } from './workflow-deps.js';
export { reviewChain, canActOnStep, stepAt, type ReviewStep, type StepRole } from './review-chain.js';
export { checkEdition, computeEditionChecks, type EditionChecks } from './edition-checks.js';
export { publishIfReady, isReadyToPublish, type PublishOutcome, type WaitingFor } from './publish-ready.js';
export type { WorkflowResult } from './workflow-result.js';
export { submitDocument } from './operations/submit-document.js';
export { approveDocument, type ApproveInput } from './operations/approve-document.js';
export { rejectDocument, type RejectInput } from './operations/reject-document.js';
export { scheduleDocument, type ScheduleInput } from './operations/schedule-document.js';
export { withdrawDocument, type WithdrawInput } from './operations/withdraw-document.js';
export { fastTrackDocument } from './operations/fast-track-document.js';
export { postReviewDocument } from './operations/post-review-document.js';
export { linkPolicy, type PolicyLinkInput } from './operations/link-policy.js';
export { readReview, type ReviewView } from './operations/read-review.js';
export { reviewInbox, reviewCounts, type Inbox, type InboxItem, type InboxCounts, type ReturnedItem } from './operations/review-inbox.js';
export { listFastTracked, type FastTrackedItem } from './operations/list-fast-tracked.js';
export { PUBLISH_DUE_KIND, UNPUBLISH_DUE_KIND, type DueJobPayload } from './job-kinds.js';
export { registerWorkflowJobs, runPublishDue, runUnpublishDue } from './workflow-jobs.js';
export { workflowRoutes } from './workflow.routes.js';
