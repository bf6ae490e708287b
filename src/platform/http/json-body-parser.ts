import type { FastifyInstance } from 'fastify';
import { AppError } from './error-registry.js';
import { HttpErrors } from './errors.js';

/** Marks a poisoning key so it is told apart from plain malformed JSON. */
class ForbiddenKeyError extends Error {}

function refusePoisonedKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || (key === 'constructor' && value !== null && typeof value === 'object' && Object.hasOwn(value, 'prototype'))) {
    throw new ForbiddenKeyError(key);
  }
  return value;
}

/**
 * JSON bodies. Fastify 5's own parser turns a `__proto__` / `constructor.prototype` refusal into
 * the generic "invalid JSON" error, so clients could not tell an injected key from a typo; this
 * parser answers http.forbidden_key for those and http.bad_json for everything else.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string, refusePoisonedKeys));
    } catch (err) {
      done(new AppError(err instanceof ForbiddenKeyError ? HttpErrors['http.forbidden_key'] : HttpErrors['http.bad_json']), undefined);
    }
  });
}
