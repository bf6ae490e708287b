import { inTransaction, withBulkWrites, type Db } from '../../db/index.js';
import { searchDb, writeSegmented, type SegmentedEntry, type WriteOptions } from './index-entries.js';
import { applyTermDeltas } from './suggestion-terms.js';
import { SegmentWorker } from './segment-worker.js';
import type { SearchEntry } from './search.types.js';

/** Suggestion counts are written once per this many documents (and at the end). */
const TERMS_FLUSH_EVERY = 20_000;
/**
 * Documents written per transaction (batches are joined up to this many). Every commit makes
 * FTS5 write a new segment holding each distinct word of the transaction (and SQLite
 * checkpoint the pages): at 200 documents that cost more than the rows themselves, at 1,000 a
 * document costs about 40% less. One transaction holds the write lock for about half a second.
 */
export const DOCS_PER_TRANSACTION = 1_000;

export interface BulkIndexOptions extends Omit<WriteOptions, 'now' | 'termSink'> {
  readonly now?: () => number;
  readonly signal?: AbortSignal;
  /** After each transaction is written: documents written so far. */
  readonly onBatch?: (written: number) => Promise<void>;
  /** A running segmentation worker to use (and leave running); by default one is started and stopped. */
  readonly worker?: SegmentWorker;
}

interface Queued {
  readonly size: number;
  readonly segmented: Promise<SegmentedEntry[]>;
}

/**
 * Indexes batches as they come: a worker thread segments the next transaction's batches while
 * this thread writes the current one (one transaction per DOCS_PER_TRANSACTION documents).
 * Segmentation and the index writes cost about the same, so overlapping them nearly doubles
 * the rate of a full rebuild. Suggestion counts are summed in memory and written every
 * TERMS_FLUSH_EVERY documents (they lag the entries by at most that much; a failure before a
 * flush leaves them short until a reindex). On SQLite the WAL is checkpointed on a thread of
 * its own meanwhile (withBulkWrites).
 */
export async function indexBatches(db: Db, batches: AsyncIterable<readonly SearchEntry[]> | Iterable<readonly SearchEntry[]>, opts: BulkIndexOptions = {}): Promise<number> {
  return withBulkWrites(db, () => writeBatches(db, batches, opts));
}

async function writeBatches(db: Db, batches: AsyncIterable<readonly SearchEntry[]> | Iterable<readonly SearchEntry[]>, opts: BulkIndexOptions): Promise<number> {
  const worker = opts.worker ?? SegmentWorker.start();
  const now = opts.now ?? Date.now;
  let written = 0;
  let terms = new Map<string, number>();
  let sinceFlush = 0;
  const flushTerms = async () => {
    const pending = terms;
    terms = new Map();
    sinceFlush = 0;
    await inTransaction(db, (trx) => applyTermDeltas(searchDb(trx), pending));
  };
  try {
    const it = Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : (batches as Iterable<readonly SearchEntry[]>)[Symbol.iterator]();
    const queue: Queued[] = [];
    let queuedDocs = 0;
    let ended = false;
    // Reads batches and hands them to the worker until `docs` documents are queued.
    const fill = async (docs: number): Promise<void> => {
      while (!ended && queuedDocs < docs) {
        const r = await it.next();
        if (r.done) {
          ended = true;
          return;
        }
        const segmented = worker.segment(r.value);
        // A batch still segmenting when a write fails must not become an unhandled rejection.
        segmented.catch(() => undefined);
        queue.push({ size: r.value.length, segmented });
        queuedDocs += r.value.length;
      }
    };
    await fill(DOCS_PER_TRANSACTION);
    while (queue.length > 0) {
      opts.signal?.throwIfAborted();
      const items: SegmentedEntry[] = [];
      while (queue.length > 0 && items.length < DOCS_PER_TRANSACTION) {
        const q = queue.shift()!;
        queuedDocs -= q.size;
        items.push(...await q.segmented);
      }
      // The next transaction's batches segment while this one is written.
      await fill(DOCS_PER_TRANSACTION);
      await writeSegmented(db, items, { now: now(), termSink: terms, ...(opts.freshTerms !== undefined ? { freshTerms: opts.freshTerms } : {}) });
      written += items.length;
      sinceFlush += items.length;
      if (sinceFlush >= TERMS_FLUSH_EVERY) await flushTerms();
      if (opts.onBatch) await opts.onBatch(written);
    }
    await flushTerms();
  } finally {
    if (!opts.worker) await worker.stop();
  }
  return written;
}
