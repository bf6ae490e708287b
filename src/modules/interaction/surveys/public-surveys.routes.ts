import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../../../platform/platform.js';
import { AppError, type FieldError } from '../../../platform/http/error-registry.js';
import { HttpErrors } from '../../../platform/http/errors.js';
import { problemFor } from '../../../platform/http/problem.js';
import { checkRequestText, withoutForbiddenText } from '../../../platform/http/text-guard.js';
import { access } from '../../../platform/identity/permissions.js';
import type { SiteView } from '../../sites/index.js';
import { interactionDeps } from '../deps.js';
import { INVALID_TEXT_MESSAGE, formPageErrors, pageId, sendNotFound, sendPage, siteOfHostResolver } from '../public-pages-kit.js';
import { readUnreadBody } from '../read-submission.js';
import { renderSurveyForm, renderSurveyList, renderSurveyThanks, SURVEY_PATH, visibleSurvey } from './survey-pages.js';
import { newDeviceToken, submitResponse, validDeviceToken } from './survey-submit.js';
import type { SurveyWithQuestions } from './surveys.repo.js';

/**
 * Responses per client address per hour. Generous on purpose: a government office or a school
 * answers from behind one address; the device token and the captcha keep one response per
 * device, this only stops a flood.
 */
export const SURVEY_SUBMIT_RATE_PER_HOUR = 60;
/** Without a close time the device cookie lasts a year: long enough for any survey, then forgotten. */
const COOKIE_FALLBACK_MS = 365 * 86_400_000;
const FORM_BODY_LIMIT = 256 * 1024;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

export const deviceCookieName = (surveyId: number): string => `jy_survey_${surveyId}`;

/** The question a form field answers: `q12` and a matrix row's `q12_0` both belong to `q12`. */
const questionField = (name: string) => /^q\d+/.exec(name)?.[0] ?? name;

/**
 * The answers as the form shows them again: every value without the characters the text guard
 * refuses (a visitor could not find an invisible control character to delete it).
 */
const shownAnswers = (form: URLSearchParams) => (name: string) => form.getAll(name).map(withoutForbiddenText);

/**
 * A form post whose body was not read (refused over the rate limit before it was parsed): read
 * here when small (readUnreadBody), so the page can give the visitor back what they answered.
 */
async function unreadForm(req: FastifyRequest): Promise<URLSearchParams | null> {
  const body = await readUnreadBody(req, FORM_TYPE, FORM_BODY_LIMIT);
  return body === null ? null : new URLSearchParams(body.toString('utf8'));
}

/**
 * The answers holding characters the platform refuses in a visitor's text (checkRequestText:
 * control characters, bidi overrides, NUL), one message per question, named as the survey's own
 * messages are (`第 3 题：…`); refused as `http.invalid_text`.
 */
function checkAnswerText(req: FastifyRequest, survey: SurveyWithQuestions, form: URLSearchParams): void {
  const numbers = new Map(survey.questions.map((q, i) => [`q${q.id}`, i + 1]));
  const errors = new Map<string, FieldError>();
  for (const name of new Set(form.keys())) {
    try {
      checkRequestText(req, 'body', { [name]: form.getAll(name) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const field = questionField(name);
      const n = numbers.get(field);
      const message = n === undefined ? '表单中含有不允许的字符' : `第 ${n} 题：含有不允许的字符（如控制字符），已在下方删除，请检查后重新提交`;
      if (!errors.has(field)) errors.set(field, { field, code: 'validation.characters', message });
    }
  }
  if (errors.size > 0) throw new AppError(HttpErrors['http.invalid_text'], {}, [...errors.values()]);
}

/**
 * The survey form posts back to its own page on the site's host. Answers are read from an
 * ordinary form (application/x-www-form-urlencoded, checkboxes repeating their name); the reply
 * is the thank-you page, or the form again with the answers kept and each problem beside its
 * question. Whatever refuses the post, the visitor gets a page of the site: the form with a
 * message (over the rate limit: 429 with Retry-After, the answers kept when the body is small),
 * or the site's 404 page for a survey it does not show (`?id=` not plain digits, a draft, another site's).
 */
export async function publicSurveyRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const db = platform.db;
  const deps = interactionDeps(platform);
  const limit = { max: SURVEY_SUBMIT_RATE_PER_HOUR, timeWindow: 3_600_000 };
  const siteOfHost = siteOfHostResolver(platform, (err) => fastify.log.error({ err }, 'site hosts refresh failed'));
  const surveyOf = (site: SiteView, req: FastifyRequest) => visibleSurvey(platform, site, pageId((req.query as Record<string, unknown> | undefined)?.id));

  await fastify.register(async (scoped) => {
    scoped.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) => done(null, body));
    scoped.post(SURVEY_PATH, {
      // No query schema: `?id=` is read as a page reads it (pageId), and a stray parameter is no refusal.
      schema: { hide: true }, config: { access: access.public, quietRefusals: true, rateLimit: limit }, helmet: false,
      errorHandler: formPageErrors(platform, siteOfHost, limit.timeWindow, async (site, refusal, req) => {
        const survey = await surveyOf(site, req);
        // Over the limit for a survey the site does not show: the list says so (any other refusal is the 404 page).
        if (!survey) return refusal.status === 429 ? renderSurveyList(platform, site.code, refusal.message) : null;
        const form = typeof req.body === 'string' ? new URLSearchParams(req.body) : await unreadForm(req);
        const kept = form ? '您填写的答案保留在下方。' : '';
        return renderSurveyForm(platform, site, survey, { ...(form ? { values: shownAnswers(form) } : {}), error: `${refusal.message}${kept}` });
      }),
    }, async (req, reply) => {
      const site = await siteOfHost(req);
      if (!site) return sendPage(reply, 404, null);
      const survey = await surveyOf(site, req);
      if (!survey) return sendNotFound(reply, platform, site.code);
      if (typeof req.body !== 'string') throw new AppError(HttpErrors['http.unsupported_media_type']);
      const form = new URLSearchParams(req.body);
      const values = (name: string) => form.getAll(name);
      const cookie = deviceCookieName(survey.id);
      const deviceToken = validDeviceToken(req.cookies[cookie]) ?? newDeviceToken();
      try {
        // A closed survey is refused as such first (submitResponse), whatever its answers hold.
        if (survey.phase === 'open') checkAnswerText(req, survey, form);
        await submitResponse({ db, actor: req.actor, deps, input: { survey, values, altcha: form.get('altcha') ?? undefined, deviceToken } });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const p = problemFor(err.code, 'zh-CN', err.params, err.fieldErrors);
        const fieldErrors = new Map(err.fieldErrors.map((f) => [f.field, f.message]));
        const error = err.code === 'http.invalid_text' ? INVALID_TEXT_MESSAGE : p.detail;
        return sendPage(reply, p.status, await renderSurveyForm(platform, site, survey, { values: shownAnswers(form), error, fieldErrors }));
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
