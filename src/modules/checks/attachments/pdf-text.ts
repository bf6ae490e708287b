import { parseToUnicode, type ToUnicode } from './pdf-cmap.js';
import { contentText } from './pdf-content-text.js';
import { decodeStream, dictValue, readPdfObjects, refsIn, type PdfObject } from './pdf-objects.js';

type Objects = ReadonlyMap<number, PdfObject>;

const isPage = (o: PdfObject): boolean => /\/Type\s*\/Page(?![A-Za-z])/.test(o.text);

/** Pages in reading order: from /Root → /Pages → /Kids; by object number when the tree cannot be followed. */
function pagesInOrder(objects: Objects, raw: string): PdfObject[] {
  const roots = [...raw.matchAll(/\/Root\s+(\d+)\s+\d+\s+R/g)];
  const rootNum = roots.length > 0 ? Number(roots[roots.length - 1]?.[1]) : NaN;
  const out: PdfObject[] = [];
  const seen = new Set<number>();
  const walk = (num: number, depth: number): void => {
    const o = objects.get(num);
    if (!o || seen.has(num) || depth > 64) return;
    seen.add(num);
    if (isPage(o)) { out.push(o); return; }
    const kids = dictValue(o.text, 'Kids', objects);
    if (kids) for (const k of refsIn(kids)) walk(k, depth + 1);
  };
  const root = objects.get(rootNum);
  const pagesRef = root ? /\/Pages\s+(\d+)\s+\d+\s+R/.exec(root.text) : null;
  if (pagesRef) walk(Number(pagesRef[1]), 0);
  if (out.length > 0) return out;
  return [...objects.values()].filter(isPage).sort((a, b) => a.num - b.num);
}

/** The page's /Resources, inherited from its ancestors when the page has none. */
function resourcesOf(page: PdfObject, objects: Objects): string {
  let node: PdfObject | undefined = page;
  for (let depth = 0; node && depth < 32; depth++) {
    const res = dictValue(node.text, 'Resources', objects);
    if (res) return res;
    const parent = /\/Parent\s+(\d+)\s+\d+\s+R/.exec(node.text);
    node = parent ? objects.get(Number(parent[1])) : undefined;
  }
  return '';
}

function fontsOf(resources: string, objects: Objects, cache: Map<number, ToUnicode | null>): Map<string, ToUnicode | null> {
  const fonts = new Map<string, ToUnicode | null>();
  const dict = dictValue(resources, 'Font', objects);
  if (!dict) return fonts;
  for (const m of dict.matchAll(/(\/[^\s/<>[\]()]+)\s+(\d+)\s+\d+\s+R/g)) {
    const fontNum = Number(m[2]);
    if (!cache.has(fontNum)) {
      const font = objects.get(fontNum);
      const ref = font ? /\/ToUnicode\s+(\d+)\s+\d+\s+R/.exec(font.text) : null;
      const cmapObj = ref ? objects.get(Number(ref[1])) : undefined;
      const data = cmapObj ? decodeStream(cmapObj) : null;
      cache.set(fontNum, data ? parseToUnicode(data.toString('latin1')) : null);
    }
    fonts.set(m[1] ?? '', cache.get(fontNum) ?? null);
  }
  return fonts;
}

/**
 * Best-effort text of a PDF, page by page. Reads: uncompressed and /FlateDecode content
 * streams, object streams, fonts with a ToUnicode map (how Word and WPS write Chinese), and
 * simple fonts as latin1. Does not read: scanned pages (images; no OCR), encrypted files,
 * streams with other filters (LZW, ASCII85), Type 3 glyph procedures, CID fonts without a
 * ToUnicode map, text in form XObjects and annotations. Word order follows the content stream,
 * which is reading order for office documents but not always for typeset ones.
 */
export function pdfText(buf: Buffer): string | null {
  if (!buf.subarray(0, 1024).toString('latin1').includes('%PDF-')) return null;
  const raw = buf.toString('latin1');
  if (/\/Encrypt\s+\d+\s+\d+\s+R/.test(raw)) return null;
  const objects = readPdfObjects(buf);
  const cache = new Map<number, ToUnicode | null>();
  const parts: string[] = [];
  for (const page of pagesInOrder(objects, raw)) {
    const fonts = fontsOf(resourcesOf(page, objects), objects, cache);
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(page.text)?.[1] ?? '';
    for (const num of refsIn(contents)) {
      const stream = objects.get(num);
      const data = stream ? decodeStream(stream) : null;
      if (data) parts.push(contentText(data.toString('latin1'), fonts));
    }
    parts.push('\n');
  }
  return parts.join('').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
