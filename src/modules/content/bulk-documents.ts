/**
 * Writes documents in bulk, for generating a province's history (`jiyue generate`) and for the
 * benchmarks: one edition per document, its attachments' metadata, index numbers allocated here
 * (per organization and year, as allocateIndexNumber does one by one), all in the caller's
 * transaction with the engine's fastest multi-row insert. Ids are explicit (documents name
 * their current edition before it exists), taken after the largest id in the tables.
 * Not for request handling: nothing is validated, audited or published.
 */
import type { Db, DialectOps } from '../../db/index.js';
import type { BulkColumn, BulkValue } from '../../db/dialect/index.js';
import type { DocumentKind, DocumentStatus, EditionStatus } from './content.tables.js';
import { formatIndexNumber } from './index-number.js';
import { TOPIC_CATEGORY_VERSION } from './metadata/topic-categories.js';
import type { EditionFields } from './metadata/validate-fields.js';
import type { NewAttachment } from './attachments/attachments.repo.js';

/** The editable fields of a bulk edition (what an editor fills in). */
export type BulkEditionText = Pick<EditionFields, 'title' | 'bodyHtml' | 'summary' | 'keywords' | 'documentNumber' | 'topicCategory' | 'genre' | 'issuingOrgName' | 'dateWritten' | 'source'>;

/** An attachment's metadata; its stored name's file may be absent (publishing skips it, the link answers 404). */
export type BulkAttachment = Pick<NewAttachment, 'originalName' | 'storedName' | 'mime' | 'ext' | 'size' | 'sm3'>;

export interface BulkDocument {
  readonly siteId: number;
  readonly columnId: number;
  readonly orgId: number;
  /** The issuing organization's code: the prefix of the index number. */
  readonly orgCode: string;
  readonly kind: DocumentKind;
  /** published and withdrawn documents need publishedAt; the edition has the same status. */
  readonly status: DocumentStatus;
  readonly isMajor: boolean;
  /** Id (as returned by write) of the policy an interpretation explains. */
  readonly interpretsId: number | null;
  readonly authorId: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly submittedAt: number | null;
  readonly approvedAt: number | null;
  readonly publishedAt: number | null;
  /** Later than publishedAt when the document was corrected and published again. */
  readonly lastPublishedAt: number | null;
  readonly scheduledPublishAt: number | null;
  readonly withdrawnAt: number | null;
  readonly withdrawReason: string | null;
  readonly validity: EditionFields['validity'];
  readonly validityDate: string | null;
  readonly text: BulkEditionText;
  readonly attachments: readonly BulkAttachment[];
}

const DOCUMENT_COLUMNS: readonly BulkColumn[] = [
  ['id', 'bigint'], ['site_id', 'bigint'], ['column_id', 'bigint'], ['org_id', 'bigint'], ['kind', 'text'], ['index_number', 'text'],
  ['status', 'text'], ['current_edition_id', 'bigint'], ['published_edition_id', 'bigint'], ['is_major', 'int'], ['interprets_id', 'bigint'],
  ['created_by', 'bigint'], ['created_at', 'bigint'], ['updated_at', 'bigint'], ['first_published_at', 'bigint'], ['last_published_at', 'bigint'],
  ['withdrawn_at', 'bigint'], ['withdraw_reason', 'text'], ['withdraw_public', 'int'],
];

const EDITION_COLUMNS: readonly BulkColumn[] = [
  ['id', 'bigint'], ['document_id', 'bigint'], ['number', 'int'], ['status', 'text'], ['lock_version', 'int'],
  ['title', 'text'], ['subtitle', 'text'], ['body_html', 'text'], ['summary', 'text'], ['keywords', 'text'], ['document_number', 'text'],
  ['topic_category', 'text'], ['topic_category_version', 'text'], ['genre', 'text'], ['validity', 'text'], ['validity_date', 'text'],
  ['issuing_org_name', 'text'], ['date_written', 'text'], ['source', 'text'], ['author_id', 'bigint'], ['last_editor_id', 'bigint'],
  ['review_step', 'int'], ['checks', 'text'], ['scheduled_publish_at', 'bigint'], ['created_at', 'bigint'], ['updated_at', 'bigint'],
  ['submitted_at', 'bigint'], ['approved_at', 'bigint'], ['published_at', 'bigint'],
];

const ATTACHMENT_COLUMNS: readonly BulkColumn[] = [
  ['id', 'bigint'], ['document_id', 'bigint'], ['edition_id', 'bigint'], ['original_name', 'text'], ['stored_name', 'text'], ['mime', 'text'],
  ['ext', 'text'], ['size', 'bigint'], ['sm3', 'text'], ['created_by', 'bigint'], ['created_at', 'bigint'],
];

const yearOf = (ms: number) => new Date(ms + 8 * 3_600_000).getUTCFullYear();

export interface DocumentBulkWriter {
  /** The id the next document written gets (ids are consecutive: an interpretation can name a policy of the same batch). */
  readonly nextId: number;
  /** Writes the documents in the caller's transaction; returns their ids in order. */
  write(trx: Db, docs: readonly BulkDocument[]): Promise<number[]>;
  /** Stores the index-number counters and moves the id sequences on: call once, after the last write. */
  finish(trx: Db): Promise<{ documents: number; attachments: number }>;
}

async function maxId(db: Db, table: 'documents' | 'document_editions' | 'attachments'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
  return Number(row?.m ?? 0);
}

export async function openDocumentBulkWriter(db: Db, ops: DialectOps): Promise<DocumentBulkWriter> {
  let nextDocument = (await maxId(db, 'documents')) + 1;
  let nextEdition = (await maxId(db, 'document_editions')) + 1;
  let nextAttachment = (await maxId(db, 'attachments')) + 1;
  /** `${orgId}:${year}` → last sequence: a few thousand entries however many documents. */
  const counters = new Map<string, number>();
  for (const c of await db.selectFrom('index_number_counters').selectAll().execute()) counters.set(`${c.org_id}:${c.year}`, Number(c.last_value));
  let documents = 0;
  let attachments = 0;

  return {
    get nextId() { return nextDocument; },
    async write(trx, docs) {
      const ids: number[] = [];
      const docRows: BulkValue[][] = [];
      const editionRows: BulkValue[][] = [];
      const attachmentRows: BulkValue[][] = [];
      for (const d of docs) {
        const id = nextDocument++;
        const editionId = nextEdition++;
        ids.push(id);
        const year = yearOf(d.createdAt);
        const key = `${d.orgId}:${year}`;
        const seq = (counters.get(key) ?? 0) + 1;
        counters.set(key, seq);
        const published = d.status === 'published' ? editionId : null;
        docRows.push([
          id, d.siteId, d.columnId, d.orgId, d.kind, formatIndexNumber(d.orgCode, year, seq), d.status, editionId, published, d.isMajor ? 1 : 0,
          d.interpretsId, d.authorId, d.createdAt, d.updatedAt, d.publishedAt, d.lastPublishedAt ?? d.publishedAt, d.withdrawnAt, d.withdrawReason, 1,
        ]);
        const t = d.text;
        const editionStatus: EditionStatus = d.status;
        editionRows.push([
          editionId, id, 1, editionStatus, 1, t.title, '', t.bodyHtml, t.summary, t.keywords, t.documentNumber,
          t.topicCategory, t.topicCategory ? TOPIC_CATEGORY_VERSION : null, t.genre, d.validity, d.validityDate,
          t.issuingOrgName, t.dateWritten, t.source, d.authorId, d.authorId, 0, '[]', d.scheduledPublishAt, d.createdAt, d.updatedAt,
          d.submittedAt, d.approvedAt, d.lastPublishedAt ?? d.publishedAt,
        ]);
        for (const a of d.attachments) {
          attachmentRows.push([nextAttachment++, id, editionId, a.originalName, a.storedName, a.mime, a.ext, a.size, a.sm3, d.authorId, d.createdAt]);
        }
      }
      await ops.insertMany(trx, { table: 'documents', columns: DOCUMENT_COLUMNS, rows: docRows });
      await ops.insertMany(trx, { table: 'document_editions', columns: EDITION_COLUMNS, rows: editionRows });
      if (attachmentRows.length > 0) await ops.insertMany(trx, { table: 'attachments', columns: ATTACHMENT_COLUMNS, rows: attachmentRows });
      documents += docs.length;
      attachments += attachmentRows.length;
      return ids;
    },

    async finish(trx) {
      const rows = [...counters].map(([key, last]) => {
        const [org, year] = key.split(':').map(Number);
        return [org ?? 0, year ?? 0, last] as BulkValue[];
      });
      await trx.deleteFrom('index_number_counters').execute();
      await ops.insertMany(trx, { table: 'index_number_counters', columns: [['org_id', 'bigint'], ['year', 'int'], ['last_value', 'int']], rows });
      for (const table of ['documents', 'document_editions', 'attachments']) await ops.afterExplicitIds(trx, table);
      return { documents, attachments };
    },
  };
}
