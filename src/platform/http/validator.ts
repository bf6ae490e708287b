import type { FastifyInstance } from 'fastify';
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';

const base: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false };

/**
 * Two validators: query strings, params and headers arrive as text and are coerced
 * (`?page=2` → 2); JSON bodies already have types, so a wrong type there is an error
 * (`"orgId": true` must not become org 1).
 */
export function installValidators(app: FastifyInstance): void {
  const coercing = new Ajv({ ...base, coerceTypes: 'array' });
  const strict = new Ajv({ ...base, coerceTypes: false });
  addFormats.default(coercing);
  addFormats.default(strict);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
}
