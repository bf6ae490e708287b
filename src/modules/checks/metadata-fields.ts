/**
 * Names of disclosure metadata fields (NORMS: Content), for messages. Both camelCase (API) and
 * snake_case (column) keys are known; an unknown key is shown as it is.
 */
const LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  title: { zh: '标题', en: 'title' },
  subtitle: { zh: '副标题', en: 'subtitle' },
  documentNumber: { zh: '文号', en: 'document number' },
  dateWritten: { zh: '成文日期', en: 'date written' },
  topicCategory: { zh: '主题分类', en: 'topic category' },
  genre: { zh: '体裁', en: 'genre' },
  issuingOrgName: { zh: '发布机构', en: 'issuing organization' },
  issuingOrgId: { zh: '发布机构', en: 'issuing organization' },
  indexNumber: { zh: '索引号', en: 'index number' },
  keywords: { zh: '主题词', en: 'keywords' },
  summary: { zh: '内容概述', en: 'summary' },
  validity: { zh: '有效性', en: 'validity' },
  validityDate: { zh: '失效/废止日期', en: 'validity date' },
  source: { zh: '信息来源', en: 'source' },
  interpretsId: { zh: '所解读的政策文件', en: 'interpreted policy document' },
};

function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

export function metadataFieldLabel(key: string): { zh: string; en: string } {
  // Own keys only: `constructor` must not name Object's constructor.
  const own = (k: string): { zh: string; en: string } | undefined => (Object.hasOwn(LABELS, k) ? LABELS[k] : undefined);
  return own(key) ?? own(camel(key)) ?? { zh: key, en: key };
}

/** The column kinds (the columns module's ColumnKind; a unit test keeps the two lists alike). */
export const COLUMN_KIND_NAMES = ['policy', 'disclosure', 'interpretation', 'notice', 'news', 'topic', 'page', 'link'] as const;
export type CheckColumnKind = (typeof COLUMN_KIND_NAMES)[number];

/**
 * Metadata a document needs before it may be published, by column kind: policy documents carry
 * the full disclosure set, disclosure-catalogue items the catalogue set, interpretations name the
 * policy they interpret. The documents module passes the list for the column into runChecks.
 * Without a prototype and frozen: a kind such as `__proto__` or `toString` finds nothing.
 */
export const REQUIRED_METADATA_BY_COLUMN_KIND: Readonly<Record<string, readonly string[]>> = Object.freeze(Object.assign(
  Object.create(null) as Record<string, readonly string[]>,
  {
    policy: ['indexNumber', 'issuingOrgName', 'dateWritten', 'documentNumber', 'topicCategory', 'genre'],
    disclosure: ['indexNumber', 'issuingOrgName', 'dateWritten', 'topicCategory', 'genre'],
    interpretation: ['issuingOrgName', 'interpretsId'],
    notice: ['issuingOrgName'],
    news: ['source'],
    topic: [],
    page: [],
    link: [],
  } satisfies Record<CheckColumnKind, readonly string[]>,
));

/** The required fields of a column kind; none for a kind that does not exist (own keys only). */
export function requiredMetadataFor(kind: string): readonly string[] {
  return Object.hasOwn(REQUIRED_METADATA_BY_COLUMN_KIND, kind) ? REQUIRED_METADATA_BY_COLUMN_KIND[kind] ?? [] : [];
}
