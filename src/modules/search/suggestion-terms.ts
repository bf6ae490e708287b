import { normalizeText } from './normalize.js';
import { searchDialect, type SearchDb } from './dialect/index.js';

/** The whole platform's vocabulary is stored under site 0. */
export const ALL_SITES = 0;
const MAX_TERMS_PER_DOCUMENT = 16;
const MAX_TERM_LENGTH = 20;

/** Title words that would complete almost any prefix and help nobody (关于…的通知). */
const GENERIC = new Set([
  '关于', '通知', '公告', '印发', '做好', '进一步', '开展', '工作', '有关', '事项', '意见', '办法', '方案', '实施', '若干', '措施', '全省', '全市', '我省', '我市',
  '召开', '举办', '推进', '加强', '深入', '全面', '推动', '情况', '公示', '名单', '年度', '决定', '答复', '回复', '问题', '政策', '解读', '一图', '读懂',
]);

function useful(word: string): boolean {
  const chars = [...word];
  if (chars.length < 2 || chars.length > MAX_TERM_LENGTH || GENERIC.has(word)) return false;
  // Words made of letters (Han or Latin), not numbers, dates or codes.
  return /\p{L}/u.test(word) && !/^\d/.test(word) && !/\d{3,}/.test(word);
}

/** Suggestion words of a document, from its title's words (precise-mode segmentation) and its keywords. */
export function termsOf(titleWords: readonly string[], keywords: string): string[] {
  const keys = normalizeText(keywords).split(/[\s,，;；、|/]+/).map((k) => k.trim());
  return [...new Set([...keys, ...titleWords].filter(useful))].slice(0, MAX_TERMS_PER_DOCUMENT);
}

export interface TermSource {
  readonly terms: readonly string[];
  /** The home site and the sites that show it by reference. */
  readonly siteIds: readonly number[];
}

/** Adds +1 for every (site, term) of `next` and −1 for every one of `previous`, netted. */
export function termDeltas(previous: readonly TermSource[], next: readonly TermSource[], into = new Map<string, number>()): Map<string, number> {
  const add = (s: TermSource, d: number) => {
    for (const site of new Set([ALL_SITES, ...s.siteIds])) for (const t of s.terms) {
      const key = `${site}\u0000${t}`;
      into.set(key, (into.get(key) ?? 0) + d);
    }
  };
  for (const s of previous) add(s, -1);
  for (const s of next) add(s, 1);
  return into;
}

/**
 * Applies the deltas in one upsert per chunk, in key order (two publishers touching the same
 * words then lock them in the same order on PostgreSQL: no deadlock). Counts that reach zero
 * stay as rows and are skipped by suggest(); a reindex starts the table afresh.
 */
export async function applyTermDeltas(db: SearchDb, deltas: ReadonlyMap<string, number>): Promise<void> {
  const rows = [...deltas].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, d]) => {
    const [site, term] = key.split('\u0000') as [string, string];
    return [Number(site), term, d] as const;
  });
  await searchDialect(db).addTermCounts(db, rows);
}
