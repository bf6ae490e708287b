import { inTransaction, type Db } from '../../db/index.js';
import { searchDb, writeSegmented, type SegmentedEntry, type WriteOptions } from './index-entries.js';
import { applyTermDeltas } from './suggestion-terms.js';
import { SegmentWorker } from './segment-worker.js';
import type { SearchEntry } from './search.types.js';

/** Suggestion counts are written once per this many documents (and at the end). */
const TERMS_FLUSH_EVERY = 20_000;

export interface BulkIndexOptions extends Omit<WriteOptions, 'now' | 'termSink'> {
  readonly now?: () => number;
  readonly signal?: AbortSignal;
  /** After each batch is written: documents written so far. */
  readonly onBatch?: (written: number) => Promise<void>;
  /** A running segmentation worker to use (and leave running); by default one is started and stopped. */
  readonly worker?: SegmentWorker;
}

/**
 * Indexes batches as they come, two at a time: a worker thread segments batch k + 1 while this
 * thread writes batch k (one transaction per batch). Segmentation and the index writes cost
 * about the same, so overlapping them nearly doubles the rate of a full rebuild. Suggestion
 * counts are summed in memory and written every TERMS_FLUSH_EVERY documents (they lag the
 * entries by at most that much; a failure before a flush leaves them short until a reindex).
 */
export async function indexBatches(db: Db, batches: AsyncIterable<readonly SearchEntry[]> | Iterable<readonly SearchEntry[]>, opts: BulkIndexOptions = {}): Promise<number> {
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
    // Wrapped, so awaiting pull() waits for the batch to be read, not for it to be segmented.
    const pull = async (): Promise<{ segmented: Promise<SegmentedEntry[]> } | null> => {
      const r = await it.next();
      if (r.done) return null;
      const segmented = worker.segment(r.value);
      // A batch still segmenting when a write fails must not become an unhandled rejection.
      segmented.catch(() => undefined);
      return { segmented };
    };
    let pending = await pull();
    while (pending) {
      opts.signal?.throwIfAborted();
      const segmented = await pending.segmented;
      // Start segmenting the next batch before writing this one.
      pending = await pull();
      await writeSegmented(db, segmented, { now: now(), termSink: terms, ...(opts.freshTerms !== undefined ? { freshTerms: opts.freshTerms } : {}) });
      written += segmented.length;
      sinceFlush += segmented.length;
      if (sinceFlush >= TERMS_FLUSH_EVERY) await flushTerms();
      if (opts.onBatch) await opts.onBatch(written);
    }
    await flushTerms();
  } finally {
    if (!opts.worker) await worker.stop();
  }
  return written;
}
