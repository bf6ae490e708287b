import { inTransaction, type Db } from '../../db/index.js';
import type { AuditLog, JobContext, JobQueue } from '../../platform/contracts.js';
import { AppError } from '../../platform/http/error-registry.js';
import { hasPermission, type Actor } from '../../platform/identity/actor.js';
import { countPublishedDocuments, listPublishedFields, type PublishedFields } from '../content/index.js';
import { indexBatches } from './bulk-index.js';
import { searchDialect } from './dialect/index.js';
import { searchDb } from './index-entries.js';

export const SEARCH_REINDEX_KIND = 'search.reindex';
/** Documents read and segmented per batch (indexBatches writes DOCS_PER_TRANSACTION of them per transaction). */
export const REINDEX_BATCH = 200;

export interface ReindexOutcome {
  readonly indexed: number;
  /** Entries of documents no longer public, dropped. */
  readonly removed: number;
}

/** Enqueues a full rebuild (outbox: in the caller's transaction with its audit event). */
export async function startReindex(q: { db: Db; actor: Actor; jobs: JobQueue; audit: AuditLog }): Promise<{ id: number }> {
  if (!hasPermission(q.actor, 'search.manage')) throw new AppError('auth.forbidden');
  return inTransaction(q.db, async (trx) => {
    const id = await enqueueReindex(trx, q.jobs, q.actor.userId);
    await q.audit.append(trx, q.actor, { action: 'search.reindex', result: 'success', targetType: 'job', targetId: id });
    return { id };
  });
}

/**
 * Enqueues a full rebuild in the caller's transaction, checking nothing: startReindex (the
 * console) checks and audits first; the demo seed, whose documents are published directly
 * rather than through the workflow that indexes each, queues it on the platform's own behalf.
 */
export function enqueueReindex(trx: Db, jobs: JobQueue, createdBy: number | null = null): Promise<number> {
  return jobs.enqueue(trx, { kind: SEARCH_REINDEX_KIND, maxAttempts: 1, createdBy });
}

/**
 * Rebuilds the index from the published documents (the content module's feed), batch by
 * batch, reporting progress. The index stays searchable throughout: entries are replaced in
 * place, then entries of documents that are no longer public are dropped, and the full-text
 * structure is compacted. The suggestion vocabulary is counted afresh (suggestions are
 * incomplete until the rebuild ends).
 */
export async function reindexAll(db: Db, progress: (percent: number, message: string) => Promise<void>, opts: { signal?: AbortSignal; now?: () => number } = {}): Promise<ReindexOutcome> {
  const now = opts.now ?? Date.now;
  const sdb = searchDb(db);
  const total = await countPublishedDocuments(db);
  await progress(0, `共 ${total} 篇已发布文档 / ${total} published documents`);
  await sdb.deleteFrom('search_terms').execute();
  const seen = new Set<number>();
  async function* feed(): AsyncGenerator<PublishedFields[]> {
    let afterId = 0;
    for (;;) {
      const batch = await listPublishedFields(db, { afterId, limit: REINDEX_BATCH });
      if (batch.length === 0) return;
      afterId = batch[batch.length - 1]!.documentId;
      for (const f of batch) seen.add(f.documentId);
      yield batch;
    }
  }
  await indexBatches(db, feed(), {
    now, freshTerms: true, ...(opts.signal ? { signal: opts.signal } : {}),
    onBatch: async (written) => {
      // The last few percent are the clean-up and compaction below.
      await progress(Math.min(95, (written / Math.max(1, total)) * 95), `已索引 ${written}/${total} / indexed ${written} of ${total}`);
    },
  });
  await progress(96, '清理已撤下的文档 / dropping documents no longer public');
  let removed = 0;
  let after = 0;
  for (;;) {
    const ids = (await sdb.selectFrom('search_entries').select(['document_id', 'sk']).where('document_id', '>', after).orderBy('document_id').limit(1000).execute())
      .map((r) => ({ id: Number(r.document_id), sk: Number(r.sk) }));
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!.id;
    const stale = ids.filter((r) => !seen.has(r.id));
    if (stale.length === 0) continue;
    // Their words were never added to the fresh vocabulary: drop the rows without subtracting.
    await inTransaction(db, async (trx) => {
      const t = searchDb(trx);
      await searchDialect(trx).deleteText(t, stale.map((r) => r.sk));
      await t.deleteFrom('search_entries').where('document_id', 'in', stale.map((r) => r.id)).execute();
    });
    removed += stale.length;
  }
  await progress(98, '整理索引 / compacting the index');
  await searchDialect(db).optimize(sdb);
  await progress(100, `完成：${seen.size} 篇已索引，${removed} 篇已移除 / done: ${seen.size} indexed, ${removed} removed`);
  return { indexed: seen.size, removed };
}

export function runReindexJob(db: Db, ctx: JobContext, now: () => number): Promise<ReindexOutcome> {
  return reindexAll(db, (p, m) => ctx.progress(p, m), { signal: ctx.signal, now });
}
