import type { Db } from '../../db/index.js';
import { allocateIndexNumber, TOPIC_CATEGORY_VERSION } from '../../modules/content/index.js';
import { formatShanghai } from '../../platform/i18n/format-time.js';
import type { DemoDocument } from './demo-document.js';

const CHUNK = 100;
const MINUTE = 60_000;

/**
 * DEMO HISTORY ONLY — the one place in Jiyue that writes publish times in the past.
 *
 * The product never lets anyone choose a publish time (markPublished takes it from the clock;
 * NORMS treat a back-dated publish time as a veto-level fault). A demo province, however,
 * needs two years of history, and running 2,000 documents through the review workflow would
 * both be slow and stamp them all "now". So the demo seeder writes published documents and
 * their single edition directly, in the caller's transaction, with the historical times of the
 * template. This function is internal to src/demo: it is not exported from any module, no
 * route or job reaches it, and it runs only on an empty database (`npm start` / `jiyue demo`,
 * and test contexts). Index numbers still come from the content module's allocator, so the
 * per-organization counters continue correctly after the seed. No per-document audit events:
 * the caller writes one `demo.seed_documents` event with the counts.
 *
 * Returns the new document id of every input key.
 */
export async function seedPublishedDocuments(trx: Db, docs: readonly DemoDocument[], q: { authorId: number }): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (let start = 0; start < docs.length; start += CHUNK) {
    const chunk = docs.slice(start, start + CHUNK);
    const indexNumbers: string[] = [];
    for (const d of chunk) {
      indexNumbers.push(await allocateIndexNumber(trx, { orgId: d.orgId, orgCode: d.orgCode, year: Number(formatShanghai(d.publishedAt).slice(0, 4)) }));
    }
    const inserted = await trx.insertInto('documents').values(chunk.map((d, i) => {
      const createdAt = d.publishedAt - 90 * MINUTE;
      return {
        site_id: d.siteId, column_id: d.columnId, org_id: d.orgId, kind: d.kind, index_number: indexNumbers[i] ?? null, status: 'published' as const,
        current_edition_id: null, published_edition_id: null, is_major: d.isMajor ? 1 : 0,
        interprets_id: null,
        created_by: q.authorId, created_at: createdAt, updated_at: d.publishedAt,
        first_published_at: d.publishedAt, last_published_at: d.publishedAt, withdrawn_at: null, withdraw_reason: null, withdraw_public: 1,
      };
    })).returning(['id', 'index_number']).execute();
    // Index numbers are unique, so they tie each returned id to its input row whatever the row order.
    const byIndex = new Map(inserted.map((r) => [r.index_number, Number(r.id)]));
    chunk.forEach((d, i) => {
      const id = byIndex.get(indexNumbers[i] ?? null);
      if (id === undefined) throw new Error(`demo document ${d.key} was not inserted`);
      ids.set(d.key, id);
    });
    const editions = await trx.insertInto('document_editions').values(chunk.map((d) => ({
      document_id: ids.get(d.key) as number, number: 1, status: 'published' as const, lock_version: 1,
      title: d.title, subtitle: '', body_html: d.bodyHtml, summary: d.summary, keywords: d.keywords, document_number: d.documentNumber,
      topic_category: d.topicCategory, topic_category_version: d.topicCategory ? TOPIC_CATEGORY_VERSION : null, genre: d.genre,
      validity: 'valid' as const, validity_date: null, issuing_org_name: d.issuingOrgName, date_written: d.dateWritten, source: d.source,
      author_id: q.authorId, last_editor_id: q.authorId, review_step: 0, checks: '[]', correction_note: null,
      scheduled_publish_at: null, scheduled_unpublish_at: null,
      created_at: d.publishedAt - 90 * MINUTE, updated_at: d.publishedAt, submitted_at: d.publishedAt - 60 * MINUTE,
      approved_at: d.publishedAt - 10 * MINUTE, published_at: d.publishedAt,
    }))).returning(['id', 'document_id']).execute();
    const documentIds = editions.map((e) => Number(e.document_id));
    // Each new document has exactly one edition: point both edition references at it in one statement.
    await trx.updateTable('documents').set((eb) => {
      const only = eb.selectFrom('document_editions').select('document_editions.id').whereRef('document_editions.document_id', '=', 'documents.id');
      return { current_edition_id: only, published_edition_id: only };
    }).where('id', 'in', documentIds).execute();
  }
  // Links last: an interpretation may share a chunk with its policy.
  for (const d of docs) {
    if (d.interpretsKey === null) continue;
    const policyId = ids.get(d.interpretsKey);
    if (policyId === undefined) throw new Error(`demo interpretation ${d.key} names a missing policy`);
    await trx.updateTable('documents').set({ interprets_id: policyId }).where('id', '=', ids.get(d.key) as number).execute();
  }
  return ids;
}
