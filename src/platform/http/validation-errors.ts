import type { FieldError } from './error-registry.js';
import { fieldLabel } from '../i18n/field-names.js';
import type { Locale } from '../i18n/locale.js';
import { VISIBLE_PATTERN } from './schema.js';

/** The subset of an Ajv error that Fastify hands to the error handler. */
export interface AjvLikeError {
  readonly instancePath?: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

function fieldOf(e: AjvLikeError): string {
  const base = (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const extra = e.keyword === 'required' ? String(e.params.missingProperty ?? '')
    : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty ?? '') : '';
  return [base, extra].filter(Boolean).join('.') || '(root)';
}

function describe(e: AjvLikeError, label: string, locale: Locale): string {
  const p = e.params;
  if (e.keyword === 'pattern' && p.pattern === VISIBLE_PATTERN) return locale === 'zh-CN' ? `字段${label}不能为空白` : `Field ${label} must not be blank`;
  const zh: Record<string, () => string> = {
    required: () => `缺少必填字段${label}`,
    additionalProperties: () => `不允许的字段${label}`,
    type: () => `字段${label}的类型应为${String(p.type)}`,
    minLength: () => `字段${label}至少需要 ${String(p.limit)} 个字符`,
    maxLength: () => `字段${label}最多 ${String(p.limit)} 个字符`,
    minimum: () => `字段${label}不能小于 ${String(p.limit)}`,
    maximum: () => `字段${label}不能大于 ${String(p.limit)}`,
    pattern: () => `字段${label}的格式不正确`,
    format: () => `字段${label}的格式不正确（应为 ${String(p.format)}）`,
    enum: () => `字段${label}的取值不在允许范围内`,
    const: () => `字段${label}的取值不在允许范围内`,
    minItems: () => `字段${label}至少需要 ${String(p.limit)} 项`,
    maxItems: () => `字段${label}最多 ${String(p.limit)} 项`,
  };
  if (locale === 'zh-CN') return (zh[e.keyword] ?? (() => `字段${label}无效`))();
  if (e.keyword === 'required') return `Missing required field ${label}`;
  if (e.keyword === 'additionalProperties') return `Unknown field ${label}`;
  return `Field ${label} ${e.message ?? 'is invalid'}`;
}

export function translateValidation(errors: readonly AjvLikeError[], context: string | undefined, locale: Locale): FieldError[] {
  return errors.map((e) => {
    const field = fieldOf(e);
    const label = fieldLabel(field, locale);
    const where = context && context !== 'body' ? `${context}.` : '';
    return { field: `${where}${field}`, code: `validation.${e.keyword}`, message: describe(e, locale === 'zh-CN' ? `“${label}”` : `"${label}"`, locale) };
  });
}
