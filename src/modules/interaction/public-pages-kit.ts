import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import { AppError } from '../../platform/http/error-registry.js';
import { problemFor } from '../../platform/http/problem.js';
import { translateValidation } from '../../platform/http/validation-errors.js';
import { PUBLIC_SECURITY_HEADERS, SiteHosts } from '../delivery/index.js';
import { getSiteByCodeCached, type SiteView } from '../sites/index.js';
import { InteractionErrors } from './errors.js';
import { SubmissionValidationError } from './read-submission.js';

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

export function sendPage(reply: FastifyReply, status: number, html: string | null): FastifyReply {
  return reply.code(html === null ? 404 : status).headers(PUBLIC_SECURITY_HEADERS).header('cache-control', 'no-store')
    .type('text/html; charset=utf-8').send(html ?? '');
}

/** A form page to send: the HTML (200), or the HTML with another status (a refusal shown with more than the form). */
export type FormAnswer = string | null | { readonly status: number; readonly html: string | null };

/**
 * The answer to a public form's post: the page `work` renders, or, when it refuses in a way the
 * visitor can mend (a validation or business refusal), the page `refused` renders with the
 * refusal's status. Anything else goes on to the platform's error handler. `work` returns the
 * page and never sends it itself: this sends exactly once.
 */
export async function answerForm(reply: FastifyReply, work: () => Promise<FormAnswer>, refused: (refusal: FormRefusal) => Promise<string | null>): Promise<FastifyReply> {
  let answer: FormAnswer;
  try {
    answer = await work();
  } catch (err) {
    const refusal = formError(err);
    if (!refusal) throw err;
    return sendPage(reply, refusal.status, await refused(refusal));
  }
  return answer !== null && typeof answer === 'object' ? sendPage(reply, answer.status, answer.html) : sendPage(reply, 200, answer);
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

/** Over the limit, a visitor of the pages gets the page with a message rather than problem+json. */
export function tooFast(siteOfHost: (req: FastifyRequest) => Promise<SiteView | undefined>, windowMs: number, render: (siteCode: string, message: string, req: FastifyRequest) => Promise<string | null>) {
  return async (err: Error & { statusCode?: number }, req: FastifyRequest, reply: FastifyReply) => {
    const site = err.statusCode === 429 ? await siteOfHost(req) : undefined;
    // Anything else is answered by the platform's handler (problem+json), still with the public headers.
    if (!site) {
      reply.headers(PUBLIC_SECURITY_HEADERS);
      throw err;
    }
    return sendPage(reply.header('retry-after', String(Math.ceil(windowMs / 1000))), 429, await render(site.code, '提交过于频繁，请稍后再试。', req));
  };
}
