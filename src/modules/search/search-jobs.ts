import type { Platform } from '../../platform/platform.js';
import { getPublishedFields } from '../content/index.js';
import { addPublishListener } from '../publishing/index.js';
import type { Db } from '../../db/index.js';
import { indexEntry, removeEntry } from './index-entries.js';
import { pruneQueryLog } from './query-log.js';
import { runReindexJob, SEARCH_REINDEX_KIND } from './reindex-job.js';

/** Brings one document's entry in line with what is public now (indexed when live, removed otherwise). */
export async function syncDocument(db: Db, documentId: number): Promise<void> {
  const fields = await getPublishedFields(db, documentId);
  if (fields) await indexEntry(db, fields);
  else await removeEntry(db, documentId);
}

/** Daily: query-log rows older than QUERY_LOG_KEEP_DAYS go. */
export const PRUNE_QUERIES_KIND = 'search.prune_queries';

let listening = false;

/**
 * Registers the reindex job kind and the daily query-log pruning, and (once per process) follows publishing: every document the
 * publishing job makes live is indexed, every one it takes down is removed, in its transaction.
 */
export function registerSearchJobs(platform: Platform): void {
  platform.jobs.define(SEARCH_REINDEX_KIND, (ctx) => runReindexJob(platform.db, ctx, () => platform.clock.now()), { maxAttempts: 1, timeoutMs: 12 * 3_600_000 });
  platform.jobs.define(PRUNE_QUERIES_KIND, () => pruneQueryLog(platform.db, platform.clock.now()), { maxAttempts: 3, timeoutMs: 10 * 60 * 1000 });
  platform.jobs.declareSchedule({ name: PRUNE_QUERIES_KIND, cron: '45 3 * * *', kind: PRUNE_QUERIES_KIND });
  if (!listening) {
    listening = true;
    addPublishListener({ documentLive: syncDocument, documentGone: (db, documentId) => removeEntry(db, documentId) });
  }
}
