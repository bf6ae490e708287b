import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import { hasPermissionOnColumn, type Actor, type ColumnScope } from '../../platform/identity/actor.js';
import { getColumn, type ColumnView } from '../columns/index.js';
import { getDocumentRow, type DocumentRow } from './documents.repo.js';
import { ContentErrors } from './errors.js';

export type DocumentPermission = 'documents.read' | 'documents.write';

const PERMISSION_LABELS: Readonly<Record<DocumentPermission, string>> = { 'documents.read': '查看稿件', 'documents.write': '撰写稿件' };

export interface ColumnPlace {
  readonly column: ColumnView;
  readonly scope: ColumnScope;
}

export async function columnPlace(db: Db, columnId: number): Promise<ColumnPlace | undefined> {
  const column = await getColumn(db, columnId);
  if (!column) return undefined;
  return { column, scope: { siteId: column.siteId, orgPath: column.orgPath, columnPath: column.path } };
}

export interface DocumentInScope extends ColumnPlace {
  readonly doc: DocumentRow;
}

/**
 * Loads a document for an actor. Someone who may not even read it gets the same 404 as for a
 * document that does not exist, so guessing ids reveals nothing about other sites' drafts.
 * Someone who may read but not change it gets 403 naming the missing permission.
 */
export async function requireDocument(db: Db, actor: Actor, id: number, need: DocumentPermission): Promise<DocumentInScope> {
  const doc = await getDocumentRow(db, id);
  const place = doc ? await columnPlace(db, Number(doc.column_id)) : undefined;
  if (!doc || !place || !hasPermissionOnColumn(actor, 'documents.read', place.scope)) throw new AppError(ContentErrors['content.document.not_found']);
  if (need !== 'documents.read' && !hasPermissionOnColumn(actor, need, place.scope)) {
    throw new AppError(ContentErrors['content.document.out_of_scope'], { permission: PERMISSION_LABELS[need] });
  }
  return { doc, ...place };
}
