import type { FastifyRequest } from 'fastify';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { TSchema } from 'typebox';
import { AppError } from '../../platform/http/error-registry.js';
import { HttpErrors } from '../../platform/http/errors.js';
import { checkRequestText } from '../../platform/http/text-guard.js';
import { InteractionErrors } from './errors.js';
import { formatBytes, MAX_LETTER_ATTACHMENTS, type UploadedFile } from './letter-files.js';
import { citizenFeedbackSchema, LetterFields, type LetterFieldsInput } from './letters.schemas.js';
import type { CitizenFeedbackInput } from './operations/citizen-feedback.js';

const base = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const;

/**
 * Validators of one submission schema: form fields arrive as text (`mailboxId=3`) and are
 * coerced, empty optional inputs count as not given; JSON already has types and is not coerced.
 */
export function submissionValidator<T>(schema: TSchema, optional: ReadonlySet<string>): { form(fields: Readonly<Record<string, string>>): T; json(body: unknown): T } {
  const checkForm: ValidateFunction = new Ajv({ ...base, coerceTypes: true }).compile(schema);
  const checkJson: ValidateFunction = new Ajv({ ...base, coerceTypes: false }).compile(schema);
  return {
    form(fields) {
      const candidate: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(fields)) if (!(optional.has(k) && v.trim() === '')) candidate[k] = v;
      if (!checkForm(candidate)) throw new SubmissionValidationError(checkForm.errors ?? []);
      return candidate as T;
    },
    json(body) {
      const candidate = body ?? {};
      if (!checkJson(candidate)) throw new SubmissionValidationError(checkJson.errors ?? []);
      return candidate as T;
    },
  };
}

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

const letterFields = submissionValidator<LetterFieldsInput>(LetterFields, new Set(['email', 'idNumber', 'address', 'idempotencyKey', 'altcha']));
const feedbackFields = submissionValidator<CitizenFeedbackInput>(citizenFeedbackSchema.body, new Set());

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

/** The form's fields against the letter schema; empty optional inputs count as not given. */
export function validateFormFields(fields: Readonly<Record<string, string>>): LetterFieldsInput {
  return letterFields.form(fields);
}

export function validateJsonFields(body: unknown): LetterFieldsInput {
  return letterFields.json(body);
}

/** The look-up page's follow-up forms (supplement, rate, reopen) against the feedback API's schema. */
export function validateFeedbackFields(fields: Readonly<Record<string, string>>): CitizenFeedbackInput {
  // Not coerced, as the API's JSON: every field of these forms is text.
  return feedbackFields.json({ ...fields });
}
