import type { Db } from '../../db/index.js';
import { AppError, fieldError } from '../../platform/http/error-registry.js';
import { getOrg, type OrgView } from '../../platform/identity/orgs.repo.js';
import { formatShanghai } from '../../platform/i18n/format-time.js';
import type { DocumentKind } from './content.tables.js';
import { ContentErrors } from './errors.js';
import { allocateIndexNumber, ORG_CODE } from './index-number.js';

export interface IssuingOrg {
  readonly org: OrgView;
  /** Single pages (about us, contact) are not disclosure items and get no index number. */
  readonly needsIndexNumber: boolean;
}

/**
 * The organization a new document is filed under, checked before any write: it must exist and,
 * when the document needs an index number, have a registered organization code to prefix it.
 */
export async function resolveIssuingOrg(db: Db, orgId: number, kind: DocumentKind): Promise<IssuingOrg> {
  const org = await getOrg(db, orgId);
  if (!org) {
    throw new AppError(ContentErrors['content.document.invalid'], { summary: '发布机构不存在', summaryEn: 'the issuing organization does not exist' },
      [fieldError('orgId', 'content.field.unknown', '发布机构（orgId）不存在', 'The issuing organization (orgId) does not exist')]);
  }
  const needsIndexNumber = kind !== 'page';
  if (needsIndexNumber && (!org.creditCode || !ORG_CODE.test(org.creditCode))) throw new AppError(ContentErrors['content.index_number.no_org_code'], { org: org.name });
  return { org, needsIndexNumber };
}

/** The next index number of the organization for the year of `now` (Beijing time), inside the caller's transaction. */
export async function indexNumberFor(trx: Db, issuing: IssuingOrg, now: number): Promise<string | null> {
  if (!issuing.needsIndexNumber) return null;
  const year = Number(formatShanghai(now).slice(0, 4));
  return allocateIndexNumber(trx, { orgId: issuing.org.id, orgCode: issuing.org.creditCode as string, year });
}
