import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './error-registry.js';
import { HttpErrors } from './errors.js';
import { problemFor, requestLocale, sendProblem } from './problem.js';
import { setBaseHeaders } from './security-headers.js';
import { joinValidationMessages, translateValidation, type AjvLikeError } from './validation-errors.js';

/** Fastify's own error codes mapped to ours. */
const fastifyCodes: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: HttpErrors['http.unsupported_media_type'],
  FST_ERR_CTP_BODY_TOO_LARGE: HttpErrors['http.body_too_large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: HttpErrors['http.bad_json'],
  FST_ERR_CTP_INVALID_JSON_BODY: HttpErrors['http.bad_json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: HttpErrors['http.bad_request'],
  FST_ERR_CTP_INVALID_TYPE: HttpErrors['http.unsupported_media_type'],
  FST_ERR_BAD_URL: HttpErrors['http.bad_request'],
  FST_ERR_ASYNC_CONSTRAINT: HttpErrors['http.bad_request'],
};

export type RefusalListener = (req: FastifyRequest, status: number, code: string) => Promise<void>;

/**
 * Every failure leaves as problem+json with a registered code. Unknown errors are logged
 * and answered with a generic 500: stack traces and internal messages never reach users.
 */
export function installErrorHandler(app: FastifyInstance, onRefusal: RefusalListener): void {
  app.setErrorHandler(async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const locale = requestLocale(req);
    let problem;
    if (err instanceof AppError) {
      problem = problemFor(err.code, locale, err.params, err.fieldErrors);
    } else if (err.validation) {
      const errors = translateValidation(err.validation as unknown as AjvLikeError[], err.validationContext, locale);
      problem = problemFor(HttpErrors['http.validation'], locale, { summary: joinValidationMessages(errors, locale) }, errors);
    } else if (err instanceof SyntaxError && /prototype|constructor/i.test(err.message)) {
      problem = problemFor(HttpErrors['http.forbidden_key'], locale);
    } else if (err.code && fastifyCodes[err.code]) {
      problem = problemFor(fastifyCodes[err.code] as string, locale);
    } else if (err.statusCode === 429) {
      problem = problemFor(HttpErrors['http.rate_limited'], locale);
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      problem = problemFor(/JSON|prototype/i.test(err.message) ? (/prototype|constructor/i.test(err.message) ? 'http.forbidden_key' : 'http.bad_json') : HttpErrors['http.bad_request'], locale);
    } else {
      req.log.error({ err }, 'unhandled error');
      problem = problemFor(HttpErrors['http.internal'], locale);
    }
    problem = { ...problem, instance: req.url.split('?')[0] ?? '' };
    if (problem.status >= 400 && problem.status < 500 && !reply.routeOptions.config?.quietRefusals) {
      await onRefusal(req, problem.status, problem.code).catch((e: unknown) => req.log.error({ err: e }, 'refusal audit failed'));
    }
    return sendProblem(reply, problem);
  });

  app.setNotFoundHandler(async (req, reply) => {
    return sendProblem(reply, { ...problemFor(HttpErrors['http.not_found'], requestLocale(req)), instance: req.url.split('?')[0] ?? '' });
  });
}

/**
 * Errors Fastify raises before routing (a malformed percent-encoding, an over-long path
 * parameter) bypass the error handler; without this they would leave as Fastify's own JSON.
 * They bypass every hook as well, so the security headers are set here.
 */
export function answerFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  setBaseHeaders(req, reply);
  const code = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? HttpErrors['http.uri_too_long'] : HttpErrors['http.bad_request'];
  void sendProblem(reply, { ...problemFor(code, requestLocale(req)), instance: req.url.split('?')[0] ?? '' });
}
