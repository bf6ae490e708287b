import type { Db } from '../../db/index.js';
import type { AuditResult } from './audit.tables.js';
import { selectEventViews, toView, type AuditEventView, type AuditFilter } from './search-events.js';

export const CSV_HEADER = ['时间', '操作人', '机构', '操作', '对象类型', '对象', '结果', 'IP', '终端', '详情'] as const;
const BOM = '\uFEFF';
const BATCH = 1000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // UTC+8 all year: China has no daylight saving time

const RESULT_LABELS: Readonly<Record<AuditResult, string>> = { success: '成功', denied: '拒绝', failure: '失败' };

/** `YYYY-MM-DD HH:mm:ss` in Asia/Shanghai. */
export function formatShanghai(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/**
 * One CSV cell. A cell starting with = + - @ (or a tab / carriage return) is prefixed with a
 * single quote: spreadsheets would otherwise run it as a formula (CSV injection), and audit
 * fields such as user agents and details come from outsiders.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function eventCells(e: AuditEventView): string[] {
  return [
    formatShanghai(e.at), e.actorName, e.orgName ?? (e.orgId === null ? '' : String(e.orgId)), e.action,
    e.targetType ?? '', e.targetId ?? '', RESULT_LABELS[e.result] ?? e.result, e.ip, e.userAgent, JSON.stringify(e.detail),
  ];
}

/**
 * The filtered log as CSV lines (each ending in CRLF), newest first, read in batches so an
 * export of millions of events never sits in memory. The first line carries a UTF-8 BOM so
 * Excel opens the Chinese text correctly.
 */
export async function* exportAuditCsv(db: Db, filter: AuditFilter, opts: { readonly batchSize?: number } = {}): AsyncGenerator<string> {
  const batch = opts.batchSize ?? BATCH;
  yield BOM + csvLine(CSV_HEADER);
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = await selectEventViews(db, filter).where('audit_events.seq', '<', before)
      .orderBy('audit_events.seq', 'desc').limit(batch).execute();
    for (const r of rows) yield csvLine(eventCells(toView(r)));
    const last = rows[rows.length - 1];
    if (rows.length < batch || last === undefined) return;
    before = last.seq;
  }
}
