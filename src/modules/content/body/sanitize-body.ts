import sanitizeHtml from 'sanitize-html';

/**
 * The one gate rich text passes before it is stored: an explicit allow-list (sanitize-html
 * 2.17). Anything not listed is dropped; the text inside unknown wrappers (Word's <o:p>,
 * <font>, <div>) is kept, the text inside code-bearing or invisible elements is not.
 * The browser editor cleans Word paste too, but only this server-side pass is trusted.
 */
const NUMBER = /^\d{1,4}$/;
/** A `text-align` declaration of a style attribute (the last one wins, as in CSS). */
const ALIGN_DECLARATION = /(?:^|;)\s*text-align\s*:\s*(left|right|center|justify)\s*(?:!\s*important\s*)?(?=;|$)/gi;

/** Elements whose content must never surface as text (code, styles, Office XML, embedded documents). */
const DROP_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'select', 'noscript', 'xml', 'title', 'head', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'applet', 'template', 'svg', 'math', 'noembed', 'noframes', 'canvas', 'video', 'audio', 'button',
];

/**
 * The only style that survives is paragraph/cell alignment (common in official documents),
 * written anew from the declaration found, so nothing else of the attribute is ever copied. A
 * pattern instead of sanitize-html's CSS parse (postcss, per attribute): Word pastes a style on
 * every paragraph and cell, and parsing them was a third of the time of a 1 MB table.
 */
function alignOnly(attribs: Record<string, string>): Record<string, string> {
  if (attribs.style === undefined) return attribs;
  const { style, ...rest } = attribs;
  let align: string | undefined;
  for (const m of style.matchAll(ALIGN_DECLARATION)) align = m[1]!.toLowerCase();
  return align === undefined ? rest : { ...rest, style: `text-align:${align}` };
}

function keepNumeric(attribs: Record<string, string>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = { ...attribs };
  for (const n of names) if (out[n] !== undefined && !NUMBER.test(out[n].trim())) delete out[n];
  return out;
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h2', 'h3', 'h4', 'strong', 'em', 'u', 's', 'sub', 'sup', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
    'blockquote', 'a', 'img', 'br', 'hr', 'span'],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan', 'style'],
    th: ['colspan', 'rowspan', 'style'],
    p: ['style'], h2: ['style'], h3: ['style'], h4: ['style'], span: ['style'],
  },
  // Style attributes are rewritten by alignOnly (transformTags '*'), not parsed.
  parseStyleAttributes: false,
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  allowedIframeHostnames: [],
  disallowedTagsMode: 'discard',
  nonTextTags: DROP_WITH_CONTENT,
  transformTags: {
    b: 'strong', i: 'em', strike: 's', del: 's', ins: 'u', h1: 'h2', h5: 'h4', h6: 'h4', div: 'p',
    a: (tagName, attribs) => ({ tagName, attribs: { ...(attribs.href !== undefined ? { href: attribs.href } : {}), ...(attribs.title !== undefined ? { title: attribs.title } : {}), rel: 'noopener noreferrer' } }),
    img: (tagName, attribs) => ({ tagName, attribs: keepNumeric(attribs, ['width', 'height']) }),
    td: (tagName, attribs) => ({ tagName, attribs: keepNumeric(attribs, ['colspan', 'rowspan']) }),
    th: (tagName, attribs) => ({ tagName, attribs: keepNumeric(attribs, ['colspan', 'rowspan']) }),
    // Applied after the transform of the tag itself (so to a <div> become <p> as well).
    '*': (tagName, attribs) => ({ tagName, attribs: alignOnly(attribs) }),
  },
  // An image whose source was refused (javascript:, data:, protocol-relative) is dropped whole.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** The longest body an editor may send, in characters (String.length), checked before sanitizing. */
export const MAX_BODY_CHARS = 1_000_000;
/**
 * The longest body stored. Sanitizing can lengthen what was sent (`<b>` becomes `<strong>`, a bare
 * `&` becomes `&amp;`); twice the limit leaves room for that in any real document.
 */
export const MAX_STORED_BODY_CHARS = 2 * MAX_BODY_CHARS;

/**
 * How deep elements may nest in a body. Real documents stay far below (a table in a list in a
 * quote is about ten levels). The parser (htmlparser2 10) keeps its open elements in an array it
 * shifts at the front, so every tag costs as much as the depth: 200,000 unclosed `<b>` held the
 * event loop for 20 s and grew to millions of characters of closing tags.
 */
export const MAX_BODY_NESTING = 100;

/** Thrown by sanitizeBody for a body nested deeper than MAX_BODY_NESTING. */
export class BodyTooDeepError extends Error {
  constructor() {
    super(`body nests elements deeper than ${MAX_BODY_NESTING} levels`);
    this.name = 'BodyTooDeepError';
  }
}

/**
 * The body as it is stored. Refuses (BodyTooDeepError) at the first element past
 * MAX_BODY_NESTING: the depth is counted from the parser's own open and close events, so it is
 * the depth the parser holds (a `<p>` after an open `<p>` closes it, void elements close at
 * once), which a separate scan would have to imitate; and the refusal comes before the
 * parser's per-tag cost can grow, so sanitizing stays linear in the body's length.
 */
export function sanitizeBody(html: string): string {
  let depth = 0;
  return sanitizeHtml(html, {
    ...OPTIONS,
    onOpenTag: () => {
      depth += 1;
      if (depth > MAX_BODY_NESTING) throw new BodyTooDeepError();
    },
    onCloseTag: () => { depth -= 1; },
  }).trim();
}

const BLOCK_END = /<\/(p|h[1-6]|li|tr|blockquote|table|ul|ol)>/gi;

/** Plain text of (already sanitized) body HTML, one line per block: what the revision diff compares. */
export function bodyText(html: string): string {
  const marked = html.replace(/<(br|hr)\b[^>]*>/gi, '\n').replace(/<\/(td|th)>/gi, '\t').replace(BLOCK_END, '\n');
  const text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {}, nonTextTags: DROP_WITH_CONTENT });
  return text
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&')
    .replace(/[ \t\u00a0]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
