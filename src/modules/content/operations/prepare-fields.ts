import { AppError, englishMessage, fieldError, type FieldError } from '../../../platform/http/error-registry.js';
import { formatShanghai } from '../../../platform/i18n/format-time.js';
import { BodyTooDeepError, MAX_BODY_CHARS, MAX_BODY_NESTING, MAX_STORED_BODY_CHARS, sanitizeBody } from '../body/sanitize-body.js';
import { ContentErrors } from '../errors.js';
import { validateFields, type EditionFields } from '../metadata/validate-fields.js';

/**
 * Sanitizes the body and validates every field; throws one 400 listing all problems (each
 * with its field and a message in Chinese and English). A correction note only makes sense for a document
 * that has been public before.
 */
export function prepareFields(merged: EditionFields, ctx: { now: number; wasPublished: boolean }): EditionFields {
  const body = prepareBody(merged.bodyHtml);
  const fields: EditionFields = { ...merged, bodyHtml: body.html };
  const errors = validateFields(fields, formatShanghai(ctx.now).slice(0, 10));
  if (body.error) errors.push(body.error);
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

/**
 * The body sanitized, or why it is refused. Its length is checked on what was sent, before the
 * sanitizer runs, so the message quotes what the editor sent; the sanitizer refuses deep nesting
 * itself, at once (sanitizeBody). The stored length has a cap of its own (MAX_STORED_BODY_CHARS),
 * whose message says why the body grew.
 */
function prepareBody(sent: string): { html: string; error?: FieldError } {
  const tooLong = (length: number, max: number, zh: string, en: string): FieldError => fieldError('bodyHtml', 'content.field.too_long',
    `正文${zh}最多 ${max} 个字符（现有 ${length} 个）`, `The body${en} must be at most ${max} characters (it has ${length})`);
  if (sent.length > MAX_BODY_CHARS) return { html: '', error: tooLong(sent.length, MAX_BODY_CHARS, '', '') };
  let html: string;
  try {
    html = sanitizeBody(sent);
  } catch (err) {
    if (!(err instanceof BodyTooDeepError)) throw err;
    return {
      html: '',
      error: fieldError('bodyHtml', 'content.field.too_deep',
        `正文（bodyHtml）的标签嵌套超过 ${MAX_BODY_NESTING} 层（如大量未闭合的 <b>、<span>），请检查粘贴的内容后重试`,
        `The body (bodyHtml) nests elements more than ${MAX_BODY_NESTING} levels deep (many unclosed tags such as <b> or <span>); check the pasted content`),
    };
  }
  if (html.length > MAX_STORED_BODY_CHARS) {
    return { html, error: tooLong(html.length, MAX_STORED_BODY_CHARS, '经安全清理（补全标签、转义 &、<、> 等字符）后', ' after sanitizing (tags completed, &, < and > escaped)') };
  }
  return { html };
}
