import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { hasPermissionOnColumn, type Actor } from '../../../platform/identity/actor.js';
import { getSite } from '../../sites/index.js';
import { copyAttachmentRows } from '../attachments/attachments.repo.js';
import type { ContentDeps } from '../content-deps.js';
import { columnPlace } from '../document-scope.js';
import { getDocumentRow, insertDocument, type DocumentRow } from '../documents.repo.js';
import { EDITION_STATUS_LABELS } from '../edition-status.js';
import { fieldsOf, getEdition, insertEdition } from '../editions.repo.js';
import { ContentErrors } from '../errors.js';
import { indexNumberFor, resolveIssuingOrg } from '../issuing-org.js';
import { findActivePlacement, getPlacementRow, insertPlacement, toPlacementView, type PlacementMode, type PlacementView } from './placements.repo.js';
import { PLACEMENT_MODE_LABELS, PLACEMENT_STATUS_LABELS } from './placement-labels.js';

export interface PlaceDocumentInput {
  readonly columnId: number;
  readonly mode: PlacementMode;
}

/**
 * The source of a placement: a published document of any site (the resource library is shared
 * platform-wide, and published content is public anyway). An unpublished document the actor
 * may not read answers 404 exactly like a missing one, so drafts of other sites stay invisible.
 */
async function publishedSource(db: Db, actor: Actor, id: number): Promise<DocumentRow> {
  const doc = await getDocumentRow(db, id);
  if (!doc) throw new AppError(ContentErrors['content.document.not_found']);
  if (doc.status === 'published' && doc.published_edition_id !== null) return doc;
  const place = await columnPlace(db, Number(doc.column_id));
  if (!place || !hasPermissionOnColumn(actor, 'documents.read', place.scope)) throw new AppError(ContentErrors['content.document.not_found']);
  throw new AppError(ContentErrors['content.placement.source_not_published'], { status: EDITION_STATUS_LABELS[doc.status] });
}

/**
 * Places a published document into a column of another (or the same) site.
 * - By reference: one source; the receiving column shows the source's published edition, so
 *   its edits and its withdrawal show there too. It waits for a reviewer of the receiving
 *   column to accept it (the receiving site decides what appears on it).
 * - By copy: a new draft document of the receiving site with the source's published fields and
 *   attachments, independent from then on, which goes through that column's own review chain.
 * Either way the origin is recorded and shown. Needs documents.write on the receiving column.
 */
export async function placeDocument({ db, actor, sourceId, input, deps }: { db: Db; actor: Actor; sourceId: number; input: PlaceDocumentInput; deps: ContentDeps }): Promise<{ placement: PlacementView }> {
  const now = deps.clock.now();
  const source = await publishedSource(db, actor, sourceId);
  const target = await columnPlace(db, input.columnId);
  if (!target || target.column.status !== 'active') throw new AppError(ContentErrors['content.column.not_found']);
  if (!hasPermissionOnColumn(actor, 'documents.write', target.scope)) {
    throw new AppError(ContentErrors['content.placement.out_of_scope'], { column: target.column.name, permission: '撰写稿件' });
  }
  if (target.column.kind === 'link') throw new AppError(ContentErrors['content.column.not_for_documents'], { column: target.column.name });
  if (Number(source.column_id) === target.column.id) throw new AppError(ContentErrors['content.placement.same_column'], { column: target.column.name });
  const targetSite = await getSite(db, target.column.siteId);
  const sourceSite = await getSite(db, Number(source.site_id));
  if (!targetSite || !sourceSite) throw new AppError(ContentErrors['content.column.not_found']);
  const published = (await getEdition(db, Number(source.published_edition_id)))!;
  const issuing = input.mode === 'copy' ? await resolveIssuingOrg(db, targetSite.ownerOrgId, source.kind) : null;

  const placementId = await inTransaction(db, async (trx) => {
    // Serialised per (source, column): two editors placing the same document at once get one placement and one 409.
    await deps.ops.lockForUpdate(trx, `placements.${Number(source.id)}.${target.column.id}`);
    const existing = await findActivePlacement(trx, Number(source.id), target.column.id);
    if (existing) {
      throw new AppError(ContentErrors['content.placement.duplicate'], {
        column: target.column.name, mode: PLACEMENT_MODE_LABELS[existing.mode], status: PLACEMENT_STATUS_LABELS[existing.status],
      });
    }
    let documentId = Number(source.id);
    if (issuing) {
      const indexNumber = await indexNumberFor(trx, issuing, now);
      documentId = await insertDocument(trx, { siteId: targetSite.id, columnId: target.column.id, orgId: issuing.org.id, kind: source.kind, indexNumber, createdBy: actor.userId ?? 0, now });
      // The issuing organization stays the original one; the source line names where it came from.
      const fields = { ...fieldsOf(published), correctionNote: null, source: published.source || `转载自${sourceSite.name}` };
      const editionId = await insertEdition(trx, { documentId, number: 1, lockVersion: 1, fields, authorId: actor.userId ?? 0, now });
      await copyAttachmentRows(trx, { fromEditionId: published.id, toEditionId: editionId, toDocumentId: documentId, now });
      await trx.updateTable('documents').set({ current_edition_id: editionId }).where('id', '=', documentId).execute();
    }
    const id = await insertPlacement(trx, {
      documentId, originDocumentId: Number(source.id), siteId: targetSite.id, columnId: target.column.id, mode: input.mode,
      // A copy is reviewed as the receiving site's own draft; a reference waits for the receiving column's reviewer.
      status: input.mode === 'copy' ? 'accepted' : 'pending', createdBy: actor.userId ?? 0, now,
    });
    await deps.audit.append(trx, actor, {
      action: 'content.placement.create', result: 'success', targetType: 'document', targetId: Number(source.id),
      detail: { placementId: id, mode: input.mode, toSiteId: targetSite.id, toColumnId: target.column.id, copyDocumentId: issuing ? documentId : null },
    });
    return id;
  });
  return { placement: toPlacementView((await getPlacementRow(db, placementId))!) };
}
