import type { Db } from '../../db/index.js';
import { getUserById } from '../../platform/identity/users.repo.js';

/** Display names for the ids given ('系统' for the system, null, 0). Cached per call. */
export async function userNames(db: Db, ids: readonly (number | null)[]): Promise<(id: number | null) => string> {
  const names = new Map<number, string>();
  for (const id of new Set(ids)) {
    if (id === null || id <= 0 || names.has(id)) continue;
    const user = await getUserById(db, id);
    names.set(id, user?.display_name ?? `#${id}`);
  }
  return (id) => (id === null || id <= 0 ? '系统' : names.get(id) ?? `#${id}`);
}
