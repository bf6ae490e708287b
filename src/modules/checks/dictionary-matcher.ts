import type { DictionaryEntry } from './check-types.js';
import { contextAllows, parseDomain, parsePhrase, type DomainPattern, type PhrasePattern } from './phrase-pattern.js';

export interface CompiledPhrase {
  readonly entry: DictionaryEntry;
  readonly pattern: PhrasePattern;
}

export interface CompiledDomain {
  readonly entry: DictionaryEntry;
  readonly pattern: DomainPattern;
}

export interface CompiledDictionary {
  /** Phrases by their first UTF-16 unit, longest first. */
  readonly byFirst: ReadonlyMap<number, readonly CompiledPhrase[]>;
  /** 1 where some phrase starts with that code unit: one array read per character of text. */
  readonly firsts: Uint8Array;
  readonly domains: readonly CompiledDomain[];
}

export interface PhraseHit {
  readonly phrase: CompiledPhrase;
  readonly start: number;
  readonly end: number;
}

// The dictionary array from loadCheckContext is reused until it changes, so compiling once per
// array keeps runChecks at one pass over the text.
const cache = new WeakMap<readonly DictionaryEntry[], CompiledDictionary>();

export function compileDictionary(entries: readonly DictionaryEntry[]): CompiledDictionary {
  const hit = cache.get(entries);
  if (hit) return hit;
  const groups = new Map<number, CompiledPhrase[]>();
  const firsts = new Uint8Array(65536);
  const domains: CompiledDomain[] = [];
  for (const entry of entries) {
    if (entry.category === 'commercial_domain') {
      const pattern = parseDomain(entry.phrase);
      if (pattern) domains.push({ entry, pattern });
      continue;
    }
    const pattern = parsePhrase(entry.phrase);
    if (!pattern) continue;
    const first = pattern.literal.charCodeAt(0);
    firsts[first] = 1;
    const list = groups.get(first) ?? [];
    list.push({ entry, pattern });
    groups.set(first, list);
  }
  for (const list of groups.values()) list.sort((a, b) => b.pattern.literal.length - a.pattern.literal.length);
  const compiled: CompiledDictionary = { byFirst: groups, firsts, domains };
  cache.set(entries, compiled);
  return compiled;
}

/**
 * Every dictionary phrase in the text, left to right. At each position the longest phrase whose
 * context allows it wins, and scanning resumes after it, so 国家工商行政管理总局 is reported once,
 * not again as a shorter entry inside it.
 */
export function findPhrases(dict: CompiledDictionary, text: string): PhraseHit[] {
  const hits: PhraseHit[] = [];
  const { firsts, byFirst } = dict;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (firsts[c] === 0) {
      i++;
      continue;
    }
    let matched: PhraseHit | null = null;
    for (const p of byFirst.get(c) ?? []) {
      const lit = p.pattern.literal;
      if (!text.startsWith(lit, i)) continue;
      const end = i + lit.length;
      if (!contextAllows(p.pattern, text, i, end)) continue;
      matched = { phrase: p, start: i, end };
      break;
    }
    if (matched) {
      hits.push(matched);
      i = matched.end;
    } else {
      i++;
    }
  }
  return hits;
}

/** The commercial-domain entry a URL falls under, if any. */
export function matchDomain(dict: CompiledDictionary, url: URL): CompiledDomain | null {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const path = `${url.pathname}${url.search}`;
  for (const d of dict.domains) {
    const { host: h, pathPrefix } = d.pattern;
    if (host !== h && !host.endsWith(`.${h}`)) continue;
    if (pathPrefix && !path.startsWith(pathPrefix)) continue;
    return d;
  }
  return null;
}
