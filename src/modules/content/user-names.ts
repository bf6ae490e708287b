import type { Db } from '../../db/index.js';
import { getUserById } from '../../platform/identity/users.repo.js';

/** Display names of users by id (for "last changed by" and revision lists). */
export async function userNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const id of new Set(ids)) {
    const u = id > 0 ? await getUserById(db, id) : undefined;
    names.set(id, u?.display_name ?? (id > 0 ? `#${id}` : '系统'));
  }
  return names;
}
