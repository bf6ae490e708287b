import { createHash } from 'node:crypto';

/**
 * Filter values as words of the index's `tags` field (never searched by user words), so a
 * site, column, topic or genre filter is one more term of the full-text match: an index
 * look-up instead of a filter on another table (FTS5 slows badly when MATCH is combined with
 * a filter on another column). Letters and digits only: both engines' tokenizers keep
 * `site12` whole, while PostgreSQL's would split `site_12`.
 */
export const siteToken = (siteId: number): string => `site${siteId}`;
/** The result group (0–3): FTS5 filters groups by key range; PostgreSQL's GIN intersects with it. */
export const groupToken = (groupIndex: number): string => `grp${groupIndex}`;
export const columnToken = (columnId: number): string => `col${columnId}`;

/** Whether a typed word has the form of a filter token (`site12`, `grp0`, `topic` + 16 hex digits…). */
export function looksLikeTag(word: string): boolean {
  return /^(?:site|col|grp)\d+$|^(?:topic|genre)[0-9a-f]{16}$/.test(word);
}

/** Free-text values (主题分类, 文种) by a short digest of their normalized form. */
function digest(prefix: string, value: string): string {
  return `${prefix}${createHash('sha1').update(value.normalize('NFKC').trim()).digest('hex').slice(0, 16)}`;
}

export const topicToken = (topic: string): string => digest('topic', topic);
export const genreToken = (genre: string): string => digest('genre', genre);

/** Tokens of a topic category `一级\二级`: the full category and its first level (a filter may name either). */
export function topicTokens(topic: string | null): string[] {
  if (!topic || topic.trim() === '') return [];
  const first = topic.split('\\')[0]?.trim() ?? '';
  return [...new Set([topicToken(topic), ...(first !== '' ? [topicToken(first)] : [])])];
}

export interface TagSource {
  readonly groupIndex: number;
  readonly siteIds: readonly number[];
  readonly columnIds: readonly number[];
  readonly topicCategory: string | null;
  readonly genre: string | null;
}

/** The `tags` field of an entry. */
export function tagsOf(s: TagSource): string {
  const tokens = [
    groupToken(s.groupIndex), ...new Set(s.siteIds.map(siteToken)), ...new Set(s.columnIds.map(columnToken)),
    ...topicTokens(s.topicCategory), ...(s.genre && s.genre.trim() !== '' ? [genreToken(s.genre)] : []),
  ];
  return tokens.join(' ');
}
