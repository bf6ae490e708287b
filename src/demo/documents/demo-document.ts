import type { BulkEditionText, DocumentKind } from '../../modules/content/index.js';
import { formatShanghai } from '../../platform/i18n/format-time.js';
import type { PolicySubject } from './corpus.js';

/** One published demo document as the templates produce it, before it is written. */
export interface DemoDocument extends BulkEditionText {
  /** Position in the generated list; interpretations name their policy by it. */
  readonly key: number;
  readonly siteId: number;
  readonly columnId: number;
  readonly orgId: number;
  /** The issuing organization's code, the prefix of the index number. */
  readonly orgCode: string;
  readonly kind: DocumentKind;
  /** Historical publish time (UTC ms), in the past. */
  readonly publishedAt: number;
  readonly isMajor: boolean;
  readonly interpretsKey: number | null;
}

/** An organization as the templates need it. */
export interface DemoIssuer {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}

/** Everything the templates need to write as one site. */
export interface DemoSiteContext {
  readonly siteId: number;
  readonly siteName: string;
  readonly level: 'province' | 'city' | 'county' | 'department';
  /** 江苏省, 南京市, 江苏省教育厅… */
  readonly place: string;
  /** The government (or department) and its general office. */
  readonly government: DemoIssuer;
  readonly office: DemoIssuer;
  /** 文号 issuer abbreviations: 苏政发 / 苏政办发 / 苏政规, 宁政发…, 苏教发… */
  readonly numberPrefixes: { readonly main: string; readonly office: string; readonly rules: string };
  /** Places visited by leaders (localities plus enterprises, service halls…). */
  readonly subPlaces: readonly string[];
  /** Places below this one (cities of the province, zones of a city) for local news. */
  readonly localities: readonly string[];
  /** The policy subjects this issuer writes about (a department keeps to its own field). */
  readonly subjects: readonly PolicySubject[];
  /** Column ids by slug (yaowen, cwhy, bmdt, tzgg, zfwj, zcwj, zcjd, rsxx, gzdt, topic slugs…). */
  readonly columns: Readonly<Record<string, number>>;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function paragraphs(lines: readonly string[]): string {
  return lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
}

/** `2025-03-04` in Asia/Shanghai. */
export function shanghaiDate(ms: number): string {
  return formatShanghai(ms).slice(0, 10);
}

/** `2025年3月4日`. */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** `3月4日`, as news leads write the day. */
export function monthDay(ms: number): string {
  return chineseDate(shanghaiDate(ms)).replace(/^\d+年/, '');
}

export function fill(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

export function summaryOf(lines: readonly string[]): string {
  const text = lines.join('');
  return text.length > 90 ? `${text.slice(0, 88)}……` : text;
}
