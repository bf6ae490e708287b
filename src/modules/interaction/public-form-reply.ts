import type { FastifyReply } from 'fastify';
import { AppError } from '../../platform/http/error-registry.js';
import { problemFor } from '../../platform/http/problem.js';
import { translateValidation } from '../../platform/http/validation-errors.js';
import { PUBLIC_SECURITY_HEADERS } from '../delivery/index.js';
import { SubmissionValidationError } from './read-submission.js';

/** A refusal as the form shows it: the message, and each field's message. Never the submitted values. */
export function formError(err: unknown): { status: number; error: string; errors: string[] } | null {
  if (err instanceof AppError) {
    const p = problemFor(err.code, 'zh-CN', err.params, err.fieldErrors);
    return { status: p.status, error: p.detail, errors: err.fieldErrors.map((f) => f.message) };
  }
  if (err instanceof SubmissionValidationError) {
    return { status: 400, error: '提交的内容有误，请按提示修改后重新提交。', errors: translateValidation(err.validation, undefined, 'zh-CN').map((e) => e.message) };
  }
  return null;
}

/** A public page answer: never cached, the public headers; null is the site's 404. */
export function sendPage(reply: FastifyReply, status: number, html: string | null): FastifyReply {
  return reply.code(html === null ? 404 : status).headers(PUBLIC_SECURITY_HEADERS).header('cache-control', 'no-store')
    .type('text/html; charset=utf-8').send(html ?? '');
}
