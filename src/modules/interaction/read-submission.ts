import type { FastifyRequest } from 'fastify';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { TSchema } from 'typebox';
import { AppError } from '../../platform/http/error-registry.js';
import { HttpErrors } from '../../platform/http/errors.js';
import { problemFor } from '../../platform/http/problem.js';
import { VISIBLE_PATTERN } from '../../platform/http/schema.js';
import { checkRequestText, withoutForbiddenText } from '../../platform/http/text-guard.js';
import { translateValidation } from '../../platform/http/validation-errors.js';
import { InteractionErrors } from './errors.js';
import { formatBytes, MAX_LETTER_ATTACHMENTS, type UploadedFile } from './letter-files.js';
import { citizenFeedbackSchema, LetterFields, type LetterFieldsInput } from './letters.schemas.js';
import type { CitizenFeedbackInput } from './operations/citizen-feedback.js';
import { validateLetter, type LetterText } from './validate-letter.js';

const base = { removeAdditional: false, useDefaults: true, strict: false } as const;

/** A form field that is a number (an id, a clause number) is sent as plain decimal digits: `0x10`, `1e3`, ` 16` or `16abc` is no number. */
const DECIMAL = /^-?\d+$/;

/**
 * Validators of one submission schema: form fields arrive as text (`mailboxId=3`) and are
 * coerced, empty optional inputs count as not given; JSON already has types and is not coerced.
 * `allErrors` reports every field's problem at once (the public forms: a visitor without
 * JavaScript mends them all in one go) instead of the first one.
 */
export function submissionValidator<T>(schema: TSchema, optional: ReadonlySet<string>, { allErrors = false }: { allErrors?: boolean } = {}): { form(fields: Readonly<Record<string, string>>): T; json(body: unknown): T } {
  const checkForm: ValidateFunction = new Ajv({ ...base, allErrors, coerceTypes: true }).compile(schema);
  const checkJson: ValidateFunction = new Ajv({ ...base, allErrors, coerceTypes: false }).compile(schema);
  const properties = (schema as { properties?: Readonly<Record<string, { type?: unknown }>> }).properties ?? {};
  const numeric = new Set(Object.entries(properties).filter(([, s]) => s.type === 'integer' || s.type === 'number').map(([k]) => k));
  return {
    form(fields) {
      const candidate: Record<string, unknown> = {};
      // Coercion would read `0x10` as 16 and `1e3` as 1000: such a value is refused as not a number.
      const notNumbers: ErrorObject[] = [];
      for (const [k, v] of Object.entries(fields)) {
        if (optional.has(k) && v.trim() === '') continue;
        if (numeric.has(k) && !DECIMAL.test(v)) {
          notNumbers.push({ instancePath: `/${k}`, schemaPath: `#/properties/${k}/type`, keyword: 'type', params: { type: 'integer' }, message: 'must be integer' });
        } else {
          candidate[k] = v;
        }
      }
      const ok = checkForm(candidate);
      if (ok && notNumbers.length === 0) return candidate as T;
      const refused = new Set(notNumbers.map((e) => e.instancePath.slice(1)));
      // The value left out above is reported as not a number, not as missing.
      const rest = (ok ? [] : checkForm.errors ?? []).filter((e) => !(e.keyword === 'required' && refused.has(String(e.params.missingProperty))));
      throw new SubmissionValidationError(allErrors ? [...notNumbers, ...rest] : [...notNumbers, ...rest].slice(0, 1));
    },
    json(body) {
      const candidate = body ?? {};
      if (!checkJson(candidate)) throw new SubmissionValidationError(checkJson.errors ?? []);
      return candidate as T;
    },
  };
}

/**
 * A form checked against its schema with the refusal kept rather than thrown: a form page shows
 * the schema's problems together with those its own rules find.
 */
export function schemaChecked<T>(check: (fields: Readonly<Record<string, string>>) => T, fields: Readonly<Record<string, string>>): { readonly input: T | null; readonly error: SubmissionValidationError | null } {
  try {
    return { input: check(fields), error: null };
  } catch (err) {
    if (!(err instanceof SubmissionValidationError)) throw err;
    return { input: null, error: err };
  }
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

/**
 * One field's message on a form page. `field` is the form field's name, so the theme can put
 * the message beside its input; printed as it is, it is the message (a theme override older
 * than per-field messages lists `{{ e }}` and still shows the text).
 */
export class FieldMessage {
  constructor(readonly field: string, readonly message: string) {}
  toString(): string {
    return this.message;
  }
}

/** A form refused for its fields: the schema's errors (none when only a business rule refused) and every field's message. */
export class FieldProblemsError extends SubmissionValidationError {
  constructor(errors: readonly ErrorObject[], readonly problems: readonly FieldMessage[]) {
    super(errors);
  }
}

/** How a form names its fields to the visitor; a choice (select, radio buttons) is asked for with 请选择. */
export type FormLabels = Readonly<Record<string, { readonly label: string; readonly choice?: boolean }>>;

function ajvMessage(e: ErrorObject, field: string, labels: FormLabels): string {
  const l = labels[field];
  if (!l) return translateValidation([e], undefined, 'zh-CN')[0]?.message ?? '提交的内容有误';
  const ask = l.choice ? `请选择${l.label}` : `请填写${l.label}`;
  switch (e.keyword) {
    case 'required': return ask;
    case 'minLength': return Number(e.params.limit) <= 1 ? ask : `${l.label}至少 ${String(e.params.limit)} 个字`;
    case 'maxLength': return `${l.label}不能超过 ${String(e.params.limit)} 字`;
    case 'pattern': return e.params.pattern === VISIBLE_PATTERN ? ask : `${l.label}的格式不正确`;
    default: return l.choice ? ask : `${l.label}填写有误`;
  }
}

/**
 * A refusal's problems, at most one per field, worded with the form's own labels (the schema's
 * messages name the API's fields). A business refusal is placed on the field `codeFields` gives
 * its code (or the one it names itself); without one it is an empty list (the page's summary says it).
 */
export function formProblems(err: unknown, labels: FormLabels, codeFields: Readonly<Record<string, string>> = {}): FieldMessage[] {
  const out = new Map<string, FieldMessage>();
  const add = (field: string, message: string) => { if (!out.has(field)) out.set(field, new FieldMessage(field, message)); };
  if (err instanceof SubmissionValidationError) {
    for (const e of err.validation) {
      const at = e.instancePath.split('/').slice(1).join('.');
      const field = e.keyword === 'required' ? String(e.params.missingProperty ?? '')
        : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty ?? '') : at;
      add(field, ajvMessage(e, field, labels));
    }
  } else if (err instanceof AppError) {
    for (const f of err.fieldErrors) {
      const l = labels[f.field];
      add(f.field, l && f.code === 'validation.characters' ? `${l.label}含有不允许的字符` : f.message);
    }
    if (err.fieldErrors.length === 0) {
      const named = typeof err.params.field === 'string' ? err.params.field : undefined;
      const field = codeFields[err.code] ?? named ?? Object.entries(codeFields).find(([code]) => code.endsWith('.*') && err.code.startsWith(code.slice(0, -1)))?.[1];
      if (field !== undefined) add(field, problemFor(err.code, 'zh-CN', err.params).detail);
    }
  }
  return [...out.values()];
}

/**
 * The summary above a refused form: how many fields to mend when each is listed beside its input
 * (the refusal's own message is then one of them), else the refusal's message.
 */
export function refusalSummary(error: string, problems: readonly FieldMessage[]): string {
  const listed = problems.some((p) => p.message.includes(error)) || error.startsWith('提交的内容有误');
  return problems.length > 0 && listed ? `提交的内容有 ${problems.length} 处需要修改，请按提示修改后重新提交。` : error;
}

export interface RawForm {
  readonly fields: Readonly<Record<string, string>>;
  readonly files: readonly UploadedFile[];
}

/** A form post as far as it was read: filled in as the parts arrive, so whatever stops the reading, what was typed is known. */
export interface FormTrace {
  readonly fields: Record<string, string>;
  /** File parts with a name (a chosen file), kept or not. */
  fileCount: number;
}

export const newFormTrace = (): FormTrace => ({ fields: {}, fileCount: 0 });

/**
 * The file count is ours to limit (the parser's limit would end the reading at once), and a file
 * over the size limit is only cut short, not thrown (the plugin reads `throwFileSizeLimit` per
 * call, though its type does not say so); the `parts` limit of the route still bounds the form.
 */
const READ_ON = { throwFileSizeLimit: false, limits: { files: Infinity } };

/**
 * What a form may hold besides its files: every text field at its limit in 4-byte characters,
 * with the multipart framing, fits many times over.
 */
const TEXT_BYTES = 1024 * 1024;

/**
 * A form is read only when its declared length is within what it may hold (`budget`): reading on
 * past a refused file (readMultipartForm) must not mean reading whatever a client sends, and a
 * file over the size limit is still read to its end by the parser (only its bytes are dropped).
 * The HTTP parser holds the body to its Content-Length, so the declared length bounds the read.
 * Browsers always declare it for a form; a chunked body (no length) is refused (411).
 */
function checkDeclaredSize(req: FastifyRequest, budget: number): void {
  const declared = Number(req.headers['content-length']);
  if (req.headers['transfer-encoding'] !== undefined || !Number.isSafeInteger(declared)) throw new AppError(InteractionErrors['interaction.form.length_required']);
  if (declared > budget) throw new AppError(InteractionErrors['interaction.form.too_large'], { limit: formatBytes(Math.max(0, budget - TEXT_BYTES)) });
}

export interface ReadOptions {
  /** False: files are drained and dropped (a text-only form); nothing is refused for them. */
  readonly withFiles?: boolean;
  readonly trace?: FormTrace;
  /** Stop at a refused file (the API: its answer needs nothing else from the body). */
  readonly stopAtRefusal?: boolean;
}

/**
 * Reads a multipart form: text fields, and up to MAX_LETTER_ATTACHMENTS files, each held to the
 * size limit while it streams in (nothing is written anywhere). A file input left empty sends a
 * nameless empty part, which is skipped; so is every file when `withFiles` is false (drained, not kept).
 *
 * A file over the limit, or one too many, does not stop the reading: the rest of the form is
 * read (later files drained, never kept) so that the refusal, in `refusal`, comes with every text
 * field the visitor typed, the ones after the file input too. What else stops it (a malformed
 * body, too many parts) throws, with the fields read so far in `trace`.
 */
export async function readMultipartForm(req: FastifyRequest, maxBytes: number, { withFiles = true, trace = newFormTrace(), stopAtRefusal = false }: ReadOptions = {}): Promise<RawForm & { readonly refusal: AppError | null }> {
  checkDeclaredSize(req, withFiles ? MAX_LETTER_ATTACHMENTS * maxBytes + TEXT_BYTES : TEXT_BYTES);
  const fields = trace.fields;
  let files: UploadedFile[] = [];
  let refusal: AppError | null = null;
  try {
    for await (const part of req.parts(READ_ON)) {
      if (part.type === 'file') {
        if (!part.filename) {
          part.file.resume();
          continue;
        }
        trace.fileCount += 1;
        if (!withFiles || refusal) {
          part.file.resume();
          continue;
        }
        if (trace.fileCount > MAX_LETTER_ATTACHMENTS) {
          part.file.resume();
          refusal = new AppError(InteractionErrors['interaction.attachment.too_many'], { max: MAX_LETTER_ATTACHMENTS });
          files = [];
          if (stopAtRefusal) break;
          continue;
        }
        const bytes = await part.toBuffer();
        if (part.file.truncated) {
          refusal = new AppError(InteractionErrors['interaction.attachment.too_large'], { n: trace.fileCount, limit: formatBytes(maxBytes) });
          files = [];
          if (stopAtRefusal) break;
          continue;
        }
        files.push({ fileName: part.filename, bytes });
      } else if (typeof part.value === 'string' && !Object.hasOwn(fields, part.fieldname)) {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(HttpErrors['http.bad_request']);
  }
  if (refusal && stopAtRefusal) return { fields, files, refusal };
  // The platform's text guard sees only parsed bodies: NUL or a lone surrogate in a field gets its 400 here.
  checkRequestText(req, 'body', fields);
  return { fields, files, refusal };
}

/** readMultipartForm refusing at once: a refused file is the answer (413 or 400; problem+json from the API). */
export async function readMultipart(req: FastifyRequest, maxBytes: number, options: ReadOptions = {}): Promise<RawForm> {
  const { fields, files, refusal } = await readMultipartForm(req, maxBytes, { stopAtRefusal: true, ...options });
  if (refusal) throw refusal;
  return { fields, files };
}

/** How long a page refused before its handler waits for a small form's body (readUnreadBody). */
const SMALL_READ_MS = 2_000;

/**
 * The body of a request refused before its handler read it (over the rate limit, a hook), when
 * it is of `type`, declares a length and is no larger than `maxBytes`: the form page should give
 * the visitor back what they typed. Null otherwise, or when it is not all there within
 * SMALL_READ_MS (a client over its limit does not hold the answer by sending slowly).
 */
export async function readUnreadBody(req: FastifyRequest, type: RegExp, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (!type.test(req.headers['content-type'] ?? '') || !Number.isSafeInteger(declared) || declared <= 0 || declared > maxBytes || req.raw.readableEnded) return null;
  const read = async (): Promise<Buffer | null> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req.raw as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) return null;
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([read(), new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), SMALL_READ_MS); })]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

const MULTIPART = /^multipart\/form-data;/i;

/**
 * The text fields of a multipart form post refused before it was read (readUnreadBody). Files are
 * dropped; values are scrubbed of what the text guard refuses (withoutForbiddenText).
 */
export async function readSmallFormFields(req: FastifyRequest, maxBytes: number): Promise<Record<string, string> | null> {
  const body = await readUnreadBody(req, MULTIPART, maxBytes);
  if (body === null) return null;
  try {
    const form = await new Response(body, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
    const fields: Record<string, string> = {};
    for (const [k, v] of form.entries()) {
      if (typeof v === 'string' && !Object.hasOwn(fields, k)) fields[k] = withoutForbiddenText(v);
    }
    return fields;
  } catch {
    return null;
  }
}

const letterFields = submissionValidator<LetterFieldsInput>(LetterFields, new Set(['email', 'idNumber', 'address', 'idempotencyKey', 'altcha']), { allErrors: true });
const feedbackFields = submissionValidator<CitizenFeedbackInput>(citizenFeedbackSchema.body, new Set(), { allErrors: true });

/** The letter form's labels, as the theme's form shows them. */
export const LETTER_FORM_LABELS: FormLabels = {
  mailboxId: { label: '收信信箱', choice: true }, letterType: { label: '信件类型', choice: true }, visibility: { label: '是否公开', choice: true },
  subject: { label: '标题' }, body: { label: '内容' }, name: { label: '姓名' }, phone: { label: '联系电话' }, email: { label: '电子邮箱' },
  idNumber: { label: '身份证号码' }, address: { label: '通讯地址' },
};

/** Where the letter's business refusals belong on the form. */
export const LETTER_CODE_FIELDS: Readonly<Record<string, string>> = {
  'interaction.phone.bad_format': 'phone', 'interaction.email.bad_format': 'email', 'interaction.id_number.bad_format': 'idNumber',
  'interaction.mailbox.unavailable': 'mailboxId', 'interaction.attachment.*': 'attachments',
};

/** Stand-ins that pass validateLetter, for a field already found wrong, so that the next wrong one shows. */
const PASSING: Readonly<Record<string, string | undefined>> = { subject: '-', body: '-', name: '-', phone: '12345', email: undefined, idNumber: undefined, address: undefined };

/**
 * The letter form checked as a whole: the schema (every field) and then the letter's own rules
 * (blank text, phone, email and ID number formats, validate-letter.ts: run again with each
 * field found wrong replaced, so every wrong field is found, by the same rules as the submit).
 * Refused with a SubmissionValidationError whose `problems` the form page shows beside the fields.
 */
export function validateLetterForm(fields: Readonly<Record<string, string>>): LetterFieldsInput {
  const { input, error: schemaError } = schemaChecked(letterFields.form, fields);
  const problems = schemaError ? formProblems(schemaError, LETTER_FORM_LABELS) : [];
  const wrong = new Set(problems.map((p) => p.field));
  let candidate: Record<string, unknown> = { ...fields };
  for (const f of wrong) if (Object.hasOwn(PASSING, f)) candidate[f] = PASSING[f];
  for (let i = 0; i <= Object.keys(PASSING).length; i++) {
    try {
      validateLetter(candidate as unknown as LetterText);
      break;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const found = formProblems(err, LETTER_FORM_LABELS, LETTER_CODE_FIELDS)[0];
      if (!found || !Object.hasOwn(PASSING, found.field)) break;
      if (!wrong.has(found.field)) problems.push(found);
      wrong.add(found.field);
      candidate = { ...candidate, [found.field]: PASSING[found.field] };
    }
  }
  if (input && problems.length === 0) return input;
  throw new FieldProblemsError(schemaError?.validation ?? [], problems);
}

/** The form's fields against the letter schema; empty optional inputs count as not given. */
export function validateFormFields(fields: Readonly<Record<string, string>>): LetterFieldsInput {
  return letterFields.form(fields);
}

export function validateJsonFields(body: unknown): LetterFieldsInput {
  return letterFields.json(body);
}

/** The look-up page's follow-up forms as the page names their fields. */
export const FEEDBACK_FORM_LABELS: FormLabels = {
  text: { label: '补充内容' }, satisfaction: { label: '您对答复的评价', choice: true }, reason: { label: '理由' },
};

export const FEEDBACK_CODE_FIELDS: Readonly<Record<string, string>> = { 'interaction.letter.reason_required': 'reason' };

/** The look-up page's follow-up forms (supplement, rate, reopen) against the feedback API's schema. */
export function validateFeedbackFields(fields: Readonly<Record<string, string>>): CitizenFeedbackInput {
  // Not coerced, as the API's JSON: every field of these forms is text.
  return feedbackFields.json({ ...fields });
}
