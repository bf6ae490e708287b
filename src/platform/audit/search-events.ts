import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database, Db } from '../../db/index.js';
import type { AuditResult } from './audit.tables.js';

export const MAX_PAGE_SIZE = 200;

/** What an auditor filters by. Times are epoch ms, both bounds inclusive. */
export interface AuditFilter {
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly actorName?: string | undefined;
  readonly actorId?: number | undefined;
  /** Prefix of the action code: `identity.` matches every identity event. */
  readonly action?: string | undefined;
  readonly result?: AuditResult | undefined;
  /**
   * Row-level scope: only events of organizations whose path starts with one of these.
   * Undefined = the whole log (a platform-wide auditor). Events without an organization
   * (system jobs, anonymous visitors) are platform-wide only.
   */
  readonly orgPathPrefixes?: readonly string[] | undefined;
}

export interface AuditSearchInput extends AuditFilter {
  readonly page: number;
  readonly pageSize: number;
}

export interface AuditEventView {
  readonly id: number;
  readonly seq: number;
  readonly at: number;
  readonly actorId: number | null;
  readonly actorName: string;
  readonly orgId: number | null;
  readonly orgName: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly result: AuditResult;
  readonly ip: string;
  readonly userAgent: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AuditSearchResult {
  readonly items: AuditEventView[];
  readonly total: number;
}

type EventEb = ExpressionBuilder<Database, 'audit_events'>;

/** The filter as one SQL condition (both engines: plain comparisons and substr, no LIKE quirks). */
export function auditFilterWhere(filter: AuditFilter): (eb: EventEb) => Expression<SqlBool> {
  return (eb) => {
    const conds: Expression<SqlBool>[] = [];
    if (filter.from !== undefined) conds.push(eb('audit_events.at', '>=', filter.from));
    if (filter.to !== undefined) conds.push(eb('audit_events.at', '<=', filter.to));
    if (filter.actorName) conds.push(eb('audit_events.actor_name', '=', filter.actorName));
    if (filter.actorId !== undefined) conds.push(eb('audit_events.actor_id', '=', filter.actorId));
    if (filter.result) conds.push(eb('audit_events.result', '=', filter.result));
    if (filter.action) {
      // substr instead of LIKE: no wildcard escaping, and case-sensitive on both engines.
      const n = Array.from(filter.action).length;
      conds.push(sql<SqlBool>`substr(audit_events.action, 1, ${sql.lit(n)}) = ${filter.action}`);
    }
    if (filter.orgPathPrefixes !== undefined) {
      const prefixes = filter.orgPathPrefixes;
      conds.push(eb.exists(eb.selectFrom('organizations as scope_org').select('scope_org.id')
        .whereRef('scope_org.id', '=', 'audit_events.org_id')
        .where((o) => o.or(prefixes.map((p) =>
          sql<SqlBool>`substr(scope_org.path, 1, ${sql.lit(Array.from(p).length)}) = ${p}`)))));
    }
    return eb.and(conds);
  };
}

/** One page, newest first, with the total for the pager. */
export async function searchEvents(db: Db, input: AuditSearchInput): Promise<AuditSearchResult> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(input.pageSize)));
  const page = Math.max(1, Math.floor(input.page));
  const where = auditFilterWhere(input);
  const countRow = await db.selectFrom('audit_events').where(where)
    .select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await selectEventViews(db, input).orderBy('audit_events.seq', 'desc')
    .limit(pageSize).offset((page - 1) * pageSize).execute();
  return { items: rows.map(toView), total: Number(countRow.n) };
}

/** Events matching the filter with their organization's name; callers add order and limits. */
export function selectEventViews(db: Db, filter: AuditFilter) {
  return db.selectFrom('audit_events').where(auditFilterWhere(filter))
    .leftJoin('organizations', 'organizations.id', 'audit_events.org_id')
    .selectAll('audit_events')
    .select('organizations.name as org_name');
}

type EventViewRow = Awaited<ReturnType<ReturnType<typeof selectEventViews>['execute']>>[number];

export function toView(r: EventViewRow): AuditEventView {
  return {
    id: r.id, seq: r.seq, at: r.at, actorId: r.actor_id, actorName: r.actor_name, orgId: r.org_id,
    orgName: r.org_name, action: r.action, targetType: r.target_type, targetId: r.target_id,
    result: r.result, ip: r.ip, userAgent: r.user_agent, detail: parseDetail(r.detail),
  };
}

function parseDetail(text: string): Readonly<Record<string, unknown>> {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    // A row edited by hand may hold anything; show it rather than fail the whole page.
    return { raw: text };
  }
}
