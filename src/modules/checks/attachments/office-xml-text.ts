import { decodeEntities } from '../html-entities.js';
import { readZipEntries } from './zip-entries.js';

const TOKEN = /<(\/?)([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)\b[^>]*?(\/?)>|([^<]+)/g;

/**
 * Text of WordprocessingML: only the content of <w:t> runs (not field codes such as
 * HYPERLINK instructions), <w:tab/> → "\t", <w:br/> and <w:cr/> → "\n", end of <w:p> → "\n".
 */
export function wordXmlText(xml: string): string {
  let out = '';
  let inText = false;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m !== null; m = TOKEN.exec(xml)) {
    if (m[5] !== undefined) {
      if (inText) out += decodeEntities(m[5]);
      continue;
    }
    const closing = m[1] === '/';
    const selfClosing = m[4] === '/';
    const name = m[3];
    if (m[2] !== 'w:') continue;
    if (name === 't') inText = !closing && !selfClosing;
    else if (name === 'tab' && !closing) out += '\t';
    else if ((name === 'br' || name === 'cr') && !closing) out += '\n';
    else if (name === 'p' && (closing || selfClosing)) out += '\n';
  }
  return out;
}

const WORD_PARTS = /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;

/** The main document, then headers, footers and notes (markings such as 内部资料 often sit in a header). */
export function docxText(buf: Buffer): string | null {
  const parts = readZipEntries(buf, (n) => WORD_PARTS.test(n));
  if (!parts || parts.length === 0) return null;
  parts.sort((a, b) => Number(b.name === 'word/document.xml') - Number(a.name === 'word/document.xml'));
  return parts.map((p) => wordXmlText(p.data.toString('utf8'))).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Text of every element with the given local name (<t>, <ofd:TextCode>), one line per `lineElement`. */
function elementText(xml: string, textElement: string, lineElement: string): string {
  let out = '';
  let inText = false;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m !== null; m = TOKEN.exec(xml)) {
    if (m[5] !== undefined) {
      if (inText) out += decodeEntities(m[5]);
      continue;
    }
    const closing = m[1] === '/';
    if (m[3] === textElement) inText = !closing && m[4] !== '/';
    else if (m[3] === lineElement && closing) out += '\n';
  }
  return out;
}

/** Shared strings, inline strings and cell values of every sheet (ID numbers often live in spreadsheets). */
export function xlsxText(buf: Buffer): string | null {
  const parts = readZipEntries(buf, (n) => n === 'xl/sharedStrings.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  if (!parts || parts.length === 0) return null;
  const lines: string[] = [];
  for (const p of parts) {
    const xml = p.data.toString('utf8');
    if (p.name === 'xl/sharedStrings.xml') lines.push(elementText(xml, 't', 'si'));
    else lines.push(elementText(xml, 'v', 'c'), elementText(xml, 't', 'is'));
  }
  return lines.join('\n').replace(/\n{2,}/g, '\n').trim();
}

/** OFD (GB/T 33190): the TextCode of every page, one line per TextObject. */
export function ofdText(buf: Buffer): string | null {
  const parts = readZipEntries(buf, (n) => /Pages\/Page_\d+\/Content\.xml$/i.test(n));
  if (!parts || parts.length === 0) return null;
  const page = (n: string): number => Number(/Page_(\d+)/i.exec(n)?.[1] ?? 0);
  parts.sort((a, b) => page(a.name) - page(b.name));
  return parts.map((p) => elementText(p.data.toString('utf8'), 'TextCode', 'TextObject')).join('\n').replace(/\n{2,}/g, '\n').trim();
}
