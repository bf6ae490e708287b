import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './error-registry.js';
import { HttpErrors } from './errors.js';
import { requestLocale } from './problem.js';
import { fieldLabel } from '../i18n/field-names.js';

function isPlainData(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

function refuse(req: FastifyRequest, field: string): never {
  const locale = requestLocale(req);
  const label = fieldLabel(field, locale);
  const message = locale === 'en' ? `Unknown field "${label}"` : `不允许的字段“${label}”`;
  throw new AppError(HttpErrors['http.validation'], { summary: message }, [{ field, code: 'validation.additionalProperties', message }]);
}

/**
 * A route of the API that declares no query or no body schema takes none: a parameter or a
 * field sent to it is refused like an unknown key of a declared schema (`http.validation`), not
 * silently dropped — a filter the client believes applied, or a field it believes saved, would
 * otherwise pass unnoticed. Pages and files (not under /api/v1/, nor the API documentation's
 * viewer) read their own query.
 */
export function installUndeclaredInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (req, _reply, done) => {
    try {
      // By the route matched, not the address: an unknown /api/v1/ path reaches the pages' catch-all and stays a 404.
      if (req.routeOptions.url?.startsWith('/api/v1/')) {
        const schema = req.routeOptions.schema;
        if (!schema?.querystring) {
          const first = Object.keys((req.query ?? {}) as object)[0];
          if (first !== undefined) refuse(req, `querystring.${first === '' ? '(root)' : first}`);
        }
        if (!schema?.body && !req.routeOptions.config.bodyReadByHandler && req.body !== undefined) {
          // An empty object (what clients send for "no body") passes; anything else was meant to say something.
          const body: unknown = req.body;
          // A JSON scalar says something too; a Buffer or stream is a body some parser kept for the handler.
          const first = isPlainData(body) ? (Array.isArray(body) ? (body.length > 0 ? '(root)' : undefined) : Object.keys(body)[0])
            : body === null || typeof body === 'object' ? undefined : '(root)';
          if (first !== undefined) refuse(req, first);
        }
      }
    } catch (err) {
      done(err as Error);
      return;
    }
    done();
  });
}
