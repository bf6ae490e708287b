import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { ContentDeps } from '../content-deps.js';
import { createNextEdition, NEXT_EDITION_FROM } from '../create-next-edition.js';
import { requireDocument } from '../document-scope.js';
import { getDocument, type DocumentView } from '../documents.repo.js';
import { EDITABLE_STATUSES, EDITION_STATUS_LABELS } from '../edition-status.js';
import { fieldsOf, getEdition, getEditionRow, toEditionView, updateEditionFields, type EditionView } from '../editions.repo.js';
import { ContentErrors } from '../errors.js';
import { mergeFields, type EditionFields, type EditionFieldsPatch } from '../metadata/validate-fields.js';
import { staleError } from '../stale-error.js';
import { prepareFields } from './prepare-fields.js';

export interface SaveDocumentInput extends EditionFieldsPatch {
  /** The lock version of the edition the editor loaded. */
  readonly lockVersion: number;
}

function changedFields(before: EditionFields, after: EditionFields): string[] {
  return (Object.keys(after) as (keyof EditionFields)[]).filter((k) => before[k] !== after[k]);
}

/**
 * Saves the current draft. A draft (or a rejected edition) is changed in place when the
 * lock version still matches (409 naming who saved last otherwise). A published or withdrawn
 * document gets a new draft edition copying the current one, changed in the same
 * transaction; the public edition stays public. Editions in review cannot be changed.
 */
export async function saveDocument({ db, actor, documentId, input, deps }: { db: Db; actor: Actor; documentId: number; input: SaveDocumentInput; deps: ContentDeps }): Promise<{ document: DocumentView; edition: EditionView }> {
  const now = deps.clock.now();
  const { doc } = await requireDocument(db, actor, documentId, 'documents.write');
  const current = await getEditionRow(db, Number(doc.current_edition_id));
  if (!current) throw new AppError(ContentErrors['content.edition.not_found']);
  const inPlace = EDITABLE_STATUSES.includes(current.status);
  if (!inPlace && !(NEXT_EDITION_FROM as readonly string[]).includes(current.status)) {
    throw new AppError(ContentErrors['content.document.not_editable'], { status: EDITION_STATUS_LABELS[current.status] });
  }
  if (Number(current.lock_version) !== input.lockVersion) throw await staleError(db, current);

  const { lockVersion: _l, ...patch } = input;
  const base = inPlace ? fieldsOf(toEditionView(current)) : { ...fieldsOf(toEditionView(current)), correctionNote: null };
  const fields = prepareFields(mergeFields(base, patch), { now, wasPublished: doc.first_published_at !== null });
  const changed = changedFields(base, fields);

  const editionId = await inTransaction(db, async (trx) => {
    let target = { id: Number(current.id), lockVersion: Number(current.lock_version) };
    if (!inPlace) {
      const next = await createNextEdition(trx, { documentId, actor, now });
      target = { id: next.id, lockVersion: next.lockVersion };
      await deps.audit.append(trx, actor, {
        action: 'content.edition.create', result: 'success', targetType: 'document', targetId: documentId,
        detail: { editionId: next.id, number: next.number, from: Number(current.id) },
      });
    }
    const saved = await updateEditionFields(trx, { id: target.id, lockVersion: target.lockVersion, fields, editorId: actor.userId ?? 0, now });
    if (!saved) {
      // Someone saved between our check and our write: answer as for any stale save.
      const latest = await getEditionRow(trx, target.id);
      throw latest ? await staleError(trx, latest) : new AppError(ContentErrors['content.edition.not_found']);
    }
    await trx.updateTable('documents').set({ updated_at: now }).where('id', '=', documentId).execute();
    await deps.audit.append(trx, actor, {
      action: 'content.document.save', result: 'success', targetType: 'document', targetId: documentId,
      detail: { editionId: target.id, changed, ...(fields.correctionNote !== null ? { correction: true } : {}) },
    });
    return target.id;
  });
  return { document: (await getDocument(db, documentId))!, edition: (await getEdition(db, editionId))! };
}
