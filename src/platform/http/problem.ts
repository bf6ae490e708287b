import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppError, formatMessage, localizeFieldErrors, lookupError, type FieldError, type SentFieldError } from './error-registry.js';
import { pickLocale, type Locale } from '../i18n/locale.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: readonly SentFieldError[];
}

export function requestLocale(req: FastifyRequest): Locale {
  const fallback = (req.server as { jiyueDefaultLocale?: Locale }).jiyueDefaultLocale ?? 'zh-CN';
  return pickLocale(req.headers['accept-language'], fallback);
}

/**
 * Builds the problem+json document for a registered code. Internal details never leak. Each
 * field error leaves as `{ field, code, message }`, its message in `locale` (the English one
 * when the module gave it, see FieldError).
 */
export function problemFor(code: string, locale: Locale, params: Readonly<Record<string, string | number>> = {},
  errors: readonly FieldError[] = []): Problem {
  const def = lookupError(code) ?? lookupError('http.internal');
  const message = def ? formatMessage(locale === 'en' ? def.en : def.zh, params) : 'Error';
  return {
    type: `https://jiyue.gov.cn/problems/${code}`,
    title: message,
    status: def?.status ?? 500,
    detail: message,
    code: lookupError(code) ? code : 'http.internal',
    ...(errors.length > 0 ? { errors: localizeFieldErrors(errors, locale) } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

export function sendAppError(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  return sendProblem(reply, { ...problemFor(err.code, requestLocale(req), err.params, err.fieldErrors), instance: req.url.split('?')[0] ?? '' });
}
