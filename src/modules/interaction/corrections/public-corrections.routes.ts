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
import { answerForm, openSite, sendPage, siteOfHostResolver, tooFast } from '../public-pages-kit.js';
import { readMultipart, submissionValidator } from '../read-submission.js';
import { CORRECTION_FORM_PATH, CORRECTION_QUERY_PATH, renderCorrectionForm, renderCorrectionQuery, renderCorrectionReceipt } from './correction-pages.js';
import { ErrorReportFields, lookupErrorReportSchema, submitErrorReportSchema, type ErrorReportFieldsInput } from './corrections.schemas.js';
import { lookupErrorReport } from './report-views.js';
import { submitErrorReport } from './submit-error-report.js';

const formFields = submissionValidator<ErrorReportFieldsInput>(ErrorReportFields, new Set(['name', 'phone', 'email', 'idempotencyKey', 'altcha']));

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
    await scoped.register(multipart, { limits: { fileSize: 1, files: 0, fields: 20, fieldSize: 10_000, parts: 20, headerPairs: 50 } });
    const r = scoped.withTypeProvider<TypeBoxTypeProvider>();

    r.post(CORRECTION_FORM_PATH, {
      schema: { hide: true }, config: { ...publicPage, rateLimit: submitLimit }, helmet: false,
      errorHandler: tooFast(siteOfHost, submitLimit.timeWindow, (code, error) => renderCorrectionForm(platform, code, { error })),
    }, async (req, reply) => {
      const host = await siteOfHost(req);
      if (!host) return sendPage(reply, 404, null);
      if (!req.isMultipart()) throw new AppError(HttpErrors['http.unsupported_media_type']);
      let values: Readonly<Record<string, string>> = {};
      return answerForm(reply, async () => {
        values = (await readMultipart(req, 1, { withFiles: false })).fields;
        // siteCode is the portal form's choice of site, not a field of the report.
        const { siteCode, ...report } = values;
        const fields = formFields.form(report);
        const site = await targetSite(host, siteCode);
        const receipt = await submitErrorReport({ db, actor: req.actor, site, deps, input: fields });
        return renderCorrectionReceipt(platform, host.code, receipt);
      }, ({ error, errors }) => renderCorrectionForm(platform, host.code, { values, error, errors }));
    });

    r.post(CORRECTION_QUERY_PATH, {
      schema: { hide: true }, config: { ...publicPage, rateLimit: lookupLimit }, helmet: false,
      errorHandler: tooFast(siteOfHost, lookupLimit.timeWindow, (code, error) => renderCorrectionQuery(platform, code, { error })),
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
