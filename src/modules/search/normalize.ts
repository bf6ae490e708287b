/**
 * Text normalization shared by indexing, querying and highlighting, so the three agree:
 * NFKC folds full-width letters and digits (２０２６ → 2026, ＡＢ → ab) and compatibility forms,
 * then lower case (both full-text engines fold case too). Control characters become spaces.
 */
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(CONTROL, ' ').toLowerCase();
}

/** A query as it is logged and compared: normalized, whitespace collapsed, trimmed. */
export function normalizeQuery(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}

/**
 * The normalized form of `text` with, for each UTF-16 unit of it, the index in `text` it came
 * from: highlighting matches on the normalized text and marks the original characters.
 * Characters are normalized one code point at a time (the same as a whole-string NFKC for the
 * Chinese and Latin text of government documents, which has no combining sequences).
 * `origin` is null when every index maps to itself.
 */
export function normalizeWithMap(text: string): { readonly normalized: string; readonly origin: readonly number[] | null } {
  // Fast path (nearly every text): normalizing kept every unit in place, so indexes carry over.
  const whole = normalizeText(text);
  if (whole.length === text.length) return { normalized: whole, origin: null };
  let normalized = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = normalizeText(ch);
    normalized += n;
    for (let k = 0; k < n.length; k++) origin.push(i);
    i += ch.length;
  }
  origin.push(i);
  return { normalized, origin };
}
