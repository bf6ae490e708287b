/**
 * Placements made through the real operations as the system actor (so no demo user requested
 * them, and any reviewer may decide on them). Used by the placement tests and the access matrix.
 */
import type { Platform } from '../../src/platform/platform.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { contentDeps } from '../../src/modules/content/content-deps.js';
import { placeDocument } from '../../src/modules/content/placements/place-document.js';
import type { PlacementView } from '../../src/modules/content/index.js';
import { NANJING_PORTAL_CODE, publishedDocument, workflowColumn } from './workflow-fixtures.js';

const SYSTEM = systemActor('placement-fixture');

/** A document published on the provincial portal, placed into a fresh column of the Nanjing portal. */
export async function placementFixture(platform: Platform, mode: 'reference' | 'copy' = 'reference'): Promise<{ placement: PlacementView; sourceId: number; targetColumnId: number }> {
  const source = await publishedDocument(platform);
  const target = await workflowColumn(platform, { siteCode: NANJING_PORTAL_CODE });
  const { placement } = await placeDocument({ db: platform.db, actor: SYSTEM, sourceId: source.documentId, input: { columnId: target.id, mode }, deps: contentDeps(platform) });
  return { placement, sourceId: source.documentId, targetColumnId: target.id };
}
