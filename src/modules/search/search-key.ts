import { SEARCH_GROUPS, type SearchGroup } from './search.types.js';

/**
 * The search key `sk`: the full-text row id, laid out so the common questions are walks of the
 * index in rowid order, with no join:
 *
 *   sk = (minute · 2^22 + tiebreak) · 4 + group
 *
 * - the publication minute (epoch minutes, good until the year 2480) on top: descending sk is
 *   newest first across every group, and a date range is one rowid range;
 * - a 22-bit tiebreak (the document id modulo 2^22, moved on if taken) next;
 * - the result group (0–3, SEARCH_GROUPS order) in the two low bits: counting matches per group
 *   reads `sk % 4` off the row ids the index returns.
 *
 * The largest key is below 2^52, exact in a JavaScript number and in both engines' 64-bit integers.
 */
const MINUTE_SPAN = 2 ** 22;
const GROUPS = 4;
const MINUTE_MS = 60_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** Above every key (minute 2^28). */
export const MAX_KEY = 2 ** 52 - 1;

export function groupIndex(group: SearchGroup): number {
  return SEARCH_GROUPS.indexOf(group);
}

export function groupOfKey(sk: number): SearchGroup {
  return SEARCH_GROUPS[sk % GROUPS] ?? 'news';
}

/** The key for a document, before collisions: `attempt` moves the tiebreak on within the same minute. */
export function searchKey(group: SearchGroup, publishedAt: number, documentId: number, attempt = 0): number {
  const minute = Math.max(0, Math.floor(publishedAt / MINUTE_MS));
  const tiebreak = (documentId + attempt) % MINUTE_SPAN;
  return (minute * MINUTE_SPAN + tiebreak) * GROUPS + groupIndex(group);
}

/** Inclusive key range of publication times [fromMs, toMs) (either end open); null when empty. */
export function keyRange(fromMs: number | null, toMs: number | null): { lo: number; hi: number } | null {
  const lo = fromMs === null ? 0 : Math.max(0, Math.ceil(fromMs / MINUTE_MS)) * MINUTE_SPAN * GROUPS;
  const hi = toMs === null ? MAX_KEY : Math.min(MAX_KEY, Math.max(0, Math.ceil(toMs / MINUTE_MS)) * MINUTE_SPAN * GROUPS - 1);
  return hi < lo ? null : { lo, hi };
}

/** Start of a YYYY-MM-DD day in Asia/Shanghai, epoch ms; null when the text is not a real date. */
export function shanghaiDayStart(ymd: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return utc - SHANGHAI_OFFSET_MS;
}

/** [from day start, day after `to` start) in epoch ms; either end may be open. */
export function dayRange(from: string | undefined, to: string | undefined): { fromMs: number | null; toMs: number | null } {
  const fromMs = from ? shanghaiDayStart(from) : null;
  const toStart = to ? shanghaiDayStart(to) : null;
  return { fromMs, toMs: toStart === null ? null : toStart + DAY_MS };
}

/** YYYY-MM-DD of an instant in Asia/Shanghai. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
