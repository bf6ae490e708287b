import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/platform.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { HttpErrors } from '../../../platform/http/errors.js';
import { access } from '../../../platform/identity/permissions.js';
import type { SiteView } from '../../sites/index.js';
import { interactionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import { answerForm, openSite, sendPage, siteOfHostResolver, formPageErrors, TOO_FAST_MESSAGE } from '../public-pages-kit.js';
import {
  type FieldMessage, FieldProblemsError, formProblems, newFormTrace, readMultipart, readSmallFormFields, refusalSummary, submissionValidator,
  schemaChecked, type FormLabels,
} from '../read-submission.js';
import { checkEmail, checkPhone, optionalText, requireText } from '../validate-letter.js';
import { CORRECTION_FORM_PATH, CORRECTION_QUERY_PATH, renderCorrectionForm, renderCorrectionQuery, renderCorrectionReceipt } from './correction-pages.js';
import { ErrorReportFields, lookupErrorReportSchema, submitErrorReportSchema, type ErrorReportFieldsInput } from './corrections.schemas.js';
import { pageUrlOfSite } from './page-url.js';
import { lookupErrorReport } from './report-views.js';
import { submitErrorReport } from './submit-error-report.js';

const formFields = submissionValidator<ErrorReportFieldsInput>(ErrorReportFields, new Set(['name', 'phone', 'email', 'idempotencyKey', 'altcha']), { allErrors: true });

/** The form's labels, as the theme's form shows them. */
const REPORT_FORM_LABELS: FormLabels = {
  siteCode: { label: '出错的网站', choice: true }, pageUrl: { label: '出错页面地址' }, errorType: { label: '错误类型', choice: true },
  description: { label: '错误描述' }, name: { label: '姓名' }, phone: { label: '联系电话' }, email: { label: '电子邮箱' },
};

/** Where the report's business refusals belong on the form. */
const REPORT_CODE_FIELDS: Readonly<Record<string, string>> = {
  'interaction.error_report.page_not_on_site': 'pageUrl', 'interaction.site.not_found': 'siteCode',
  'interaction.phone.bad_format': 'phone', 'interaction.email.bad_format': 'email',
};

/** Over the per-address limit: the form says plainly that nothing was sent. */
const TOO_FAST = `${TOO_FAST_MESSAGE}本次纠错没有提交。`;
const SMALL_FORM_BYTES = 64 * 1024;

/**
 * The report's own rules (submit-error-report.ts: the page is the site's, a description that is
 * not blank, the contact's formats) on the fields the schema let through, each refusal beside
 * its field, so a visitor mends them all in one go. The submit checks them again.
 */
function reportRuleProblems(site: SiteView | null, report: Readonly<Record<string, string>>, known: ReadonlySet<string>): FieldMessage[] {
  const found: FieldMessage[] = [];
  const check = (field: string, rule: () => unknown) => {
    if (known.has(field)) return;
    try {
      rule();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      found.push(...formProblems(err, REPORT_FORM_LABELS, REPORT_CODE_FIELDS));
    }
  };
  if (site) {
    check('pageUrl', () => {
      if (pageUrlOfSite(site, report.pageUrl ?? '') === null) throw new AppError(InteractionErrors['interaction.error_report.page_not_on_site'], { site: site.name });
    });
  }
  check('description', () => requireText(report.description, '错误描述', 'description'));
  check('phone', () => { const v = optionalText(report.phone); if (v !== null) checkPhone(v); });
  check('email', () => { const v = optionalText(report.email); if (v !== null) checkEmail(v); });
  return found;
}

/**
 * 网民纠错 for visitors: the JSON API, and the theme's form and look-up pages posting back to the
 * site they were shown on. Submits and look-ups are limited per client address with the letters'
 * limits (one budget of public submissions per address is the point, not per feature).
 */
export async function publicCorrectionsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = platform;
  const db = platform.db;
  const deps = interactionDeps(platform);
  const submitLimit = { max: config.letterSubmitRatePerHour, timeWindow: 3_600_000 };
  const lookupLimit = { max: config.letterLookupRatePerMinute, timeWindow: 60_000 };
  const publicPage = { access: access.public, quietRefusals: true };
  const siteOfHost = siteOfHostResolver(platform, (err) => app.log.error({ err }, 'site hosts refresh failed'));

  app.post('/api/v1/public/sites/:siteCode/error-reports', { schema: submitErrorReportSchema, config: { access: access.public, rateLimit: submitLimit } }, async (req, reply) => {
    const site = await openSite(platform, req.params.siteCode);
    const header = req.headers['idempotency-key'];
    const idempotencyKey = typeof header === 'string' && header !== '' ? header : req.body.idempotencyKey;
    const receipt = await submitErrorReport({ db, actor: req.actor, site, deps, input: { ...req.body, idempotencyKey } });
    reply.header('cache-control', 'no-store');
    return reply.code(receipt.duplicate ? 200 : 201).send(receipt);
  });

  app.post('/api/v1/public/error-reports/lookup', { schema: lookupErrorReportSchema, config: { access: access.public, rateLimit: lookupLimit } }, async (req) => {
    return { report: await lookupErrorReport(db, req.body.queryCode) };
  });

  /** The site a form post reports on: the host's own, or on the provincial portal (the platform intake) the one chosen. */
  const targetSite = async (host: SiteView, code: string | undefined): Promise<SiteView> => {
    if (host.kind !== 'province_portal' || !code || code === host.code) return host;
    return openSite(platform, code);
  };

  // Multipart is parsed only here (text fields; no files are accepted).
  await app.register(async (scoped) => {
    // A file part (the form has no file input) is drained and ignored: at most one byte of it is looked at.
    await scoped.register(multipart, { limits: { fileSize: 1, fields: 20, fieldSize: 10_000, parts: 20, headerPairs: 50 } });
    const r = scoped.withTypeProvider<TypeBoxTypeProvider>();

    r.post(CORRECTION_FORM_PATH, {
      schema: { hide: true }, config: { ...publicPage, rateLimit: submitLimit }, helmet: false,
      errorHandler: formPageErrors(platform, siteOfHost, submitLimit.timeWindow, async (site, refusal, req) => {
        // The body is not read when refused early; a small one is, to give the visitor back what they typed.
        const typed = await readSmallFormFields(req, SMALL_FORM_BYTES);
        if (refusal.status !== 429) return renderCorrectionForm(platform, site.code, { ...(typed ? { values: typed } : {}), error: refusal.message });
        return renderCorrectionForm(platform, site.code, typed
          ? { values: typed, error: `${TOO_FAST}您填写的内容保留在下方，请稍后再提交。` }
          : { error: `${TOO_FAST}请稍后重新填写并提交。` });
      }),
    }, async (req, reply) => {
      const host = await siteOfHost(req);
      if (!host) return sendPage(reply, 404, null);
      if (!req.isMultipart()) throw new AppError(HttpErrors['http.unsupported_media_type']);
      // Filled in as the form is read: whatever refuses it, the page shows again what was typed.
      const trace = newFormTrace();
      let problems: readonly FieldMessage[] = [];
      return answerForm(reply, async () => {
        const { fields: all } = await readMultipart(req, 1, { withFiles: false, trace });
        // siteCode is the portal form's choice of site, not a field of the report.
        const { siteCode, ...report } = all;
        const { input: fields, error: schemaErrors } = schemaChecked(formFields.form, report);
        const found = formProblems(schemaErrors, REPORT_FORM_LABELS);
        let site: SiteView | null = null;
        try {
          site = await targetSite(host, siteCode);
        } catch (err) {
          const onSite = formProblems(err, REPORT_FORM_LABELS, REPORT_CODE_FIELDS);
          if (onSite.length === 0) throw err;
          found.push(...onSite);
        }
        found.push(...reportRuleProblems(site, report, new Set(found.map((p) => p.field))));
        problems = found;
        if (!fields || !site || found.length > 0) throw new FieldProblemsError(schemaErrors?.validation ?? [], found);
        try {
          const receipt = await submitErrorReport({ db, actor: req.actor, site, deps, input: fields });
          return await renderCorrectionReceipt(platform, host.code, receipt);
        } catch (err) {
          problems = formProblems(err, REPORT_FORM_LABELS, REPORT_CODE_FIELDS);
          throw err;
        }
      }, ({ error }) => renderCorrectionForm(platform, host.code, { values: trace.fields, error: refusalSummary(error, problems), errors: problems }));
    });

    r.post(CORRECTION_QUERY_PATH, {
      schema: { hide: true }, config: { ...publicPage, rateLimit: lookupLimit }, helmet: false,
      errorHandler: formPageErrors(platform, siteOfHost, lookupLimit.timeWindow, (site, refusal) => renderCorrectionQuery(platform, site.code, { error: refusal.message })),
    }, async (req, reply) => {
      const host = await siteOfHost(req);
      if (!host) return sendPage(reply, 404, null);
      if (!req.isMultipart()) throw new AppError(HttpErrors['http.unsupported_media_type']);
      let queryCode = '';
      return answerForm(reply, async () => {
        queryCode = ((await readMultipart(req, 1, { withFiles: false })).fields.queryCode ?? '').slice(0, 40);
        if (!queryCode.trim()) throw new AppError(InteractionErrors['interaction.error_report.not_found']);
        const result = await lookupErrorReport(db, queryCode);
        return renderCorrectionQuery(platform, host.code, { queryCode, result });
      }, ({ error }) => renderCorrectionQuery(platform, host.code, { queryCode, error }));
    });
  });
}
