/**
 * Writes a DocumentSet through the content module's bulk writer (the one `jiyue generate` uses),
 * in transactions of CHUNK documents on the platform's own connection. The writer allocates the
 * same ids and index numbers the set computed: both continue after the largest id and the stored
 * counters, in the set's order.
 */
import pg from 'pg';
import { inTransaction } from '../../src/db/index.js';
import { openDocumentBulkWriter, type BulkDocument } from '../../src/modules/content/index.js';
import type { Platform } from '../../src/platform/platform.js';
import type { BenchDocument, DocumentSet, EditionText } from './document-set.js';

const CHUNK = 5_000;

export interface BulkProgress {
  update(done: number, total: number): void;
}

function bulkDocumentOf(d: BenchDocument, t: EditionText, authorId: number, orgCode: string): BulkDocument {
  return {
    siteId: d.siteId, columnId: d.columnId, orgId: d.orgId, orgCode, kind: d.kind, status: d.status, isMajor: d.isMajor, interpretsId: null,
    authorId, createdAt: d.createdAt, updatedAt: d.updatedAt, submittedAt: d.submittedAt, approvedAt: d.approvedAt, publishedAt: d.publishedAt,
    lastPublishedAt: d.lastPublishedAt, scheduledPublishAt: d.scheduledPublishAt, withdrawnAt: d.withdrawnAt,
    withdrawReason: d.withdrawnAt === null ? null : '信息已过时效', validity: 'valid', validityDate: null, text: t, attachments: [],
  };
}

export async function writeDocumentSet(platform: Platform, set: DocumentSet, q: { authorId: number; progress: BulkProgress }): Promise<void> {
  const { db } = platform;
  await platform.dbh.ops.prepareBulkLoad(db);
  const writer = await openDocumentBulkWriter(db, platform.dbh.ops);
  const total = set.remaining;
  while (set.remaining > 0) {
    const docs = set.take(CHUNK);
    const first = docs[0];
    if (first && first.id !== writer.nextId) throw new Error(`document set starts at id ${first.id}, the writer at ${writer.nextId}`);
    await inTransaction(db, (trx) => writer.write(trx, docs.map((d) => bulkDocumentOf(d, set.texts[d.text] as EditionText, q.authorId, d.indexNumber.split('/')[0] ?? ''))));
    q.progress.update(total - set.remaining, total);
  }
  await inTransaction(db, (trx) => writer.finish(trx));
}

/** What autovacuum would have done by the time a real platform holds this many rows: statistics and the visibility map. */
export async function vacuumAnalyzePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('vacuum (analyze) documents, document_editions');
  } finally {
    await client.end();
  }
}
