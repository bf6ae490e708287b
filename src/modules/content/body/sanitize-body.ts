import sanitizeHtml from 'sanitize-html';

/**
 * The one gate rich text passes before it is stored: an explicit allow-list (sanitize-html
 * 2.17). Anything not listed is dropped; the text inside unknown wrappers (Word's <o:p>,
 * <font>, <div>) is kept, the text inside code-bearing or invisible elements is not.
 * The browser editor cleans Word paste too, but only this server-side pass is trusted.
 */
const ALIGN = { 'text-align': [/^(left|right|center|justify)$/] };
const NUMBER = /^\d{1,4}$/;

/** Elements whose content must never surface as text (code, styles, Office XML, embedded documents). */
const DROP_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'select', 'noscript', 'xml', 'title', 'head', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'applet', 'template', 'svg', 'math', 'noembed', 'noframes', 'canvas', 'video', 'audio', 'button',
];

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
  // The only style that survives is paragraph/cell alignment (common in official documents).
  allowedStyles: { '*': ALIGN },
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
  },
  // An image whose source was refused (javascript:, data:, protocol-relative) is dropped whole.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
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
