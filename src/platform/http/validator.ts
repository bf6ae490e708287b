import type { FastifyInstance } from 'fastify';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const base: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false };

/**
 * Two validators: query strings, params and headers arrive as text and are coerced
 * (`?page=2` → 2); JSON bodies already have types, so a wrong type there is an error
 * (`"orgId": true` must not become org 1).
 *
 * Compiled once per process and schema text: the routes' schemas are rebuilt for each app, and
 * many routes share one (ids, paging), so a second app in the process (tests build one per
 * engine) and the shared schemas of the first reuse the compiled code instead of compiling
 * again (compiling took about half a second of each app's start). No schema has an `$id`, so
 * equal text means the same validator. A validator is called and its `errors` read
 * synchronously, so sharing one between apps is safe.
 */
let shared: { readonly coercing: Ajv; readonly strict: Ajv; readonly compiled: Map<string, ValidateFunction> } | null = null;

function validators(): NonNullable<typeof shared> {
  if (!shared) {
    const coercing = new Ajv({ ...base, coerceTypes: 'array' });
    const strict = new Ajv({ ...base, coerceTypes: false });
    addFormats.default(coercing);
    addFormats.default(strict);
    shared = { coercing, strict, compiled: new Map() };
  }
  return shared;
}

export function installValidators(app: FastifyInstance): void {
  const { coercing, strict, compiled } = validators();
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const body = httpPart === 'body';
    const key = `${body ? 'body' : 'text'}:${JSON.stringify(schema)}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = (body ? strict : coercing).compile(schema);
      compiled.set(key, validate);
    }
    return validate;
  });
}
