import type { Db } from '../../db/index.js';

/**
 * A few seconds' memory of rows that public posts read on every request and that change
 * rarely (a site by its code, a mailbox by its id). A change made through the owning module in
 * this process is seen at once (its writes call `changed()`); one made by another process within
 * `ttlMs`. Only rows that exist are kept, so keys made up by a visitor cannot fill it; one map
 * per database handle, so two platforms in one process (tests) never share rows.
 */
export interface ShortLivedCache<V> {
  get(db: Db, key: string, load: (db: Db, key: string) => Promise<V | undefined>): Promise<V | undefined>;
  /** Forget everything: called by every write to the rows cached. */
  changed(): void;
}

export function shortLivedCache<V>(ttlMs: number): ShortLivedCache<V> {
  let generation = 0;
  const maps = new WeakMap<Db, Map<string, { value: V; at: number; generation: number }>>();
  return {
    async get(db, key, load) {
      let map = maps.get(db);
      if (!map) {
        map = new Map();
        maps.set(db, map);
      }
      const now = Date.now();
      const hit = map.get(key);
      if (hit && hit.generation === generation && now - hit.at < ttlMs) return hit.value;
      // A write during the load makes what it read stale: keep it under the old generation.
      const seen = generation;
      const value = await load(db, key);
      if (value !== undefined) map.set(key, { value, at: now, generation: seen });
      else map.delete(key);
      return value;
    },
    changed() {
      generation++;
    },
  };
}
