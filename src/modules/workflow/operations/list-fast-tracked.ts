import type { Db } from '../../../db/index.js';
import { hasPermissionOnColumn, type Actor } from '../../../platform/identity/actor.js';
import { getColumn } from '../../columns/index.js';
import { getDocument, getEdition } from '../../content/index.js';
import { fastTrackState, listFastTrackActions, listReviewActions } from '../review-actions.repo.js';
import { columnScope } from '../review-chain.js';
import { userNames } from '../user-names.js';

export interface FastTrackedItem {
  readonly documentId: number;
  readonly editionId: number;
  readonly title: string;
  readonly siteId: number;
  readonly columnId: number;
  readonly columnName: string;
  readonly status: string;
  readonly fastTrackedAt: number;
  readonly fastTrackedBy: string;
  readonly reason: string | null;
  readonly reviewBy: string | null;
  readonly secrecyBy: string | null;
}

/** Fast-tracked publications still waiting for their post-review, in the reader's scope, newest first. */
export async function listFastTracked({ db, actor }: { db: Db; actor: Actor }): Promise<FastTrackedItem[]> {
  const tracks = await listFastTrackActions(db);
  const editionIds = [...new Set(tracks.map((t) => t.editionId))];
  const actions = await listReviewActions(db, editionIds);
  const items: (Omit<FastTrackedItem, 'fastTrackedBy' | 'reviewBy' | 'secrecyBy'> & { ids: (number | null)[] })[] = [];
  for (const editionId of editionIds) {
    const state = fastTrackState(actions.filter((a) => a.editionId === editionId));
    if (!state?.pending) continue;
    const edition = await getEdition(db, editionId);
    const doc = edition ? await getDocument(db, edition.documentId) : undefined;
    const column = doc ? await getColumn(db, doc.columnId) : undefined;
    if (!edition || !doc || !column || !hasPermissionOnColumn(actor, 'documents.read', columnScope(column))) continue;
    items.push({
      documentId: doc.id, editionId, title: edition.title, siteId: doc.siteId, columnId: doc.columnId, columnName: column.name, status: doc.status,
      fastTrackedAt: state.fastTrack.at, reason: state.fastTrack.reason,
      ids: [state.fastTrack.actorId, state.reviewBy?.actorId ?? null, state.secrecyBy?.actorId ?? null],
    });
  }
  const name = await userNames(db, items.flatMap((i) => i.ids));
  return items.map(({ ids, ...i }) => ({
    ...i, fastTrackedBy: name(ids[0] ?? null), reviewBy: ids[1] ? name(ids[1]) : null, secrecyBy: ids[2] ? name(ids[2]) : null,
  }));
}
