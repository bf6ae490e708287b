import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './error-registry.js';
import { HttpErrors } from './errors.js';
import { requestLocale } from './problem.js';
import { fieldLabel } from '../i18n/field-names.js';
import { VISIBLE_PATTERN } from './schema.js';

/** NUL, or a UTF-16 surrogate without its partner: never text a person typed. */
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * What a visitor's text (the body of a public route: letters, comments, opinions, questions,
 * survey answers, error reports) never holds either: control characters other than tab, LF and
 * CR (BEL, ESC: a terminal or a spreadsheet reading an export acts on them), DEL and the C1
 * controls, and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069: text
 * after U+202E is shown backwards, so a comment or a moderator's queue would show other text than
 * was sent). The characters the platform already strips from file names (original-name.ts).
 * The hook lets signed-in staff's text keep them (pasted documents, minority-script content);
 * the staff text visitors read (titles, names, reasons) is held to this rule by its module
 * (shownTextFault).
 */
const BAD_PUBLIC_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_DEPTH = 64;

const BAD_PUBLIC_TEXT_ALL = new RegExp(BAD_PUBLIC_TEXT.source, 'g');

/**
 * A visitor's text without what the guard refuses in it: what a refused form shows again, so that
 * the visitor sees (and sends again) the text without characters they could not find themselves.
 */
export function withoutForbiddenText(text: string): string {
  return text.replace(BAD_PUBLIC_TEXT_ALL, '');
}

const VISIBLE = new RegExp(VISIBLE_PATTERN);
/** Line breaks (CR, LF and Unicode's line and paragraph separators): a one-line value has none. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * Why staff text that visitors will read (a title, a site or column name, a withdrawal reason) is
 * refused: what the guard refuses in a visitor's text (`characters`: a title with ESC or U+202E
 * would reach the public page and the search API as it is), a line break or tab in a one-line
 * value (`line_break`, `characters`), or no visible character at all (`blank`: only spaces or
 * zero-width characters, published as nothing). An empty string is no fault here: whether a value
 * is required is the caller's rule.
 */
export type ShownTextFault = 'characters' | 'line_break' | 'blank';

export function shownTextFault(text: string, opts: { readonly singleLine?: boolean } = {}): ShownTextFault | null {
  if (BAD_PUBLIC_TEXT.test(text)) return 'characters';
  if (opts.singleLine === true) {
    if (LINE_BREAK.test(text)) return 'line_break';
    if (text.includes('\t')) return 'characters';
  }
  if (text !== '' && !VISIBLE.test(text)) return 'blank';
  return null;
}

/** Each fault worded after a field's label ("标题" + …, "Title" + " " + …), for a module's own field error. */
export const SHOWN_TEXT_FAULTS: Readonly<Record<ShownTextFault, { readonly zh: string; readonly en: string }>> = {
  characters: {
    zh: '含有不允许的字符（控制字符或文字方向控制符，如 ESC、U+202E），请删除后重试',
    en: 'contains characters that are not allowed (control characters or text-direction overrides such as ESC or U+202E); remove them',
  },
  line_break: { zh: '不能换行', en: 'must not contain line breaks' },
  blank: { zh: '不能只有空白或不可见字符', en: 'must not consist of blanks or invisible characters only' },
};

function isPlainContainer(value: object): boolean {
  // Plain objects, null-prototype objects and the query parser's bare-prototype objects; never
  // Buffers or streams (their entries are not request text).
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === null || Object.getPrototypeOf(proto) === null;
}

/** The dotted path of the first string (or key) holding forbidden characters, or null. */
function findBadText(value: unknown, path: string, depth: number, bad: RegExp): string | null {
  if (typeof value === 'string') return bad.test(value) ? path || '(root)' : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || !isPlainContainer(value)) return null;
  for (const [key, child] of Object.entries(value)) {
    const p = path ? `${path}.${key}` : key;
    if (bad.test(key)) return p;
    const found = findBadText(child, p, depth + 1, bad);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Refuses NUL characters and unpaired surrogates anywhere in the query, path parameters or
 * body. PostgreSQL rejects NUL in text (the request would end in a 500) while SQLite stores it,
 * and lone surrogates are mangled differently by the two drivers; a 400 keeps both engines alike.
 * The body of a public route is held to BAD_PUBLIC_TEXT as well (control and bidi characters).
 */
export function installTextGuard(app: FastifyInstance): void {
  // Callback style: no promise per request for a check that never waits.
  app.addHook('preValidation', (req, _reply, done) => {
    try {
      checkQueryEncoding(req);
      checkRequestText(req, 'querystring', req.query);
      checkRequestText(req, 'params', req.params);
      checkRequestText(req, 'body', req.body);
    } catch (err) {
      done(err as Error);
      return;
    }
    done();
  });
}

/** A route anyone may call without signing in: its body is a visitor's text. */
function isPublicRoute(req: FastifyRequest): boolean {
  return req.routeOptions?.config?.access?.kind === 'public';
}

/**
 * The guard's check for text the hook does not see, such as multipart form fields (read by the
 * route, after the hook): throws `http.invalid_text` naming the field. The body of a public
 * route is checked for BAD_PUBLIC_TEXT, anything else for BAD_TEXT.
 */
export function checkRequestText(req: FastifyRequest, part: string, value: unknown): void {
  const found = findBadText(value, '', 0, part === 'body' && isPublicRoute(req) ? BAD_PUBLIC_TEXT : BAD_TEXT);
  if (found === null) return;
  const field = part === 'body' ? found : `${part}.${found}`;
  const locale = requestLocale(req);
  const label = fieldLabel(field, locale);
  const message = locale === 'en' ? `Field "${label}" contains characters that are not allowed` : `字段“${label}”含有不允许的字符`;
  throw new AppError(HttpErrors['http.invalid_text'], {}, [{ field, code: 'validation.characters', message }]);
}

/**
 * The query parser keeps a broken percent-escape (`q=%E6%B1%9F%`, or UTF-8 that is no text such
 * as `%ED%A0%80`) as literal characters, and an API request would go on with text nobody sent.
 * Refused instead (400 http.bad_request naming the parameter).
 */
function checkQueryEncoding(req: FastifyRequest): void {
  // The API only: a public page ignores what it cannot read (a link from an older site in GBK,
  // `?utm=50%off`) as before, and the site search page reads its query leniently itself.
  if (!req.routeOptions.url?.startsWith('/api/')) return;
  const at = req.url.indexOf('?');
  if (at < 0) return;
  const qs = req.url.slice(at + 1);
  if (!qs.includes('%')) return;
  for (const pair of qs.split('&')) {
    try {
      decodeURIComponent(pair.replace(/\+/g, ' '));
    } catch {
      const en = requestLocale(req) === 'en';
      const field = `querystring.${pair.split('=')[0]!.replace(/%.*/, '') || '(root)'}`;
      throw new AppError(HttpErrors['http.bad_request'], {}, [{
        field, code: 'validation.encoding',
        message: en ? 'The query string holds a percent-escape that is not UTF-8 text' : '查询字符串中含有无法解码的百分号编码（不是有效的 UTF-8 文字）',
      }]);
    }
  }
}
