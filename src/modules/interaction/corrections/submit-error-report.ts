import { inTransaction, type Db } from '../../../db/index.js';
import { randomToken } from '../../../platform/crypto/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { SiteView } from '../../sites/index.js';
import { checkCaptcha, spendCaptcha } from '../captcha.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import { freshQueryCode, retryOnCodeClash } from '../query-credentials.js';
import { checkIdempotencyKey, requireText } from '../validate-letter.js';
import type { ErrorType } from './corrections.tables.js';
import { pageUrlOfSite } from './page-url.js';
import { cleanContact, sealContact } from './report-contact.js';
import { recordReportHistory, type ReportRow } from './report-transitions.js';
import { TRIAGE_DAYS } from './report-workflow.js';

export interface SubmitErrorReportInput {
  readonly errorType: ErrorType;
  readonly pageUrl: string;
  readonly description: string;
  readonly name?: string | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly altcha?: string | undefined;
  readonly idempotencyKey?: string | undefined;
}

export interface ErrorReportReceipt {
  readonly queryCode: string;
  readonly duplicate: boolean;
  readonly siteName: string;
  readonly errorType: ErrorType;
  readonly pageUrl: string;
  readonly receivedAt: number;
  readonly triageDueAt: number;
}

/** 查询编号 of a report: "JC" and the letters' form (day of receipt and 6 random digits), so the two never mix. */
const freshCode = (db: Db, now: number): Promise<string> =>
  freshQueryCode(now, async (code) => (await db.selectFrom('error_reports').select('id').where('query_code', '=', code).executeTakeFirst()) !== undefined, 'JC');

const receiptOf = (site: SiteView, r: ReportRow, duplicate: boolean): ErrorReportReceipt => ({
  queryCode: r.query_code, duplicate, siteName: site.name, errorType: r.error_type, pageUrl: r.page_url, receivedAt: Number(r.received_at), triageDueAt: Number(r.triage_due_at),
});

const byKey = (db: Db, siteId: number, key: string) => db.selectFrom('error_reports').selectAll().where('site_id', '=', siteId).where('idempotency_key', '=', key).executeTakeFirst();

/**
 * A visitor's error report on one of the site's pages: validate (the page must be the site's),
 * answer a repeated submit with the first report, check the captcha, then in one transaction
 * spend it, store the report (contact sealed with SM4), its first history row and the audit
 * event. The triage deadline is TRIAGE_DAYS working days on the platform calendar. The receipt
 * is answered after a durable commit, as for letters.
 */
export async function submitErrorReport(args: SubmitArgs): Promise<ErrorReportReceipt> {
  const receipt = await retryOnCodeClash('error_reports', () => submitOnce(args));
  // The receipt's query code promises the report is kept, as a letter's does: answer once the
  // commit would survive a power cut (a repeat's too: its first may still be in flight).
  await args.deps.durable();
  return receipt;
}

type SubmitArgs = { db: Db; actor: Actor; site: SiteView; input: SubmitErrorReportInput; deps: InteractionDeps };

async function submitOnce({ db, actor, site, input, deps }: SubmitArgs): Promise<ErrorReportReceipt> {
  const pageUrl = pageUrlOfSite(site, input.pageUrl);
  if (pageUrl === null) throw new AppError(InteractionErrors['interaction.error_report.page_not_on_site'], { site: site.name });
  const description = requireText(input.description, '错误描述', 'description');
  const contact = cleanContact(input);
  const key = input.idempotencyKey === undefined || input.idempotencyKey === '' ? randomToken(24) : checkIdempotencyKey(input.idempotencyKey);
  const earlier = await byKey(db, site.id, key);
  if (earlier) return receiptOf(site, earlier, true);
  const now = deps.clock.now();
  const captcha = await checkCaptcha(deps.captcha, input.altcha, now);
  // The calendar may read its tables: outside the transaction (SQLite has one connection).
  const triageDueAt = await deps.calendar.addWorkingDays(now, TRIAGE_DAYS);
  const code = await freshCode(db, now);
  const sealed = sealContact(deps.cipher, code, contact);
  return inTransaction(db, async (trx) => {
    await deps.ops.lockForUpdate(trx, `interaction.error_report.${site.id}.${key}`);
    const raced = await byKey(trx, site.id, key);
    if (raced) return receiptOf(site, raced, true);
    await spendCaptcha(trx, captcha, now);
    const row = await trx.insertInto('error_reports').values({
      site_id: site.id, query_code: code, error_type: input.errorType, page_url: pageUrl, description, ...sealed, status: 'received',
      idempotency_key: key, received_at: now, triage_due_at: triageDueAt, triaged_at: null, forwarded_at: null, owner_due_at: null,
      step_due_at: triageDueAt, dismiss_kind: null, reason: '', answer: null, answered_at: null, answered_by: null, escalated_due_at: null,
    }).returningAll().executeTakeFirstOrThrow();
    // No personal data and no text in the audit trail: the code, the site, the kind.
    await recordReportHistory(trx, deps, actor, { id: Number(row.id), site_id: site.id, status: 'received' }, {
      action: 'submit', to: 'received', reason: '', detail: { queryCode: code, errorType: input.errorType, withContact: Object.values(contact).some((v) => v !== null), triageDueAt },
    });
    return receiptOf(site, row, false);
  });
}
