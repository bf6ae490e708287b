/**
 * Site-relative page paths: the one place a URL path becomes a file path. A path is accepted
 * only when it is already in canonical form — starts with '/', no empty, '.' or '..' segments,
 * no backslash, NUL, percent sign or control character — so nothing a visitor sends can
 * name a file outside the site's folder, however it is encoded or doubled.
 */
const SEGMENT = /^[A-Za-z0-9\u4e00-\u9fff_-][A-Za-z0-9\u4e00-\u9fff_.-]{0,127}$/;

/** Files of the store itself (manifest, signatures): never served, never written as pages. */
export const RESERVED_PREFIX = '_';

export function isCanonicalPagePath(path: string): boolean {
  if (!path.startsWith('/') || path.length > 1024) return false;
  const segments = path.slice(1).split('/');
  const last = segments.length - 1;
  return segments.every((s, i) => (i === last && s === '') || (SEGMENT.test(s) && !s.startsWith(RESERVED_PREFIX) && !s.endsWith('.')));
}

/** The file a path is stored as: a directory path (`/`, `/zwgk/`) is its index.html. */
export function pageFileOf(path: string): string | null {
  if (!isCanonicalPagePath(path)) return null;
  return path.endsWith('/') ? `${path}index.html` : path;
}

/** HTML pages, and the notices stored with a 410 whatever the path's extension. */
export const HTML_TYPE = 'text/html; charset=utf-8';

/**
 * Content types by extension, decided when a file is stored (the manifest lists them). Besides
 * the platform's own pages, feeds and theme files: the attachment types documents may carry
 * (content's upload allow-list) and other common document, archive and media files.
 * Types as registered with IANA; OFD (GB/T 33190, no registration) as the upload allow-list
 * names it; .wps as Apache's mime.types has it. CSV without a charset (exports are often GBK;
 * RFC 4180 §3 makes it optional).
 */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: HTML_TYPE,
  xml: 'application/xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  wps: 'application/vnd.ms-works',
  csv: 'text/csv',
  zip: 'application/zip',
  rar: 'application/vnd.rar',
  '7z': 'application/x-7z-compressed',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
};

export function contentTypeOf(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

const HANT_SUFFIX = '.zh-hant.html';

/**
 * The traditional-characters variant of an HTML page (`/a/b.html` → `/a/b.zh-hant.html`), made
 * on first request and stored (and signed) like any page; null for other files.
 */
export function hantFileOf(file: string): string | null {
  return file.endsWith('.html') && !file.endsWith(HANT_SUFFIX) ? `${file.slice(0, -'.html'.length)}${HANT_SUFFIX}` : null;
}

export function isHantFile(file: string): boolean {
  return file.endsWith(HANT_SUFFIX);
}
