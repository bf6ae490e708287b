import { normalizeWithMap } from './normalize.js';

/** Characters of body text around the matches a result shows. */
export const SNIPPET_LENGTH = 160;
const CONTEXT_BEFORE = 24;
/** Matches are looked for in this much of a long body (the snippet of a match beyond it shows the start). */
const SNIPPET_SCAN = 30_000;
const MAX_MARKS = 200;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Where the needles (normalized words and phrases) occur in `text`, as ranges of the ORIGINAL
 * text: matching runs on the normalized copy (full-width ２０２６ matches 2026, case folds), the
 * marks go on the characters the author wrote. Longer needles win over the words inside them.
 */
export function findMatches(text: string, needles: readonly string[]): Span[] {
  const wanted = [...new Set(needles.filter((n) => n.trim() !== ''))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0 || text === '') return [];
  const { normalized, origin } = normalizeWithMap(text);
  const taken: Span[] = [];
  for (const needle of wanted) {
    let from = 0;
    while (taken.length < MAX_MARKS) {
      const at = normalized.indexOf(needle, from);
      if (at < 0) break;
      const span = { start: at, end: at + needle.length };
      if (!taken.some((t) => t.start < span.end && span.start < t.end)) taken.push(span);
      from = at + Math.max(1, needle.length);
    }
  }
  return taken
    .map((s) => (origin ? { start: origin[s.start] ?? 0, end: origin[s.end] ?? text.length } : s))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
}

/** `text[start, end)` HTML-escaped, with the spans inside it wrapped in <mark>. */
function render(text: string, spans: readonly Span[], start: number, end: number): string {
  let out = '';
  let at = start;
  for (const s of spans) {
    if (s.end <= start || s.start >= end) continue;
    const a = Math.max(s.start, start);
    const b = Math.min(s.end, end);
    out += escapeHtml(text.slice(at, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
    at = b;
  }
  return out + escapeHtml(text.slice(at, end));
}

/** The whole title, escaped, matches marked. */
export function highlightTitle(title: string, needles: readonly string[]): string {
  return render(title, findMatches(title, needles), 0, title.length);
}

/** Never cut a surrogate pair in two. */
function safeIndex(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return i > 0 && i < text.length && c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}

/**
 * About SNIPPET_LENGTH characters of the body around the densest group of matches (the start
 * of the text when nothing matches), escaped, matches marked, `…` where the text was cut.
 */
export function highlightSnippet(body: string, needles: readonly string[], length = SNIPPET_LENGTH): string {
  const text = body.slice(0, SNIPPET_SCAN).replace(/\s+/g, ' ').trim();
  const spans = findMatches(text, needles);
  let start = 0;
  if (spans.length > 0) {
    let best = -1;
    for (const s of spans) {
      const from = Math.max(0, s.start - CONTEXT_BEFORE);
      const covered = new Set(spans.filter((t) => t.start >= from && t.end <= from + length).map((t) => text.slice(t.start, t.end).toLowerCase())).size;
      if (covered > best) {
        best = covered;
        start = from;
      }
    }
  }
  start = safeIndex(text, Math.max(0, Math.min(start, text.length - length)));
  const end = safeIndex(text, Math.min(text.length, start + length));
  return (start > 0 ? '…' : '') + render(text, spans, start, end) + (end < text.length ? '…' : '');
}
