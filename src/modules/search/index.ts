/**
 * Public face of search (站内搜索). Other modules import ONLY from here.
 *
 * - indexEntry / indexEntries / removeEntry: keep the index in line with what is public
 *   (upsert by documentId, in the caller's transaction when given one). registerSearchJobs
 *   also follows the publishing module's listener, so a publish or withdrawal updates the
 *   index without further wiring.
 * - searchDocuments: per site or platform-wide, with filters, relevance or date order,
 *   highlighted title and snippet, counts per group (news / policy / interpretation / service:
 *   KIND_GROUP), exact look-up by 索引号 or 文号. suggest: completions of a prefix.
 * - reindexAll / the job 'search.reindex' (startReindex from the console, enqueueReindex after
 *   the demo seed): a full rebuild from the content module's feed;
 *   indexBatches: the bulk path it uses (segmentation on a worker thread, overlapped with writes).
 * - searchPageModel: the `search` object themes/default/search.liquid renders (for /search.html).
 * - Both engines: SQLite FTS5 and PostgreSQL tsvector + GIN, fed with jieba tokens (dialect/).
 */
export type { SearchEntry, SearchQuery, SearchResult, SearchHit, SearchGroup, SearchSort, SuggestQuery } from './search.types.js';
export { KIND_GROUP, SEARCH_GROUPS } from './search.types.js';
export type { SearchTables } from './search.tables.js';
export { indexEntry, indexEntries, removeEntry, removeEntries, segmentEntry, writeSegmented, MAX_INDEXED_BODY, type SegmentedEntry } from './index-entries.js';
export { DOCS_PER_TRANSACTION, indexBatches, type BulkIndexOptions } from './bulk-index.js';
export { SegmentWorker } from './segment-worker.js';
export { searchDocuments, COUNT_CAP, MAX_RESULT_WINDOW, RELEVANCE_WINDOW, MAX_PAGE_SIZE } from './search-documents.js';
export { suggest, MAX_SUGGESTIONS } from './suggest.js';
export { parseQuery, exactKeyOf, MAX_QUERY_LENGTH, type ParsedQuery } from './parse-query.js';
export { segment, segmentedText, warmUpSegmenter } from './segmenter.js';
export { highlightTitle, highlightSnippet, escapeHtml } from './highlight.js';
export { anonymizeQuery, writeQueryLogBulk, queryStats, pruneQueryLog, QUERY_LOG_KEEP_DAYS, type QueryStats } from './query-log.js';
export { enqueueReindex, reindexAll, startReindex, SEARCH_REINDEX_KIND, REINDEX_BATCH, type ReindexOutcome } from './reindex-job.js';
export { registerSearchJobs, syncDocument, PRUNE_QUERIES_KIND } from './search-jobs.js';
export { searchPageModel, GROUP_NAMES, type SearchPageModel, type SearchPageInput } from './search-page-model.js';
export { publicSearchRoutes, searchRoutes } from './search.routes.js';
export { SearchErrors } from './errors.js';
