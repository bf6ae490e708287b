/** Elements pasted content may keep (the server's allow-list; spans and Office tags such as <o:p> are unwrapped). */
const KEEP = new Set(['P', 'H2', 'H3', 'H4', 'STRONG', 'B', 'EM', 'I', 'U', 'S', 'SUB', 'SUP', 'UL', 'OL', 'LI', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD',
  'BLOCKQUOTE', 'A', 'IMG', 'BR', 'HR']);
/** Elements dropped with everything inside them. */
const DROP = new Set(['SCRIPT', 'STYLE', 'META', 'LINK', 'TITLE', 'XML', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'TEMPLATE', 'NOSCRIPT']);
const ATTRS: Readonly<Record<string, readonly string[]>> = { A: ['href', 'title'], IMG: ['src', 'alt', 'width', 'height'], TD: ['colspan', 'rowspan'], TH: ['colspan', 'rowspan'] };

/**
 * Cleans HTML pasted from Word or web pages before it enters the editor: Office namespaces
 * (<o:p>, <w:…>), conditional comments, classes and inline styles go; structure and text stay.
 * Parsed with an inert DOMParser document, so nothing in the paste runs.
 */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const walk = (node: Node): void => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === Node.COMMENT_NODE) { child.remove(); continue; }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (DROP.has(tag)) { el.remove(); continue; }
      walk(el);
      if (!KEEP.has(tag)) { el.replaceWith(...[...el.childNodes]); continue; }
      const allowed = ATTRS[tag] ?? [];
      for (const attr of [...el.attributes]) if (!allowed.includes(attr.name)) el.removeAttribute(attr.name);
      const href = el.getAttribute('href');
      if (href !== null && !/^(https?:|mailto:)/i.test(href.trim())) el.removeAttribute('href');
      const src = el.getAttribute('src');
      if (src !== null && !/^(https?:\/\/|\/(?!\/))/i.test(src.trim())) el.remove();
    }
  };
  walk(doc.body);
  return doc.body.innerHTML;
}
