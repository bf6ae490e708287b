import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { hasPermissionOnColumn, hasPermissionOnOrg, type Actor } from '../../../platform/identity/actor.js';
import { getOrg } from '../../../platform/identity/orgs.repo.js';
import { getSite } from '../../sites/index.js';
import type { DocumentKind } from '../content.tables.js';
import type { ContentDeps } from '../content-deps.js';
import { columnPlace } from '../document-scope.js';
import { getDocument, insertDocument, type DocumentView } from '../documents.repo.js';
import { getEdition, insertEdition, type EditionView } from '../editions.repo.js';
import { ContentErrors } from '../errors.js';
import { indexNumberFor, resolveIssuingOrg } from '../issuing-org.js';
import { mergeFields, type EditionFields, type EditionFieldsPatch } from '../metadata/validate-fields.js';
import { prepareFields } from './prepare-fields.js';

export interface CreateDocumentInput extends EditionFieldsPatch {
  readonly columnId: number;
  readonly kind: DocumentKind;
  /** Issuing organization; default: the site's owner. Its code prefixes the index number. */
  readonly orgId?: number | undefined;
}

function emptyFields(issuingOrgName: string): EditionFields {
  return {
    title: '', subtitle: '', bodyHtml: '', summary: '', keywords: '', documentNumber: null, topicCategory: null, genre: null,
    validity: 'valid', validityDate: null, issuingOrgName, dateWritten: null, source: '', correctionNote: null,
  };
}

/**
 * Creates a draft (edition 1) in a column. Steps: find the column, check documents.write on
 * it (and on the issuing organization when it is neither the site's owner nor one of the
 * owner's own), validate every field (all problems at once; nothing is written when any fails), then in
 * one transaction allocate the index number, insert document and edition, and audit.
 */
export async function createDocument({ db, actor, input, deps }: { db: Db; actor: Actor; input: CreateDocumentInput; deps: ContentDeps }): Promise<{ document: DocumentView; edition: EditionView }> {
  const now = deps.clock.now();
  const place = await columnPlace(db, input.columnId);
  if (!place || place.column.status !== 'active') throw new AppError(ContentErrors['content.column.not_found']);
  if (!hasPermissionOnColumn(actor, 'documents.write', place.scope)) throw new AppError(ContentErrors['content.column.out_of_scope'], { column: place.column.name });
  if (place.column.kind === 'link') throw new AppError(ContentErrors['content.column.not_for_documents'], { column: place.column.name });
  const site = await getSite(db, place.column.siteId);
  if (!site) throw new AppError(ContentErrors['content.column.not_found']);

  // Another organization than the site's owner lends its index-number sequence (and its name by
  // default): it must be one of the owner's own (a department of the portal's government, for an
  // editor who may write in the column), or one the author writes documents for. Checked before
  // anything is said about that organization.
  if (input.orgId !== undefined && input.orgId !== site.ownerOrgId) {
    const [chosen, owner] = await Promise.all([getOrg(db, input.orgId), getOrg(db, site.ownerOrgId)]);
    if (chosen && !(owner && chosen.path.startsWith(owner.path)) && !hasPermissionOnOrg(actor, 'documents.write', chosen.path)) {
      throw new AppError(ContentErrors['content.org.out_of_scope'], { org: chosen.name });
    }
  }
  const issuing = await resolveIssuingOrg(db, input.orgId ?? site.ownerOrgId, input.kind);
  const org = issuing.org;
  const { columnId: _c, kind: _k, orgId: _o, ...patch } = input;
  const fields = prepareFields(mergeFields(emptyFields(org.name), patch), { now, wasPublished: false });

  const ids = await inTransaction(db, async (trx) => {
    const indexNumber = await indexNumberFor(trx, issuing, now);
    const documentId = await insertDocument(trx, { siteId: site.id, columnId: place.column.id, orgId: org.id, kind: input.kind, indexNumber, createdBy: actor.userId ?? 0, now });
    const editionId = await insertEdition(trx, { documentId, number: 1, lockVersion: 1, fields, authorId: actor.userId ?? 0, now });
    await trx.updateTable('documents').set({ current_edition_id: editionId }).where('id', '=', documentId).execute();
    await deps.audit.append(trx, actor, {
      action: 'content.document.create', result: 'success', targetType: 'document', targetId: documentId,
      detail: { siteId: site.id, columnId: place.column.id, kind: input.kind, indexNumber, editionId, title: fields.title.slice(0, 100) },
    });
    return { documentId, editionId };
  });
  return { document: (await getDocument(db, ids.documentId))!, edition: (await getEdition(db, ids.editionId))! };
}
