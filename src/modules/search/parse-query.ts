import { normalizeQuery, normalizeText } from './normalize.js';
import { segmentNormalized } from './segmenter.js';

/** Longest query accepted (the API schema refuses longer ones with 400). */
export const MAX_QUERY_LENGTH = 100;
/** Words beyond this many are ignored: each one is another index look-up. */
export const MAX_CLAUSES = 16;

/** One condition of the match: a word, or a phrase (its words adjacent and in order). */
export interface QueryClause {
  readonly tokens: readonly string[];
  readonly phrase: boolean;
}

export type ExactKey = { readonly field: 'index_number'; readonly value: string } | { readonly field: 'document_number'; readonly value: string };

export interface ParsedQuery {
  /** As logged and shown: normalized, whitespace collapsed. */
  readonly normalized: string;
  readonly exact: ExactKey | null;
  /** All must hold. Empty when nothing searchable was typed (only punctuation, emoji…). */
  readonly clauses: readonly QueryClause[];
  /** Every token searched for, for display and highlighting. */
  readonly terms: readonly string[];
  /** Phrases as typed (normalized), highlighted whole. */
  readonly phrases: readonly string[];
}

/** 索引号: organization code (9 or 18 characters) / year - 5-digit number. */
const INDEX_NUMBER = /^[0-9A-Z]{9,18}\/\d{4}-\d{5}$/;
/** 文号 as people type it: the year in 〔〕 or a look-alike bracket, a number, 号. */
const DOCUMENT_NUMBER = /^([\p{Script=Han}A-Za-z0-9]+?)\s*[〔[【(（{｛]\s*(\d{4})\s*[〕\]】)）}｝]\s*0*(\d{1,6})\s*号$/u;

/**
 * Function words dropped from a query that has other words (documents keep them: phrases need
 * them). `and` / `or` typed as operators thus change nothing: every word is required anyway.
 */
const QUERY_STOP_WORDS = new Set(['的', '了', '和', '与', '及', '或', '在', '是', '对', '为', '等', '之', '其', '并', '把', '被', '于', '以', '而', '将', '也', '就', '都', '又', 'a', 'an', 'the', 'of', 'and', 'or']);

/** Quote marks that open or close a phrase (ASCII and Chinese). */
const QUOTES = /["“”「」『』]/;

export function exactKeyOf(raw: string): ExactKey | null {
  const text = raw.normalize('NFKC').trim();
  const upper = text.toUpperCase();
  if (INDEX_NUMBER.test(upper)) return { field: 'index_number', value: upper };
  const m = DOCUMENT_NUMBER.exec(text);
  if (m) return { field: 'document_number', value: `${m[1]}〔${m[2]}〕${Number(m[3])}号` };
  return null;
}

/**
 * Reads what the user typed. Nothing in it ever becomes engine syntax: text in quotes is a
 * phrase, everything else is segmented into words (`AND`, `*`, `:` are words or nothing), and
 * the dialects quote every token when they build the engine's query.
 */
export function parseQuery(raw: string): ParsedQuery {
  const normalized = normalizeQuery(raw);
  const clauses: QueryClause[] = [];
  const phrases: string[] = [];
  const seen = new Set<string>();
  const words: string[] = [];
  const parts = normalizeText(raw).split(QUOTES);
  parts.forEach((part, i) => {
    // Odd parts sit between quotes, unless the last quote is unmatched.
    const quoted = i % 2 === 1 && i < parts.length - 1;
    const tokens = segmentNormalized(part);
    // A phrase that is one dictionary word (营商环境 → 营商 环境 营商环境) is that word: adjacency
    // of its parts is implied, and one token is one doclist instead of a position check.
    const whole = part.replace(/\s+/g, '');
    if (quoted && tokens.length > 1 && tokens.includes(whole)) {
      words.push(whole);
      phrases.push(whole);
      return;
    }
    if (quoted && tokens.length > 1) {
      const key = `"${tokens.join(' ')}"`;
      if (!seen.has(key)) {
        seen.add(key);
        clauses.push({ tokens, phrase: true });
        phrases.push(part.replace(/\s+/g, ' ').trim());
      }
      return;
    }
    words.push(...tokens);
  });
  const meaningful = words.filter((w) => !QUERY_STOP_WORDS.has(w));
  const candidates = [...new Set(meaningful.length > 0 || clauses.length > 0 ? meaningful : words)];
  // Search mode emits the dictionary parts of a long word with it (养老 老金 养老金), in the
  // query as in every document holding the word: requiring the parts too only costs index
  // reads. Only what segmenting the longer word itself yields is dropped (not any substring:
  // a document holding 2024 need not hold the token 20).
  const implied = new Set(candidates.flatMap((u) => (u.length > 2 ? segmentNormalized(u).filter((t) => t !== u) : [])));
  const wanted = candidates.filter((w) => !implied.has(w));
  for (const w of wanted) {
    if (seen.has(w)) continue;
    seen.add(w);
    clauses.push({ tokens: [w], phrase: false });
  }
  const kept = clauses.slice(0, MAX_CLAUSES);
  return { normalized, exact: exactKeyOf(raw), clauses: kept, terms: [...new Set(kept.flatMap((c) => c.tokens))], phrases };
}
