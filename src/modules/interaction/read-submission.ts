import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { AppError } from '../../platform/http/error-registry.js';
import { HttpErrors } from '../../platform/http/errors.js';
import { checkRequestText } from '../../platform/http/text-guard.js';
import { InteractionErrors } from './errors.js';
import { formatBytes, MAX_LETTER_ATTACHMENTS, type UploadedFile } from './letter-files.js';
import { LetterFields, type LetterFieldsInput } from './letters.schemas.js';

const base = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const;
// JSON already has types, so it is not coerced (form fields are: formValidator).
const checkJson: ValidateFunction = new Ajv({ ...base, coerceTypes: false }).compile(LetterFields);

/** Refused like a body that failed its route schema: the error handler turns it into http.validation with field names. */
export class SubmissionValidationError extends Error {
  readonly validation: readonly ErrorObject[];
  readonly validationContext = 'body';
  readonly statusCode = 400;
  constructor(errors: readonly ErrorObject[]) {
    super('letter validation failed');
    this.validation = errors;
  }
}

export interface RawForm {
  readonly fields: Readonly<Record<string, string>>;
  readonly files: readonly UploadedFile[];
}

const OPTIONAL = new Set(['email', 'idNumber', 'address', 'idempotencyKey', 'altcha']);

/**
 * Reads a multipart form: text fields, and up to MAX_LETTER_ATTACHMENTS files, each held to the
 * size limit while it streams in (nothing is written anywhere). A file input left empty sends a
 * nameless empty part, which is skipped; so is every file when `withFiles` is false (drained, not kept).
 */
export async function readMultipart(req: FastifyRequest, maxBytes: number, { withFiles = true }: { withFiles?: boolean } = {}): Promise<RawForm> {
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (!part.filename || !withFiles) {
          part.file.resume();
          continue;
        }
        const bytes = await part.toBuffer();
        if (part.file.truncated) throw new AppError(InteractionErrors['interaction.attachment.too_large'], { n: files.length + 1, limit: formatBytes(maxBytes) });
        files.push({ fileName: part.filename, bytes });
      } else if (typeof part.value === 'string' && !(part.fieldname in fields)) {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(InteractionErrors['interaction.attachment.too_large'], { n: files.length + 1, limit: formatBytes(maxBytes) });
    if (code === 'FST_FILES_LIMIT') throw new AppError(InteractionErrors['interaction.attachment.too_many'], { max: MAX_LETTER_ATTACHMENTS });
    throw new AppError(HttpErrors['http.bad_request']);
  }
  // The platform's text guard sees only parsed bodies: NUL or a lone surrogate in a field gets its 400 here.
  checkRequestText(req, 'body', fields);
  return { fields, files };
}

/**
 * A validator of a form's text fields against a TypeBox schema, with coercion (`clauseNo=3`);
 * empty optional inputs count as not given. Refusals read like a body that failed its route schema.
 */
export function formValidator<T>(schema: TSchema, optional: ReadonlySet<string>): (fields: Readonly<Record<string, string>>) => T {
  const check: ValidateFunction = new Ajv({ ...base, coerceTypes: true }).compile(schema);
  return (fields) => {
    const candidate: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) if (!(optional.has(k) && v.trim() === '')) candidate[k] = v;
    if (!check(candidate)) throw new SubmissionValidationError(check.errors ?? []);
    return candidate as T;
  };
}

/** The letter form's fields against the letter schema. */
export const validateFormFields = formValidator<LetterFieldsInput>(LetterFields, OPTIONAL);

export function validateJsonFields(body: unknown): LetterFieldsInput {
  const candidate = body ?? {};
  if (!checkJson(candidate)) throw new SubmissionValidationError(checkJson.errors ?? []);
  return candidate as LetterFieldsInput;
}
