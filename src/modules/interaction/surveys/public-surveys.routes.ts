import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/platform.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { HttpErrors } from '../../../platform/http/errors.js';
import { problemFor } from '../../../platform/http/problem.js';
import { Obj, Id } from '../../../platform/http/schema.js';
import { access } from '../../../platform/identity/permissions.js';
import { PUBLIC_SECURITY_HEADERS, SiteHosts } from '../../delivery/index.js';
import { getSiteByCode } from '../../sites/index.js';
import { interactionDeps } from '../deps.js';
import { renderSurveyForm, renderSurveyThanks, SURVEY_PATH, visibleSurvey } from './survey-pages.js';
import { newDeviceToken, submitResponse, validDeviceToken } from './survey-submit.js';

/**
 * Responses per client address per hour. Generous on purpose: a government office or a school
 * answers from behind one address; the device token and the captcha keep one response per
 * device, this only stops a flood.
 */
export const SURVEY_SUBMIT_RATE_PER_HOUR = 60;
/** Without a close time the device cookie lasts a year: long enough for any survey, then forgotten. */
const COOKIE_FALLBACK_MS = 365 * 86_400_000;
const FORM_BODY_LIMIT = 256 * 1024;

export const deviceCookieName = (surveyId: number): string => `jy_survey_${surveyId}`;

function sendPage(reply: FastifyReply, status: number, html: string | null): FastifyReply {
  return reply.code(html === null ? 404 : status).headers(PUBLIC_SECURITY_HEADERS).header('cache-control', 'no-store')
    .type('text/html; charset=utf-8').send(html ?? '');
}

/**
 * The survey form posts back to its own page on the site's host. Answers are read from an
 * ordinary form (application/x-www-form-urlencoded, checkboxes repeating their name); the reply
 * is the thank-you page, or the form again with the answers kept and each problem beside its question.
 */
export async function publicSurveyRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const db = platform.db;
  const deps = interactionDeps(platform);
  const hosts = new SiteHosts(db, (err) => fastify.log.error({ err }, 'site hosts refresh failed'));
  const limit = { max: SURVEY_SUBMIT_RATE_PER_HOUR, timeWindow: 3_600_000 };
  const siteOfHost = async (req: FastifyRequest) => {
    const s = await hosts.resolve(req.host);
    const site = s ? await getSiteByCode(db, s.code) : undefined;
    return site?.status === 'open' ? site : undefined;
  };

  await fastify.register(async (scoped) => {
    scoped.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) => done(null, body));
    const r = scoped.withTypeProvider<TypeBoxTypeProvider>();
    r.post(SURVEY_PATH, {
      schema: { hide: true, querystring: Obj({ id: Id }) }, config: { access: access.public, quietRefusals: true, rateLimit: limit }, helmet: false,
      errorHandler: async (err: Error & { statusCode?: number }, _req, reply) => {
        // Over the limit: a short page rather than problem+json; anything else is the platform's answer, with the public headers.
        reply.headers(PUBLIC_SECURITY_HEADERS);
        if (err.statusCode !== 429) throw err;
        return reply.code(429).header('retry-after', String(limit.timeWindow / 1000)).type('text/plain; charset=utf-8').send('提交过于频繁，请稍后再试。');
      },
    }, async (req, reply) => {
      const site = await siteOfHost(req);
      const survey = site ? await visibleSurvey(platform, site, req.query.id) : null;
      if (!site || !survey) return sendPage(reply, 404, null);
      if (typeof req.body !== 'string') throw new AppError(HttpErrors['http.unsupported_media_type']);
      const form = new URLSearchParams(req.body);
      const values = (name: string) => form.getAll(name);
      const cookie = deviceCookieName(survey.id);
      const deviceToken = validDeviceToken(req.cookies[cookie]) ?? newDeviceToken();
      try {
        await submitResponse({ db, actor: req.actor, deps, input: { survey, values, altcha: form.get('altcha') ?? undefined, deviceToken } });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const p = problemFor(err.code, 'zh-CN', err.params, err.fieldErrors);
        const fieldErrors = new Map(err.fieldErrors.map((f) => [f.field, f.message]));
        return sendPage(reply, p.status, await renderSurveyForm(platform, site, survey, { values, error: p.detail, fieldErrors }));
      }
      // The token says nothing about the visitor; it is sent back only to this survey's page, and ends with the survey.
      void reply.setCookie(cookie, deviceToken, {
        path: SURVEY_PATH, httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https',
        expires: new Date(survey.closesAt ?? deps.clock.now() + COOKIE_FALLBACK_MS),
      });
      return sendPage(reply, 200, await renderSurveyThanks(platform, site, survey));
    });
  });
}
