import { sql, type Kysely } from 'kysely';
import { bigint, notNull, type Migration } from '../migration-kit.js';

const MAX_PHRASE = 100;

/** The phrase a dictionary audit event removed: a deleted entry's, or a renamed entry's old one. */
function removedPhrase(action: string, detail: string): string | null {
  let d: unknown;
  try {
    d = JSON.parse(detail);
  } catch {
    return null;
  }
  const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? v as Record<string, unknown> : {});
  const phrase = action === 'checks.dictionary.delete' ? obj(d).phrase : obj(obj(d).before).phrase;
  if (action === 'checks.dictionary.update' && phrase === obj(obj(d).after).phrase) return null;
  return typeof phrase === 'string' && phrase.length > 0 && phrase.length <= MAX_PHRASE ? phrase : null;
}

/**
 * 发布检查: the starter phrases "导入初始词库" has offered once (checks module,
 * CheckStarterImportsTable), so that it no longer brings back entries administrators deleted or
 * renamed. Filled with every phrase the dictionary holds now and, as far as the audit log still
 * reaches, every phrase deleted or renamed before: the import offered those already, or an
 * administrator chose them.
 */
export const migration: Migration = {
  name: '20261128_0021_check_starter_imports',
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('check_starter_imports')
      .addColumn('phrase', `varchar(${MAX_PHRASE})`, (c) => c.primaryKey())
      .addColumn('imported_at', bigint, notNull)
      .execute();
    await sql`insert into check_starter_imports (phrase, imported_at) select phrase, created_at from banned_expressions`.execute(db);
    const events = await sql<{ action: string; detail: string; at: number | string }>`
      select action, detail, at from audit_events
      where action in ('checks.dictionary.delete', 'checks.dictionary.update') order by seq`.execute(db);
    for (const e of events.rows) {
      const phrase = removedPhrase(e.action, e.detail);
      if (phrase === null) continue;
      await sql`insert into check_starter_imports (phrase, imported_at) values (${phrase}, ${Number(e.at)}) on conflict (phrase) do nothing`.execute(db);
    }
  },
};
