import { AppError, englishMessage, fieldError } from '../../../platform/http/error-registry.js';
import { formatShanghai } from '../../../platform/i18n/format-time.js';
import { sanitizeBody } from '../body/sanitize-body.js';
import { ContentErrors } from '../errors.js';
import { validateFields, type EditionFields } from '../metadata/validate-fields.js';

/**
 * Sanitizes the body and validates every field; throws one 400 listing all problems (each
 * with its field and a message in Chinese and English). A correction note only makes sense for a document
 * that has been public before.
 */
export function prepareFields(merged: EditionFields, ctx: { now: number; wasPublished: boolean }): EditionFields {
  const fields: EditionFields = { ...merged, bodyHtml: sanitizeBody(merged.bodyHtml) };
  const errors = validateFields(fields, formatShanghai(ctx.now).slice(0, 10));
  if (fields.correctionNote !== null && !ctx.wasPublished) {
    errors.push(fieldError('correctionNote', 'content.field.not_allowed', '稿件尚未发布过，不需要填写更正说明', 'The document has never been published, so it needs no correction note'));
  }
  if (errors.length > 0) {
    const summary = errors.map((e) => e.message).join('；');
    const summaryEn = errors.map(englishMessage).join('; ');
    throw new AppError(ContentErrors['content.document.invalid'], { summary, summaryEn }, errors);
  }
  return fields;
}
