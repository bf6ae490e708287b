import genres from '../../../data/document-genres.json' with { type: 'json' };

/** The 15 statutory genres (公文种类) plus the disclosure-catalogue additions (NORMS: Content). */
export const DOCUMENT_GENRES: readonly string[] = [...genres.statutory, ...genres.catalogue_extra];

const set = new Set(DOCUMENT_GENRES);

export function genreProblem(value: string): string | null {
  return genreIssue(value)?.zh ?? null;
}

/** A problem with a genre in Chinese and English, or null when it is one of the genres. */
export function genreIssue(value: string): { readonly zh: string; readonly en: string } | null {
  if (set.has(value)) return null;
  return {
    zh: `体裁“${value}”不在规定的公文种类中，可选：${DOCUMENT_GENRES.join('、')}`,
    en: `Genre "${value}" is not one of the statutory document genres; choose one of: ${DOCUMENT_GENRES.join(', ')}`,
  };
}
