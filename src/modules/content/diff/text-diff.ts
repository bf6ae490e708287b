import { diffTokens, type DiffOp, type TokenEdit } from './myers-diff.js';

export interface DiffRange {
  readonly op: DiffOp;
  readonly text: string;
}

export interface TextDiff {
  readonly ranges: readonly DiffRange[];
  readonly inserted: number;
  readonly deleted: number;
  /** True when an input was longer than the cap and only its beginning was compared. */
  readonly truncated: boolean;
}

/** Longest text compared per side; the rest is left out (and `truncated` says so). */
export const MAX_DIFF_CHARS = 100_000;
const MAX_SENTENCE_EDITS = 2_000;
const MAX_REFINE_CHARS = 4_000;
const MAX_CHAR_EDITS = 1_000;

/** Sentences: Chinese text has no spaces, so it is cut after 。！？；, other sentence ends and newlines. */
export function sentences(text: string): string[] {
  return text.match(/[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)/gu)?.filter((s) => s !== '') ?? [];
}

/** Characters for Chinese; a run of Latin letters/digits or of spaces stays one token (word level). */
export function characters(text: string): string[] {
  return text.match(/[A-Za-z0-9_]+|[ \t]+|[\s\S]/gu) ?? [];
}

/**
 * A readable diff of two plain texts: sentence level first, then changed sentences refined
 * character by character, so one corrected character shows as one, not as a whole sentence.
 */
export function diffText(before: string, after: string): TextDiff {
  const truncated = before.length > MAX_DIFF_CHARS || after.length > MAX_DIFF_CHARS;
  const a = before.slice(0, MAX_DIFF_CHARS);
  const b = after.slice(0, MAX_DIFF_CHARS);
  const coarse = diffTokens(sentences(a), sentences(b), MAX_SENTENCE_EDITS)
    ?? [{ op: 'delete', token: a }, { op: 'insert', token: b }];
  const out: TokenEdit[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted && inserted && deleted.length + inserted.length <= MAX_REFINE_CHARS) {
      const fine = diffTokens(characters(deleted), characters(inserted), MAX_CHAR_EDITS);
      if (fine) out.push(...fine);
      else out.push({ op: 'delete', token: deleted }, { op: 'insert', token: inserted });
    } else {
      if (deleted) out.push({ op: 'delete', token: deleted });
      if (inserted) out.push({ op: 'insert', token: inserted });
    }
    deleted = '';
    inserted = '';
  };
  for (const e of coarse) {
    if (e.op === 'delete') deleted += e.token;
    else if (e.op === 'insert') inserted += e.token;
    else { flush(); out.push(e); }
  }
  flush();
  return summarize(merge(out), truncated);
}

function merge(edits: readonly TokenEdit[]): DiffRange[] {
  const ranges: { op: DiffOp; text: string }[] = [];
  for (const e of edits) {
    if (e.token === '') continue;
    const last = ranges[ranges.length - 1];
    if (last && last.op === e.op) last.text += e.token;
    else ranges.push({ op: e.op, text: e.token });
  }
  return ranges;
}

function summarize(ranges: DiffRange[], truncated: boolean): TextDiff {
  let inserted = 0;
  let deleted = 0;
  for (const r of ranges) {
    if (r.op === 'insert') inserted += [...r.text].length;
    if (r.op === 'delete') deleted += [...r.text].length;
  }
  return { ranges, inserted, deleted, truncated };
}
