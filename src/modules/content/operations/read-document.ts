import type { Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { listAttachments, type AttachmentView } from '../attachments/attachments.repo.js';
import { requireDocument } from '../document-scope.js';
import { toDocumentView, type DocumentView } from '../documents.repo.js';
import { getEdition, listEditions, type EditionView } from '../editions.repo.js';
import { userNames } from '../user-names.js';

export interface DocumentDetail {
  readonly document: DocumentView;
  readonly column: { readonly id: number; readonly name: string; readonly kind: string };
  readonly edition: EditionView & { readonly authorName: string; readonly lastEditorName: string };
  readonly publishedEdition: { readonly id: number; readonly number: number; readonly publishedAt: number | null } | null;
  readonly attachments: readonly AttachmentView[];
}

/** The document with its current edition (the one an editor works on), for readers in scope. */
export async function readDocument({ db, actor, documentId }: { db: Db; actor: Actor; documentId: number }): Promise<DocumentDetail> {
  const { doc, column } = await requireDocument(db, actor, documentId, 'documents.read');
  const document = toDocumentView(doc);
  const edition = (await getEdition(db, document.currentEditionId))!;
  const published = document.publishedEditionId !== null && document.publishedEditionId !== edition.id ? await getEdition(db, document.publishedEditionId) : undefined;
  const names = await userNames(db, [edition.authorId, edition.lastEditorId]);
  return {
    document,
    column: { id: column.id, name: column.name, kind: column.kind },
    edition: { ...edition, authorName: names.get(edition.authorId) ?? '', lastEditorName: names.get(edition.lastEditorId) ?? '' },
    publishedEdition: document.publishedEditionId === null ? null
      : published ? { id: published.id, number: published.number, publishedAt: published.publishedAt }
        : { id: edition.id, number: edition.number, publishedAt: edition.publishedAt },
    attachments: await listAttachments(db, edition.id),
  };
}

export interface EditionSummary {
  readonly id: number;
  readonly number: number;
  readonly status: EditionView['status'];
  readonly title: string;
  readonly lockVersion: number;
  readonly authorName: string;
  readonly lastEditorName: string;
  readonly correctionNote: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly submittedAt: number | null;
  readonly approvedAt: number | null;
  readonly publishedAt: number | null;
}

/** The revision history: every edition, newest first. */
export async function readEditions({ db, actor, documentId }: { db: Db; actor: Actor; documentId: number }): Promise<EditionSummary[]> {
  await requireDocument(db, actor, documentId, 'documents.read');
  const editions = await listEditions(db, documentId);
  const names = await userNames(db, editions.flatMap((e) => [e.authorId, e.lastEditorId]));
  return editions.map((e) => ({
    id: e.id, number: e.number, status: e.status, title: e.title, lockVersion: e.lockVersion,
    authorName: names.get(e.authorId) ?? '', lastEditorName: names.get(e.lastEditorId) ?? '', correctionNote: e.correctionNote,
    createdAt: e.createdAt, updatedAt: e.updatedAt, submittedAt: e.submittedAt, approvedAt: e.approvedAt, publishedAt: e.publishedAt,
  }));
}
