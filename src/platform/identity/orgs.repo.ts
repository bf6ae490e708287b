import type { Db } from '../../db/index.js';
import type { OrgKind, OrgLevel } from './identity.tables.js';

export interface OrgView {
  readonly id: number;
  readonly parentId: number | null;
  readonly code: string;
  readonly name: string;
  readonly kind: OrgKind;
  readonly level: OrgLevel;
  readonly divisionCode: string;
  readonly creditCode: string | null;
  readonly path: string;
}

const columns = ['id', 'parent_id', 'code', 'name', 'kind', 'level', 'division_code', 'credit_code', 'path'] as const;

type OrgRow = { id: number; parent_id: number | null; code: string; name: string; kind: OrgKind; level: OrgLevel; division_code: string; credit_code: string | null; path: string };

function toView(r: OrgRow): OrgView {
  return { id: r.id, parentId: r.parent_id, code: r.code, name: r.name, kind: r.kind, level: r.level, divisionCode: r.division_code, creditCode: r.credit_code, path: r.path };
}

export async function listOrgs(db: Db): Promise<OrgView[]> {
  const rows = await db.selectFrom('organizations').select(columns).orderBy('path').orderBy('sort_order').execute();
  return rows.map(toView);
}

export async function getOrg(db: Db, id: number): Promise<OrgView | undefined> {
  const r = await db.selectFrom('organizations').select(columns).where('id', '=', id).executeTakeFirst();
  return r ? toView(r) : undefined;
}

/** Names of the organizations with these ids (ids not found are left out). */
export async function orgNamesByIds(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

export async function getOrgByCode(db: Db, code: string): Promise<OrgView | undefined> {
  const r = await db.selectFrom('organizations').select(columns).where('code', '=', code).executeTakeFirst();
  return r ? toView(r) : undefined;
}

export interface NewOrg {
  readonly parentId: number | null;
  readonly code: string;
  readonly name: string;
  readonly kind: OrgKind;
  readonly level: OrgLevel;
  readonly divisionCode: string;
  readonly creditCode?: string | null;
  readonly sortOrder?: number;
}

/** Inserts an organization and sets its materialised path (parent path + own id). */
export async function insertOrg(db: Db, org: NewOrg, parentPath: string, now: number): Promise<OrgView> {
  const { id } = await db.insertInto('organizations').values({
    parent_id: org.parentId, code: org.code, name: org.name, kind: org.kind, level: org.level,
    division_code: org.divisionCode, credit_code: org.creditCode ?? null, path: '', sort_order: org.sortOrder ?? 0,
    created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const path = `${parentPath || '/'}${id}/`;
  await db.updateTable('organizations').set({ path }).where('id', '=', id).execute();
  return { id, parentId: org.parentId, code: org.code, name: org.name, kind: org.kind, level: org.level, divisionCode: org.divisionCode, creditCode: org.creditCode ?? null, path };
}
