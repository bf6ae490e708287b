import type { Db } from '../../db/index.js';

/** Called inside the transaction that changes a site's column tree (the publishing module queues the site's rebuild). */
export type ColumnChangeHook = (trx: Db, siteId: number) => Promise<void>;

let hook: ColumnChangeHook | null = null;
let suspended = 0;

/** Installs the hook for this process (publishing does, when it registers its jobs); returns its removal. */
export function setColumnChangeHook(next: ColumnChangeHook | null): () => void {
  hook = next;
  return () => { if (hook === next) hook = null; };
}

/**
 * Columns changed on this site (created, renamed, moved, merged, deleted, shown or hidden):
 * URLs, navigation and breadcrumbs may differ, so the public pages must follow — through
 * the outbox, in the same transaction.
 */
export async function notifyColumnChange(trx: Db, siteId: number): Promise<void> {
  if (hook && suspended === 0) await hook(trx, siteId);
}

/**
 * Runs `fn` without queueing rebuilds: bulk set-up (the demo seed builds hundreds of columns)
 * renders everything once afterwards instead of once per site per change.
 */
export async function withoutColumnChangeHook<T>(fn: () => Promise<T>): Promise<T> {
  suspended++;
  try { return await fn(); } finally { suspended--; }
}
