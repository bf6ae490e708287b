/**
 * Public face of the publishing module (发布): renders published data into the page store.
 * Workflow enqueues a publish job in the transaction that publishes or withdraws (outbox);
 * the worker renders exactly the affected pages; `jiyue publish --all` rebuilds everything.
 */
export { enqueueDocumentPublish, enqueueRebuild, rebuildAll, registerPublishingJobs, PUBLISH_DOCUMENT_KIND, REBUILD_KIND, type RebuildPayload } from './publishing-jobs.js';
export { publishDocument, attachmentPath } from './publish-document.js';
export { rebuildSite } from './rebuild-site.js';
export { compressVariants } from './compress-variants.js';
export { renderSearchPage } from './render-search-page.js';
export { renderInteractionPage, renderSiteNotFound, type InteractionTemplate } from './render-interaction-page.js';
export { publishingDeps, addPublishListener, type PublishingDeps, type PublishListener } from './publishing-deps.js';
export { createThemeEngine, DEFAULT_THEME_DIR } from './theme/theme-engine.js';
export { pageStoreFor } from './page-store/index.js';
export { publishingRoutes } from './publishing.routes.js';
export { PublishingErrors } from './errors.js';
export type { PublishingTables } from './publishing.tables.js';
