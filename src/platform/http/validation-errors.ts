import type { FieldError } from './error-registry.js';
import { fieldLabel } from '../i18n/field-names.js';
import type { Locale } from '../i18n/locale.js';
import { VISIBLE_PATTERN } from './schema.js';

/** The subset of an Ajv error that Fastify hands to the error handler. */
export interface AjvLikeError {
  readonly instancePath?: string;
  /** Tells a union's alternatives apart (`#/properties/sort/anyOf/1/const`); Ajv always sets it. */
  readonly schemaPath?: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
  /** Set by Ajv on the errors of a `propertyNames` schema: the object key that failed it. */
  readonly propertyName?: string;
}

/**
 * What gets reported: an Ajv error as it is, or a failed union reduced to what it would have
 * accepted. Ajv reports a union as one error per alternative plus `anyOf`; users want one line.
 */
type Finding =
  | { readonly kind: 'error'; readonly error: AjvLikeError }
  | { readonly kind: 'union'; readonly union: AjvLikeError; readonly values: readonly unknown[]; readonly types: readonly string[] };

const ROOT = '(root)';

/** JSON-pointer path → dotted field name (`/questions/0/title` → `questions.0.title`). */
function pathField(instancePath: string | undefined): string {
  return (instancePath ?? '').split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

function fieldOf(f: Finding): string {
  if (f.kind === 'union') return pathField(f.union.instancePath) || ROOT;
  const e = f.error;
  const base = pathField(e.instancePath);
  const extra = e.keyword === 'required' ? String(e.params.missingProperty ?? '')
    : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty ?? '') : '';
  return [base, extra].filter(Boolean).join('.') || ROOT;
}

const depthOf = (f: Finding): number => { const field = fieldOf(f); return field === ROOT ? 0 : field.split('.').length; };
const schemaPathOf = (f: Finding): string => (f.kind === 'error' ? f.error.schemaPath : f.union.schemaPath) ?? '';
const instancePathOf = (f: Finding): string => (f.kind === 'error' ? f.error.instancePath : f.union.instancePath) ?? '';

/** Ajv writes a multi-type schema's expectation as `string,null` (or an array). */
function typesOf(type: unknown): string[] {
  if (Array.isArray(type)) return type.map(String);
  return String(type ?? '').split(',').filter(Boolean);
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => { const k = key(t); if (seen.has(k)) return false; seen.add(k); return true; });
}

/**
 * The alternatives of a failed union, reduced to one finding. A literal alternative fails with a
 * `const` (and often a `type` that only restates the literal's type, so that one is dropped); a
 * type alternative fails with `type`. Any other failure means the value had the right shape for
 * some alternative and broke a deeper rule: that rule is what the user must fix.
 */
function reduceUnion(union: AjvLikeError, branches: readonly Finding[]): Finding {
  const at = union.instancePath ?? '';
  const prefix = union.schemaPath ? `${union.schemaPath}/` : null;
  const groups = new Map<string, Finding[]>();
  for (const f of branches) {
    const key = prefix ? (schemaPathOf(f).slice(prefix.length).split('/')[0] ?? '') : '';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const values: unknown[] = [];
  const types: string[] = [];
  const deeper: Finding[] = [];
  for (const group of groups.values()) {
    const literal = group.some((f) => f.kind === 'error' && instancePathOf(f) === at && (f.error.keyword === 'const' || f.error.keyword === 'enum'));
    for (const f of group) {
      if (instancePathOf(f) !== at) deeper.push(f);
      else if (f.kind === 'union') { values.push(...f.values); types.push(...f.types); }
      else if (f.error.keyword === 'const') values.push(f.error.params.allowedValue);
      else if (f.error.keyword === 'enum' && Array.isArray(f.error.params.allowedValues)) values.push(...(f.error.params.allowedValues as unknown[]));
      else if (f.error.keyword === 'type') { if (!literal) types.push(...typesOf(f.error.params.type)); }
      else deeper.push(f);
    }
  }
  if (deeper.length > 0) return deeper.reduce((best, f) => (depthOf(f) > depthOf(best) ? f : best));
  return {
    kind: 'union', union,
    values: uniqueBy(values, (v) => JSON.stringify(v) ?? String(v)),
    // null reads best last: "a string or null".
    types: uniqueBy(types, (t) => t).sort((a, b) => Number(a === 'null') - Number(b === 'null')),
  };
}

/** Ajv lists a union's alternatives before the union's own error, so each union folds what precedes it. */
function findings(errors: readonly AjvLikeError[]): Finding[] {
  let out: Finding[] = [];
  for (const e of errors) {
    // oneOf with passingSchemas set failed by matching twice: nothing to fold.
    if ((e.keyword === 'anyOf' || e.keyword === 'oneOf') && e.params.passingSchemas == null) {
      const prefix = e.schemaPath ? `${e.schemaPath}/` : null;
      const at = e.instancePath ?? '';
      const inUnion = (f: Finding): boolean => (prefix ? schemaPathOf(f).startsWith(prefix)
        : instancePathOf(f) === at || instancePathOf(f).startsWith(`${at}/`));
      const branches = out.filter(inUnion);
      out = out.filter((f) => !inUnion(f));
      out.push(reduceUnion(e, branches));
    } else {
      out.push({ kind: 'error', error: e });
    }
  }
  return out;
}

const TYPE_WORDS: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  'zh-CN': { string: '字符串', integer: '整数', number: '数字', boolean: '布尔值（true/false）', object: '对象', array: '数组', null: '空值（null）' },
  en: { string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', object: 'an object', array: 'an array', null: 'null' },
};

const FORMAT_WORDS: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  'zh-CN': {
    email: '电子邮箱地址', date: '日期，如 2024-01-31', 'date-time': '日期时间，如 2024-01-31T08:00:00+08:00', time: '时间，如 08:00:00+08:00',
    uri: '网址', url: '网址', hostname: '域名', ipv4: 'IPv4 地址', ipv6: 'IPv6 地址', uuid: 'UUID',
  },
  en: {
    email: 'an email address', date: 'a date such as 2024-01-31', 'date-time': 'a date and time such as 2024-01-31T08:00:00+08:00', time: 'a time such as 08:00:00+08:00',
    uri: 'a URL', url: 'a URL', hostname: 'a host name', ipv4: 'an IPv4 address', ipv6: 'an IPv6 address', uuid: 'a UUID',
  },
};

const typeWord = (t: string, locale: Locale): string => (Object.hasOwn(TYPE_WORDS[locale], t) ? TYPE_WORDS[locale][t]! : t);
const formatWord = (f: string, locale: Locale): string => (Object.hasOwn(FORMAT_WORDS[locale], f) ? FORMAT_WORDS[locale][f]! : f);

/** "a、b或c" / "a, b or c". */
function either(words: readonly string[], locale: Locale): string {
  if (words.length <= 1) return words[0] ?? '';
  const [last, head] = [words[words.length - 1]!, words.slice(0, -1)];
  return locale === 'en' ? `${head.join(', ')} or ${last}` : `${head.join('、')}或${last}`;
}

/** An allowed value as the user would type it; JSON only where plain text would be ambiguous. */
function showValue(v: unknown): string {
  return typeof v === 'string' && v !== '' ? v : (JSON.stringify(v) ?? String(v));
}

const n = (v: unknown): number => Number(v);
const plural = (count: unknown, one: string, many: string): string => `${String(count)} ${n(count) === 1 ? one : many}`;

/** What the message calls the failing thing: a named field, or the request part itself. */
function subjectOf(field: string, context: string | undefined, locale: Locale): { readonly subject: string; readonly name: string; readonly root: boolean } {
  const label = fieldLabel(field, locale);
  const name = locale === 'en' ? `"${label}"` : `“${label}”`;
  if (field !== ROOT) return { subject: locale === 'en' ? `Field ${name}` : `字段${name}`, name, root: false };
  const zh: Record<string, string> = { querystring: '查询参数', params: '路径参数', headers: '请求头' };
  const en: Record<string, string> = { querystring: 'The query string', params: 'The path parameters', headers: 'The request headers' };
  const part = context && Object.hasOwn(zh, context) ? context : 'body';
  return { subject: locale === 'en' ? (en[part] ?? 'The request body') : (zh[part] ?? '请求体'), name, root: part === 'body' };
}

interface Said { readonly code: string; readonly message: string }

function describeUnion(f: Extract<Finding, { kind: 'union' }>, s: string, locale: Locale): Said {
  const values = f.values.map(showValue);
  const types = f.types.map((t) => typeWord(t, locale));
  const zh = locale !== 'en';
  if (values.length === 0 && types.length === 0) return { code: `validation.${f.union.keyword}`, message: zh ? `${s}的取值不符合要求` : `${s} is invalid` };
  if (values.length === 0) return { code: 'validation.type', message: zh ? `${s}的类型应为${either(types, locale)}` : `${s} must be ${either(types, locale)}` };
  const oneOf = zh ? (values.length === 1 ? ` ${values[0]!}` : `以下之一：${values.join('、')}`) : (values.length === 1 ? values[0]! : `one of: ${values.join(', ')}`);
  const orType = types.length === 0 ? '' : zh ? `，或为${either(types, locale)}` : `, or ${either(types, locale)}`;
  return { code: 'validation.enum', message: zh ? `${s}的取值应为${oneOf}${orType}` : `${s} must be ${oneOf}${orType}` };
}

function describeZh(e: AjvLikeError, s: string, name: string, root: boolean): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required': return `缺少必填字段${name}`;
    case 'additionalProperties': return `不允许的字段${name}`;
    case 'type': {
      const types = typesOf(p.type);
      if (root && types.length === 1 && (types[0] === 'object' || types[0] === 'array')) return `${s}应为 JSON ${typeWord(types[0], 'zh-CN')}`;
      return `${s}的类型应为${either(types.map((t) => typeWord(t, 'zh-CN')), 'zh-CN')}`;
    }
    case 'minLength': return n(p.limit) === 1 ? `${s}不能为空` : `${s}至少需要 ${String(p.limit)} 个字符`;
    case 'maxLength': return `${s}最多 ${String(p.limit)} 个字符`;
    case 'minimum': return `${s}不能小于 ${String(p.limit)}`;
    case 'maximum': return `${s}不能大于 ${String(p.limit)}`;
    case 'exclusiveMinimum': return `${s}应大于 ${String(p.limit)}`;
    case 'exclusiveMaximum': return `${s}应小于 ${String(p.limit)}`;
    case 'multipleOf': return `${s}应为 ${String(p.multipleOf)} 的整数倍`;
    case 'pattern': return p.pattern === VISIBLE_PATTERN ? `${s}不能为空白` : `${s}的格式不正确`;
    case 'format': return `${s}的格式不正确（应为${formatWord(String(p.format), 'zh-CN')}）`;
    case 'enum': return `${s}的取值应为以下之一：${(Array.isArray(p.allowedValues) ? p.allowedValues : []).map(showValue).join('、')}`;
    case 'const': return `${s}的取值应为 ${showValue(p.allowedValue)}`;
    case 'minItems': return `${s}至少需要 ${String(p.limit)} 项`;
    case 'maxItems': return `${s}最多 ${String(p.limit)} 项`;
    case 'uniqueItems': return `${s}含有重复的项（第 ${Math.min(n(p.i), n(p.j)) + 1} 项与第 ${Math.max(n(p.i), n(p.j)) + 1} 项相同）`;
    case 'minProperties': return `${s}至少需要包含 ${String(p.limit)} 个字段`;
    case 'maxProperties': return `${s}最多包含 ${String(p.limit)} 个字段`;
    default: return `${s}的取值不符合要求`;
  }
}

function describeEn(e: AjvLikeError, s: string, name: string, root: boolean): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required': return `Missing required field ${name}`;
    case 'additionalProperties': return `Unknown field ${name}`;
    case 'type': {
      const types = typesOf(p.type);
      if (root && types.length === 1 && (types[0] === 'object' || types[0] === 'array')) return `${s} must be a JSON ${types[0]}`;
      return `${s} must be ${either(types.map((t) => typeWord(t, 'en')), 'en')}`;
    }
    case 'minLength': return n(p.limit) === 1 ? `${s} must not be empty` : `${s} must be at least ${plural(p.limit, 'character', 'characters')}`;
    case 'maxLength': return `${s} must be at most ${plural(p.limit, 'character', 'characters')}`;
    case 'minimum': return `${s} must be at least ${String(p.limit)}`;
    case 'maximum': return `${s} must be at most ${String(p.limit)}`;
    case 'exclusiveMinimum': return `${s} must be greater than ${String(p.limit)}`;
    case 'exclusiveMaximum': return `${s} must be less than ${String(p.limit)}`;
    case 'multipleOf': return `${s} must be a multiple of ${String(p.multipleOf)}`;
    case 'pattern': return p.pattern === VISIBLE_PATTERN ? `${s} must not be blank` : `${s} is not in the expected format`;
    case 'format': return `${s} is not in the expected format (expected ${formatWord(String(p.format), 'en')})`;
    case 'enum': return `${s} must be one of: ${(Array.isArray(p.allowedValues) ? p.allowedValues : []).map(showValue).join(', ')}`;
    case 'const': return `${s} must be ${showValue(p.allowedValue)}`;
    case 'minItems': return `${s} must have at least ${plural(p.limit, 'item', 'items')}`;
    case 'maxItems': return `${s} must have at most ${plural(p.limit, 'item', 'items')}`;
    case 'uniqueItems': return `${s} must not repeat an item (items ${Math.min(n(p.i), n(p.j)) + 1} and ${Math.max(n(p.i), n(p.j)) + 1} are the same)`;
    case 'minProperties': return `${s} must contain at least ${plural(p.limit, 'field', 'fields')}`;
    case 'maxProperties': return `${s} must contain at most ${plural(p.limit, 'field', 'fields')}`;
    default: return `${s} is invalid`;
  }
}

/** Ajv's errors as field errors: one per field and failed rule, worded for people in the request's locale. */
export function translateValidation(errors: readonly AjvLikeError[], context: string | undefined, locale: Locale): FieldError[] {
  const where = context && context !== 'body' ? `${context}.` : '';
  // A key that fails `propertyNames` comes as the key's own error, then a bare "property name
  // must be valid": the first says why, so the second is dropped.
  const keyErrors = errors.some((e) => e.propertyName !== undefined && e.keyword !== 'propertyNames');
  const out = findings(keyErrors ? errors.filter((e) => e.keyword !== 'propertyNames') : errors).map((f): FieldError => {
    const field = fieldOf(f);
    const whole = subjectOf(field, context, locale);
    const key = f.kind === 'error' ? f.error.propertyName : undefined;
    // Otherwise "字段“metadata”不能为空" would blame the object for its key.
    const within = field === ROOT ? whole.subject.replace(/^The /, 'the ') : whole.name;
    const { subject, name, root } = key === undefined ? whole : { ...whole, root: false, subject: locale === 'en'
      ? `A field name${key === '' ? '' : ` "${key}"`} in ${within}` : `${whole.subject}中的字段名${key === '' ? '' : `“${key}”`}` };
    const said: Said = f.kind === 'union' ? describeUnion(f, subject, locale)
      : { code: `validation.${f.error.keyword}`, message: (locale === 'en' ? describeEn : describeZh)(f.error, subject, name, root) };
    return { field: `${where}${field}`, ...said };
  });
  return uniqueBy(out, (e) => `${e.field}\n${e.message}`);
}

/** The messages joined for a problem's `detail`, with the locale's separator. */
export function joinValidationMessages(errors: readonly FieldError[], locale: Locale): string {
  return errors.map((e) => e.message).join(locale === 'en' ? '; ' : '；');
}
