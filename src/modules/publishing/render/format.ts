import { formatShanghai } from '../../../platform/i18n/format-time.js';

/** Publish times on every page: `YYYY-MM-DD HH:MM`, Beijing time (NORMS: Content, META PubDate). */
export const pubTime = (ms: number): string => formatShanghai(ms);

/** ISO 8601 with the +08:00 offset (datetime attributes, feeds, sitemaps). */
export function isoTime(ms: number): string {
  const t = formatShanghai(ms, true);
  return `${t.slice(0, 10)}T${t.slice(11)}+08:00`;
}

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
    // Characters XML 1.0 forbids (control characters other than tab, LF, CR).
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const VALIDITY_LABELS: Readonly<Record<string, string>> = { valid: '有效', expired: '失效', repealed: '废止' };
