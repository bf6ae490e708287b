/**
 * Public face of the content module (稿件: documents, editions, attachments, index numbers).
 * Other modules import ONLY from here. The review workflow builds on the edition functions:
 * setEditionStatus for state changes, markPublished to go public (times from the clock),
 * createNextEdition to start a new draft from a published document.
 */
export { getDocument, type DocumentView } from './documents.repo.js';
export { getEdition, listEditions, type EditionView } from './editions.repo.js';
export {
  setEditionStatus, canTransition, refreshDocumentStatus, documentStatusFor,
  EDITION_TRANSITIONS, FAST_TRACK_FROM, EDITABLE_STATUSES, EDITION_STATUS_LABELS,
  type SetEditionStatusInput,
} from './edition-status.js';
export { markPublished } from './mark-published.js';
export { createNextEdition } from './create-next-edition.js';
export {
  setReviewStep, mergeEditionChecks, setEditionSchedule, setWithdrawalInfo, setPolicyLinks, listInterpretationsOf,
  editionAttachmentTexts, listEditionsInReview, listDraftsOf, type QueueEntry,
} from './workflow-support.js';
export { requireDocument, type DocumentInScope, type DocumentPermission } from './document-scope.js';
export { documentReadScope, type ReadScope } from './read-scope.js';
export { listAttachments, type AttachmentView } from './attachments/attachments.repo.js';
export { sanitizeBody, bodyText } from './body/sanitize-body.js';
export { documentNumberProblem } from './metadata/document-number.js';
export { allocateIndexNumber } from './index-number.js';
export { isTopicCategory, TOPIC_CATEGORY_VERSION } from './metadata/topic-categories.js';
export { DOCUMENT_GENRES } from './metadata/genres.js';
export type { EditionFields, Validity } from './metadata/validate-fields.js';
export type { DocumentKind, DocumentStatus, EditionStatus } from './content.tables.js';
export { ContentErrors } from './errors.js';
export { countDocumentsInColumn, moveDocumentsToColumn } from './column-documents.js';
export { documentsRoutes } from './documents.routes.js';
export {
  getPublicDocument, articlePath, attachmentFilePath, listPublishedDocumentIds, countPublishedDocuments, type PublicDocument, type PublicAttachment,
} from './public-view.js';
export { placementsRoutes } from './placements/placements.routes.js';
export { setPlacementChangeHook, type PlacementChangeHook } from './placements/placement-change-hook.js';
export { acceptedReferencesInColumn, referencingColumns, type PlacementView } from './placements/placements.repo.js';
export { getPublishedFields, listPublishedFields, type PublishedFields } from './published-feed.js';
export { openDocumentBulkWriter, type DocumentBulkWriter, type BulkDocument, type BulkEditionText, type BulkAttachment } from './bulk-documents.js';
