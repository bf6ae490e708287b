import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Db } from '../../db/index.js';
import type { UsersTable } from './identity.tables.js';

export type UserRow = Selectable<UsersTable>;

export async function getUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
}

export interface UserListFilter {
  readonly q?: string | undefined;
  readonly orgIds?: readonly number[] | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export async function listUsers(db: Db, f: UserListFilter): Promise<{ rows: (UserRow & { org_name: string })[]; total: number }> {
  let q = db.selectFrom('users').innerJoin('organizations as o', 'o.id', 'users.org_id');
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    // SQLite's LIKE has no default escape character (PostgreSQL's is the backslash): name it on
    // both, or a search for `nj_` matches nothing on SQLite.
    q = q.where((eb) => eb.or([
      // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
      sql<SqlBool>`lower(${eb.ref('users.username')}) like ${like} escape '\\'`,
      sql<SqlBool>`lower(${eb.ref('users.display_name')}) like ${like} escape '\\'`,
    ]));
  }
  if (f.orgIds !== undefined) {
    if (f.orgIds.length === 0) return { rows: [], total: 0 };
    q = q.where('users.org_id', 'in', f.orgIds);
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll('users').select('o.name as org_name').orderBy('users.id')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total };
}

export async function recentPasswordHashes(db: Db, userId: number, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await db.selectFrom('password_history').select('password_hash').where('user_id', '=', userId)
    .orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => r.password_hash);
}
