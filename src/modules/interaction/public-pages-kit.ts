import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import { AppError } from '../../platform/http/error-registry.js';
import { HttpErrors } from '../../platform/http/errors.js';
import { withoutForbiddenText } from '../../platform/http/text-guard.js';
import { problemFor } from '../../platform/http/problem.js';
import { translateValidation } from '../../platform/http/validation-errors.js';
import { BUILTIN_PAGES, PUBLIC_SECURITY_HEADERS, SiteHosts } from '../delivery/index.js';
import { publishingDeps, renderSiteNotFound } from '../publishing/index.js';
import { getSiteByCodeCached, type SiteView } from '../sites/index.js';
import { InteractionErrors } from './errors.js';
import { formProblems, readMultipartForm, refusalSummary, SubmissionValidationError, type FieldMessage, type FormLabels, type FormTrace } from './read-submission.js';

/** What the public form pages of 互动交流 (letters, error reports, comments, consultations, interviews) share. */

/** A site that takes submissions: known and open (not building, offline or closed; see docs/interaction.md). */
export async function openSite(platform: Platform, code: string): Promise<SiteView> {
  const site = await getSiteByCodeCached(platform.db, code);
  if (!site || site.status !== 'open') throw new AppError(InteractionErrors['interaction.site.not_found']);
  return site;
}

/** A refusal as a form shows it: the message, and each field's message. Never the submitted values. */
export interface FormRefusal {
  readonly status: number;
  readonly error: string;
  readonly errors: string[];
}

export function formError(err: unknown): FormRefusal | null {
  if (err instanceof AppError) {
    const p = problemFor(err.code, 'zh-CN', err.params, err.fieldErrors);
    return { status: p.status, error: p.detail, errors: err.fieldErrors.map((f) => f.message) };
  }
  if (err instanceof SubmissionValidationError) {
    return { status: 400, error: '提交的内容有误，请按提示修改后重新提交。', errors: translateValidation(err.validation, undefined, 'zh-CN').map((e) => e.message) };
  }
  return null;
}

/**
 * Sends a page with the public headers, never stored. Null is a page that is not there: 404 with
 * the platform's own "page not found" page (what the sites answer for a host they do not know);
 * a form of a known site sends the site's own 404 page instead (notFoundPage, answerForm).
 */
export function sendPage(reply: FastifyReply, status: number, html: string | null): FastifyReply {
  return reply.code(html === null ? 404 : status).headers(PUBLIC_SECURITY_HEADERS).header('cache-control', 'no-store')
    .type('text/html; charset=utf-8').send(html ?? BUILTIN_PAGES[404]);
}

/**
 * The site's own "page not found" page in its theme (the page a GET of a missing path shows), for
 * a form posted about something the site does not have: an unknown or malformed id, another
 * site's document, a draft. Null when the site is not known (sendPage then sends the built-in one).
 */
export async function notFoundPage(platform: Platform, siteCode: string | undefined): Promise<string | null> {
  if (siteCode === undefined) return null;
  const site = await getSiteByCodeCached(platform.db, siteCode);
  return site ? renderSiteNotFound(publishingDeps(platform), site.id) : null;
}

/** 404 with the site's "page not found" page (the built-in one when the site is unknown). */
export async function sendNotFound(reply: FastifyReply, platform: Platform, siteCode: string | undefined): Promise<FastifyReply> {
  return sendPage(reply, 404, await notFoundPage(platform, siteCode));
}

/**
 * An id as the public pages and forms take it (`?id=`, `doc`, `interviewId`…): plain decimal
 * digits without a leading zero, sign, space, exponent or fraction, and a safe integer. Anything
 * else (`1e0`, `0x1`, ` 1`, `1.0`, `01`) names nothing: null, the site's 404 page.
 */
export function pageId(raw: unknown): number | null {
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,15}$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}

/** A form page to send: the HTML (200), or the HTML with another status (a refusal shown with more than the form). */
export type FormAnswer = string | null | { readonly status: number; readonly html: string | null };

/**
 * The answer to a public form's post: the page `work` renders, or, when it refuses in a way the
 * visitor can mend (a validation or business refusal), the page `refused` renders with the
 * refusal's status. Anything else goes on to the platform's error handler. `work` returns the
 * page and never sends it itself: this sends exactly once. A page that is not there (null) is
 * `notFound`'s page (the site's 404 page), else the built-in one.
 */
export async function answerForm(reply: FastifyReply, work: () => Promise<FormAnswer>, refused: (refusal: FormRefusal) => Promise<string | null>,
  notFound: () => Promise<string | null> = async () => null): Promise<FastifyReply> {
  const send = async (status: number, html: string | null) => (html === null ? sendPage(reply, 404, await notFound()) : sendPage(reply, status, html));
  let answer: FormAnswer;
  try {
    answer = await work();
  } catch (err) {
    const refusal = formError(err);
    if (!refusal) throw err;
    return send(refusal.status, await refused(refusal));
  }
  return answer !== null && typeof answer === 'object' ? send(answer.status, answer.html) : send(200, answer);
}

/** A refused public form as its page shows it: the summary above the form and each field's message beside its input. */
export interface FormFailure {
  readonly status: number;
  readonly summary: string;
  readonly problems: FieldMessage[];
}

/**
 * answerForm for the public form pages: whatever `work` throws that the visitor can mend (a
 * validation or business refusal, text the guard refuses, a body that could not be read) is
 * worded with the form's `labels` (formProblems: one message per field, placed by `codeFields`)
 * and shown by `refused`. A page that is not there (null) is the site's 404 page (`notFound`).
 */
export async function answerFormPage(reply: FastifyReply, work: () => Promise<FormAnswer>, refused: (failure: FormFailure) => Promise<string | null>,
  { labels, codeFields = {}, notFound }: { labels: FormLabels; codeFields?: Readonly<Record<string, string>>; notFound: () => Promise<string | null> }): Promise<FastifyReply> {
  let failure: unknown = null;
  return answerForm(reply, async () => {
    try {
      return await work();
    } catch (err) {
      failure = err;
      throw err;
    }
  }, (refusal) => {
    const problems = formProblems(failure, labels, codeFields);
    return refused({ status: refusal.status, summary: formSummary(failure, refusalSummary(refusal.error, problems)), problems });
  }, notFound);
}

/**
 * The text fields of a public form (multipart, no files), filled into `trace` as they are read
 * so that a refusal shows them again; text the guard refuses is `http.invalid_text` (answerFormPage shows it).
 */
export async function readTextForm(req: FastifyRequest, trace: FormTrace): Promise<Readonly<Record<string, string>>> {
  if (!req.isMultipart()) throw new AppError(HttpErrors['http.unsupported_media_type']);
  return (await readMultipartForm(req, 1, { withFiles: false, trace })).fields;
}

/** What a refused form shows again of `fields`: the named ones, without characters the text guard refuses (see withoutForbiddenText). */
export function keptValues(fields: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => typeof fields[n] === 'string').map((n) => [n, withoutForbiddenText(fields[n]!)]));
}

/** An id in the query of the page the form was on (its Referer on this host, at `path`), or null. */
export function refererId(req: FastifyRequest, path: string, name: string): number | null {
  try {
    const url = new URL(req.headers.referer ?? '');
    return url.host === req.host && url.pathname === path ? pageId(url.searchParams.get(name)) : null;
  } catch {
    return null;
  }
}

/** The open site a request's Host names, or undefined. */
export function siteOfHostResolver(platform: Platform, onError: (err: unknown) => void): (req: FastifyRequest) => Promise<SiteView | undefined> {
  const hosts = new SiteHosts(platform.db, onError);
  return async (req) => {
    const s = await hosts.resolve(req.host);
    const site = s ? await getSiteByCodeCached(platform.db, s.code) : undefined;
    return site?.status === 'open' ? site : undefined;
  };
}

/** A refusal that came before the form's handler (the rate limit, the body parser, a hook), as the form page says it. */
export interface EarlyRefusal {
  readonly status: number;
  readonly message: string;
}

export const TOO_FAST_MESSAGE = '提交过于频繁，请稍后再试。';
/** The summary of a form refused for characters the text guard refuses (the page shows the text again without them). */
export const INVALID_TEXT_MESSAGE = '提交的内容中含有不允许的字符（如控制字符），已在下方删除，请检查后重新提交。';

/** What a visitor is told of a refusal of the HTTP layer, by status: the platform's own wording speaks of requests, not forms. */
function httpRefusal(status: number): EarlyRefusal | null {
  switch (status) {
    case 429: return { status, message: TOO_FAST_MESSAGE };
    case 413: return { status, message: '提交的内容过长，未能收到，请删减后重新提交。' };
    case 415: return { status, message: '提交的方式不正确，请使用本页的表单填写并提交。' };
    default: return status >= 400 && status < 500 ? { status, message: '提交的内容有误，未能收到，请重新填写并提交。' } : null;
  }
}

/** What the visitor is told of a refusal the handler never saw; null for what is no refusal of the visitor's (a 5xx). */
export function earlyRefusal(err: Error & { statusCode?: number }): EarlyRefusal | null {
  if (err instanceof AppError) {
    const p = problemFor(err.code, 'zh-CN', err.params, err.fieldErrors);
    if (err.code === 'http.invalid_text') return { status: p.status, message: INVALID_TEXT_MESSAGE };
    if (err.code.startsWith('http.')) return httpRefusal(p.status);
    return p.status >= 400 && p.status < 500 ? { status: p.status, message: p.detail } : null;
  }
  return httpRefusal(err.statusCode ?? 500);
}

/**
 * The summary above a refused public form: the refusal's message, or, for what the HTTP layer
 * refused (text with forbidden characters, a body that could not be read), words for the visitor.
 */
export function formSummary(err: unknown, error: string): string {
  if (!(err instanceof AppError) || !err.code.startsWith('http.')) return error;
  if (err.code === 'http.invalid_text') return INVALID_TEXT_MESSAGE;
  return httpRefusal(problemFor(err.code, 'zh-CN').status)?.message ?? error;
}

/**
 * The error handler of a public form route: what is refused before the handler runs (over the
 * rate limit, a body too large or of another type, a hook's refusal) is the form's page with a
 * message and the refusal's status (429 with Retry-After), never problem+json; `render` shows the
 * page, with what was typed when it can be read. Null from `render` is the site's 404 page.
 * A request for no known site, and a server error, go on to the platform's handler.
 */
export function formPageErrors(platform: Platform, siteOfHost: (req: FastifyRequest) => Promise<SiteView | undefined>, windowMs: number,
  render: (site: SiteView, refusal: EarlyRefusal, req: FastifyRequest) => Promise<string | null>) {
  return async (err: Error & { statusCode?: number }, req: FastifyRequest, reply: FastifyReply) => {
    const refusal = earlyRefusal(err);
    const site = refusal ? await siteOfHost(req) : undefined;
    if (!refusal || !site) {
      reply.headers(PUBLIC_SECURITY_HEADERS);
      throw err;
    }
    if (refusal.status === 429) reply.header('retry-after', String(Math.ceil(windowMs / 1000)));
    const html = await render(site, refusal, req);
    return html === null ? sendNotFound(reply, platform, site.code) : sendPage(reply, refusal.status, html);
  };
}
