import type { TestContext } from '../support/platform.js';
import { getOrgByCode } from '../../src/platform/identity/orgs.repo.js';

/** Shared helpers of the sites-*.test.ts files. */
export interface Problem {
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly { field: string; code: string; message: string }[];
}

export interface SiteBody {
  readonly id: number;
  readonly code: string;
  readonly kind: string;
  readonly ownerOrgId: number;
  readonly name: string;
  readonly primaryDomain: string;
  readonly aliases: readonly string[];
  readonly localDomain: string;
  readonly icpNumber: string | null;
  readonly policeNumber: string | null;
  readonly hostUnit: string;
  readonly contact: { phone: string; email: string; address: string };
  readonly logoUrl: string | null;
  readonly status: string;
}

export async function orgId(ctx: TestContext, code: string): Promise<number> {
  const org = await getOrgByCode(ctx.platform.db, code);
  if (!org) throw new Error(`org ${code} missing`);
  return org.id;
}

let counter = 0;

/** A fresh provincial department (owns no site yet), straight in the table like other test fixtures. */
export async function freshProvinceDepartment(ctx: TestContext, name = `测试厅${counter}`): Promise<number> {
  const n = counter++;
  const db = ctx.platform.db;
  const { id } = await db.insertInto('organizations').values({
    parent_id: 1, code: `320000-t${n}-${Date.now().toString(36)}`, name, kind: 'department', level: 'province', division_code: '320000',
    credit_code: null, path: '', sort_order: 0, created_at: 0, updated_at: 0,
  }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('organizations').set({ path: `/1/${id}/` }).where('id', '=', id).execute();
  return Number(id);
}

/** What must stay untouched when a request is refused. */
export async function registrySnapshot(ctx: TestContext): Promise<{ sites: number; domains: number; writes: number; maxUpdated: number }> {
  const db = ctx.platform.db;
  const sites = await db.selectFrom('sites').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('m')]).executeTakeFirstOrThrow();
  const domains = await db.selectFrom('site_domains').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const writes = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', 'in', ['sites.site.create', 'sites.site.update', 'sites.site.update_settings']).executeTakeFirstOrThrow();
  return { sites: Number(sites.n), domains: Number(domains.n), writes: Number(writes.n), maxUpdated: Number(sites.m) };
}
