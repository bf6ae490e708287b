import type { Db } from '../../../db/index.js';

/** Called inside the transaction that accepts or removes a reference (publishing re-renders the document's sites). */
export type PlacementChangeHook = (trx: Db, documentId: number) => Promise<void>;

let hook: PlacementChangeHook | null = null;

export function setPlacementChangeHook(next: PlacementChangeHook | null): () => void {
  hook = next;
  return () => { if (hook === next) hook = null; };
}

export async function notifyPlacementChange(trx: Db, documentId: number): Promise<void> {
  if (hook) await hook(trx, documentId);
}
