import genres from '../../../data/document-genres.json' with { type: 'json' };

/** The 15 statutory genres (公文种类) plus the disclosure-catalogue additions (NORMS: Content). */
export const DOCUMENT_GENRES: readonly string[] = [...genres.statutory, ...genres.catalogue_extra];

const set = new Set(DOCUMENT_GENRES);

export function genreProblem(value: string): string | null {
  return set.has(value) ? null : `体裁“${value}”不在规定的公文种类中，可选：${DOCUMENT_GENRES.join('、')}`;
}
