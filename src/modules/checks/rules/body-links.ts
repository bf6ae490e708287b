import type { CheckResult, RuleSeverity } from '../check-types.js';
import type { BodyImage, BodyLink } from '../html-to-plain-text.js';
import { matchDomain, type CompiledDictionary } from '../dictionary-matcher.js';
import { capSeverity } from '../rule-catalog.js';
import { report, type FieldText } from './rule-scan.js';

/** Government hosts: *.gov.cn and the .政务 top-level domain (xn--zfr164b). */
export function isGovernmentHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'gov.cn' || h.endsWith('.gov.cn') || h.endsWith('.xn--zfr164b');
}

/** An absolute http(s) URL (or protocol-relative `//host/…`); null for relative, mailto:, tel:, data: … */
export function absoluteHttpUrl(raw: string): URL | null {
  const s = raw.trim();
  if (!/^(https?:)?\/\//i.test(s)) return null;
  try {
    const url = new URL(s.startsWith('//') ? `http:${s}` : s);
    return url.hostname ? url : null;
  } catch {
    return null;
  }
}

export interface LinkLevels {
  readonly commercial: RuleSeverity;
  readonly external: RuleSeverity;
}

/** Links and embedded resources pointing at commercial/advertising domains or outside government. */
export function checkBodyLinks(f: FieldText, links: readonly BodyLink[], dict: CompiledDictionary, levels: LinkLevels, out: CheckResult[]): void {
  if (levels.commercial === 'off' && levels.external === 'off') return;
  for (const link of links) {
    const url = absoluteHttpUrl(link.url);
    if (!url) continue;
    const what = link.tag === 'a' || link.tag === 'area' ? '链接' : '引用的资源';
    const whatEn = link.tag === 'a' || link.tag === 'area' ? 'Link' : 'Embedded resource';
    const commercial = matchDomain(dict, url);
    if (commercial) {
      report(out, f, {
        rule: 'commercial_link', severity: capSeverity(levels.commercial, commercial.entry.severity), start: link.start, end: link.end,
        url: link.url,
        message: `${what}指向商业或广告网站（${url.hostname}）：政府网站不得链接商业广告`,
        messageEn: `${whatEn} points at a commercial or advertising site (${url.hostname}): government sites must not link to commercial ads`,
        suggestion: commercial.entry.suggestion || '删除该链接，或改为政府网站上的权威来源',
      });
      continue;
    }
    if (!isGovernmentHost(url.hostname)) {
      report(out, f, {
        rule: 'external_link', severity: levels.external, start: link.start, end: link.end, url: link.url,
        message: `${what}指向非政府网站（${url.hostname}）：请确认来源权威、内容健康，并考虑添加外链提示`,
        messageEn: `${whatEn} points outside government sites (${url.hostname}): check that the source is authoritative`,
      });
    }
  }
}

/** Images without alt text. */
export function checkImageAlt(f: FieldText, images: readonly BodyImage[], level: RuleSeverity, out: CheckResult[]): void {
  if (level === 'off') return;
  for (const img of images) {
    if (img.alt !== null && img.alt.trim() !== '') continue;
    report(out, f, {
      rule: 'image_missing_alt', severity: level, start: img.at, end: img.at, ...(img.src ? { url: img.src } : {}),
      message: '图片缺少替代文字（alt），视障用户无法获知图片内容',
      messageEn: 'An image has no alt text, so screen-reader users cannot know what it shows',
      suggestion: '为图片填写简要说明',
    });
  }
}
