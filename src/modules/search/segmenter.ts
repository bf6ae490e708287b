import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normalizeText } from './normalize.js';

/**
 * Chinese word segmentation for the index and for queries (the same function for both, so a
 * query finds what a document was indexed with). jieba's search mode emits every dictionary
 * word of a long word as well as the word itself (中华人民共和国 → 中华 华人 人民 共和 共和国
 * 中华人民共和国), so a search for a part finds the whole.
 *
 * `new Jieba()` has an empty dictionary; the bundled one (dict.txt, about 350k words) is loaded
 * once per process on first use (≈ 0.3 s, ≈ 70 MB).
 */
let jieba: Jieba | null = null;

/** Government words the bundled dictionary lacks or splits, so they segment the same everywhere. Changing this list needs a reindex. */
export const EXTRA_WORDS: readonly string[] = [
  '一网通办', '一件事一次办', '不见面审批', '放管服', '政务服务网', '社保卡', '医保卡', '公积金', '12345热线',
  '营商环境', '乡村振兴', '高质量发展', '长三角', '一体化', '退役军人', '稳岗返还', '以旧换新', '留抵退税', '异地就医',
  '政务公开', '政策解读', '索引号', '文号', '主题分类', '征求意见', '办事指南', '辟谣',
];

/** The user dictionary in jieba's format (word, frequency, tag per line). */
export const USER_DICTIONARY = EXTRA_WORDS.map((w) => `${w} 2000 n`).join('\n');

function instance(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(USER_DICTIONARY));
  }
  return jieba;
}

/** A token worth indexing: it holds at least one letter or digit (drops punctuation, spaces, emoji). */
export const SEARCHABLE = /[\p{L}\p{N}]/u;

/** Search-mode tokens of already normalized text, in text order (positions matter for phrases). */
export function segmentNormalized(normalized: string): string[] {
  if (normalized.trim() === '') return [];
  return instance().cutForSearch(normalized, true).filter((t) => SEARCHABLE.test(t));
}

/** Normalizes, then segments. */
export function segment(text: string): string[] {
  return segmentNormalized(normalizeText(text));
}

/**
 * The text the full-text engines index: tokens joined by spaces. A token may hold characters
 * the engine's own tokenizer splits on (covid-19); it splits them the same way in the query.
 */
export function segmentedText(text: string): string {
  return segment(text).join(' ');
}

/** Loads the dictionary now (the first search or index call otherwise pays for it). */
export function warmUpSegmenter(): void {
  instance();
}

/** Precise-mode words of text, normalized (suggestions offer whole words, not their parts). */
export function wordsOf(text: string): string[] {
  const normalized = normalizeText(text);
  if (normalized.trim() === '') return [];
  return instance().cut(normalized, true).filter((t) => SEARCHABLE.test(t));
}
