import { decodeEntities } from './html-entities.js';

/**
 * How the body's HTML becomes the plain text every check result points into. The editor UI
 * runs the same function (it has no dependencies) to map offsets back onto the document.
 *
 * 1. Tags are removed. Comments, `<!…>`, `<?…>` and the contents of script, style, template,
 *    title, noscript and textarea are dropped.
 * 2. Block elements (p, div, h1–h6, li, tr, table, blockquote, pre, section, …) start and end
 *    a line: a "\n" is added unless the text is empty or already ends with "\n" (a trailing
 *    space or cell tab is turned into that "\n"). `<br>` always adds "\n". Table cells (td, th) are
 *    separated by "\t", so numbers in neighbouring cells never run together.
 * 3. Outside `<pre>`, each run of ASCII white space (space, tab, CR, LF, FF) becomes one space,
 *    and a space at the start of a line is dropped, as browsers render it. Inside `<pre>` white
 *    space is kept.
 * 4. Character references are decoded (`&amp;`, `&nbsp;` → U+00A0, `&#26126;`, `&#x2605;`);
 *    unknown or unterminated ones stay as written.
 * 5. White space at the very end is removed.
 *
 * Offsets are UTF-16 code units (JavaScript string indexes), like the DOM's.
 */
export function htmlToPlainText(html: string): string {
  return parseBodyHtml(html).text;
}

export interface BodyLink {
  /** Attribute value, entity-decoded and trimmed (may be relative). */
  readonly url: string;
  readonly tag: string;
  /** Text range of the element's content (an `<img>` is an empty range where it sits). */
  readonly start: number;
  readonly end: number;
}

export interface BodyImage {
  readonly src: string;
  /** null when the attribute is absent. */
  readonly alt: string | null;
  readonly at: number;
}

export interface ParsedBody {
  readonly text: string;
  /** href of a/area, src of img/iframe/embed/source/video/audio, in document order. */
  readonly links: readonly BodyLink[];
  readonly images: readonly BodyImage[];
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
const CELL = new Set(['td', 'th']);
const SKIP_CONTENT = new Set(['script', 'style', 'template', 'title', 'noscript', 'textarea']);
const LINK_ATTR: Readonly<Record<string, string>> = {
  a: 'href', area: 'href', img: 'src', iframe: 'src', embed: 'src', source: 'src', video: 'src', audio: 'src',
};

function isAsciiSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95;
}

/** The plain text plus the links and images found on the way (one pass, no DOM). */
export function parseBodyHtml(html: string): ParsedBody {
  const parts: string[] = [];
  let len = 0;
  let last = 10; // as if after "\n": no leading space or newline
  let preDepth = 0;
  const links: BodyLink[] = [];
  const images: BodyImage[] = [];
  const openAnchors: { url: string; tag: string; start: number }[] = [];

  const append = (s: string): void => {
    if (s.length === 0) return;
    parts.push(s);
    len += s.length;
    last = s.charCodeAt(s.length - 1);
  };
  const lineBreak = (always: boolean): void => {
    if (len === 0 && !always) return;
    if ((last === 32 || last === 9) && parts.length > 0) {
      const i = parts.length - 1;
      const p = parts[i] ?? '';
      parts[i] = `${p.slice(0, -1)}\n`;
      last = 10;
      return;
    }
    if (always || last !== 10) append('\n');
  };
  const text = (raw: string): void => {
    if (raw.length === 0) return;
    if (preDepth > 0) return append(decodeEntities(raw));
    let s = raw.replace(/[ \t\r\n\f]+/g, ' ');
    if (s.charCodeAt(0) === 32 && (len === 0 || last === 32 || last === 10 || last === 9)) s = s.slice(1);
    append(decodeEntities(s));
  };

  let lower: string | undefined;
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    if (lt > i) text(html.slice(i, lt));
    const c1 = html.charCodeAt(lt + 1);
    if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
      const isComment = html.startsWith('!--', lt + 1);
      const close = isComment ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt + 2);
      i = close < 0 ? n : close + (isComment ? 3 : 1);
      continue;
    }
    const closing = c1 === 47; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    const first = html.charCodeAt(nameStart);
    if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90))) {
      text('<');
      i = lt + 1;
      continue;
    }
    let j = nameStart;
    while (j < n && isNameChar(html.charCodeAt(j))) j++;
    const name = html.slice(nameStart, j).toLowerCase();
    const tag = readAttributes(html, j, !closing && (name in LINK_ATTR || name === 'img'));
    i = tag.end;

    if (closing) {
      if (name === 'pre' && preDepth > 0) preDepth--;
      if (BLOCK.has(name)) lineBreak(false);
      else if (CELL.has(name) && len > 0 && last !== 9 && last !== 10) append('\t');
      if (name === 'a' || name === 'area') {
        const open = openAnchors.pop();
        if (open) links.push({ url: open.url, tag: open.tag, start: open.start, end: len });
      }
      continue;
    }
    if (SKIP_CONTENT.has(name) && !tag.selfClosing) {
      lower ??= html.toLowerCase();
      const end = lower.indexOf(`</${name}`, i);
      i = end < 0 ? n : Math.max(i, html.indexOf('>', end) + 1 || n);
      continue;
    }
    if (name === 'br') lineBreak(true);
    else if (BLOCK.has(name)) lineBreak(false);
    else if (CELL.has(name) && len > 0 && last !== 9 && last !== 10) append('\t');
    if (name === 'pre' && !tag.selfClosing) preDepth++;

    const attr = LINK_ATTR[name];
    const url = attr ? tag.attrs.get(attr)?.trim() : undefined;
    if (name === 'img') images.push({ src: url ?? '', alt: tag.attrs.get('alt') ?? null, at: len });
    if (url !== undefined && url !== '') {
      if ((name === 'a' || name === 'area') && !tag.selfClosing) openAnchors.push({ url, tag: name, start: len });
      else links.push({ url, tag: name, start: len, end: len });
    }
  }
  for (const open of openAnchors) links.push({ url: open.url, tag: open.tag, start: open.start, end: len });

  let out = parts.join('');
  out = out.replace(/[ \t\r\n\f\u00a0]+$/, '');
  const max = out.length;
  const clamp = (x: number): number => (x > max ? max : x);
  return {
    text: out,
    links: links.sort((a, b) => a.start - b.start).map((l) => ({ ...l, start: clamp(l.start), end: clamp(l.end) })),
    images: images.map((im) => ({ ...im, at: clamp(im.at) })),
  };
}

interface TagScan {
  readonly end: number;
  readonly selfClosing: boolean;
  readonly attrs: Map<string, string>;
}

const NO_ATTRS = new Map<string, string>();

/** Reads from after the tag name to after its `>`, honouring quotes; collects attributes when asked. */
function readAttributes(html: string, from: number, collect: boolean): TagScan {
  const n = html.length;
  const attrs = collect ? new Map<string, string>() : NO_ATTRS;
  let i = from;
  let selfClosing = false;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 62 /* > */) return { end: i + 1, selfClosing, attrs };
    if (isAsciiSpace(c)) { i++; continue; }
    if (c === 47 /* / */) { selfClosing = true; i++; continue; }
    selfClosing = false;
    let j = i;
    while (j < n) {
      const d = html.charCodeAt(j);
      if (isAsciiSpace(d) || d === 61 || d === 62 || d === 47) break;
      j++;
    }
    if (j === i) j++; // a stray character such as a quote: step over it
    const attrName = html.slice(i, j).toLowerCase();
    i = j;
    while (i < n && isAsciiSpace(html.charCodeAt(i))) i++;
    let value = '';
    if (html.charCodeAt(i) === 61 /* = */) {
      i++;
      while (i < n && isAsciiSpace(html.charCodeAt(i))) i++;
      const q = html.charCodeAt(i);
      if (q === 34 || q === 39) {
        const close = html.indexOf(q === 34 ? '"' : "'", i + 1);
        const stop = close < 0 ? n : close;
        value = html.slice(i + 1, stop);
        i = stop + 1;
      } else {
        let k = i;
        while (k < n && !isAsciiSpace(html.charCodeAt(k)) && html.charCodeAt(k) !== 62) k++;
        value = html.slice(i, k);
        i = k;
      }
    }
    if (collect && !attrs.has(attrName)) attrs.set(attrName, decodeEntities(value));
  }
  return { end: n, selfClosing, attrs };
}
