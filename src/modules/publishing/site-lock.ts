import { inTransaction } from '../../db/index.js';
import type { PublishingDeps } from './publishing-deps.js';

const queues = new Map<number, Promise<unknown>>();

function chain<T>(siteId: number, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(siteId) ?? Promise.resolve()).catch(() => undefined).then(fn);
  queues.set(siteId, run);
  return run.finally(() => { if (queues.get(siteId) === run) queues.delete(siteId); });
}

/**
 * Runs `fn` while no other publish touches these sites: a list page rendered from an older read
 * must never overwrite one rendered from a newer one. In-process by a queue per site; across
 * PostgreSQL workers also by advisory locks held in a transaction around the work (reads go
 * through other connections and see committed data). SQLite runs one process, so the queue is
 * the whole story there — and no transaction is held while rendering, which would block every
 * other query on the single connection.
 */
export async function withSiteLocks<T>(deps: PublishingDeps, siteIds: readonly number[], fn: () => Promise<T>): Promise<T> {
  const ids = [...new Set(siteIds)].sort((a, b) => a - b);
  const locked = deps.ops.engine === 'postgres'
    ? () => inTransaction(deps.db, async (trx) => {
      for (const id of ids) await deps.ops.lockForUpdate(trx, `publishing.site.${id}`);
      return fn();
    })
    : fn;
  return ids.reduceRight<() => Promise<T>>((next, id) => () => chain(id, next), locked)();
}
