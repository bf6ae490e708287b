import type { CheckResult, RuleSeverity } from '../check-types.js';
import { capSeverity } from '../rule-catalog.js';
import { lineAround, report, type FieldText } from './rule-scan.js';

/**
 * Secrecy markings (密级标识). The three levels are words of ordinary legal language too
 * (保守国家秘密, 商业秘密, 机密性, 依法确定为国家秘密的政府信息不予公开 — 政府信息公开条例 §14),
 * so the rule separates what is certainly a marking from what only might be one:
 *
 * Certain (the rule's severity, block by default):
 * - a level followed by the star, with or without a period: 绝密★, 机密★10年, 秘密★1年,
 *   秘密 ★ 长期 (GB/T 9704 writes 密级★保密期限); ☆ * ＊ count as the star;
 * - "密级：秘密" (a form field naming the level);
 * - a level standing alone on its line (a document header): "机密";
 * - 内部资料 (not 内部资料性出版物, an official publication category), 内部文件, 内部参考,
 *   内部传阅, 仅供内部…, 仅限内部…, 不得/严禁/请勿/禁止/不准/不许外传;
 * - 注意保存 only on a line that also has 内部资料/文件/参考/传阅/使用/刊物, or standing alone (consumer advice such as
 *   "请注意保存购物凭证" is not a marking).
 * Possible (at most a warning): bare 绝密 and 机密 in running text (except 商业机密 and 机密性,
 * never flagged), and 内部使用.
 * Never flagged: bare 秘密 (保守秘密, 国家秘密, 工作秘密, 秘密性 are common and harmless).
 */
const PATTERN = new RegExp([
  '(绝密|机密|秘密)[ \\u00a0\\u3000]*[★☆*＊](?:[ \\u00a0]*(?:长期|永久|[0-9０-９]{1,4}[ ]*(?:个月|年|月|天|日)|[一二三四五六七八九十]{1,3}(?:个月|年)))?',
  '密级[ \\u00a0]*[:：][ \\u00a0\\u3000]*(?:绝密|机密|秘密)',
  '内部资料(?!性)',
  '内部文件',
  '内部参考',
  '内部传阅',
  '仅供内部',
  '仅限内部',
  '(?:不得|严禁|请勿|禁止|不准|不许)外传',
  '内部使用',
  '注意保存',
  '绝密|机密|秘密',
].join('|'), 'g');

const INTERNAL_ON_LINE = /内部(?:资料(?!性)|文件|参考|传阅|使用|刊物)/;
const LEVELS = new Set(['绝密', '机密', '秘密']);
const STAR = /[★☆*＊]/;

type Kind = 'certain' | 'possible' | null;

function classify(text: string, found: string, start: number, end: number): Kind {
  if (LEVELS.has(found)) {
    const line = lineAround(text, start, end).replace(/[\s\u00a0\u3000]+/g, '');
    if (line === found) return 'certain';
    if (found === '秘密') return null;
    if (found === '机密' && (text.startsWith('商业', start - 2) || text.charAt(end) === '性')) return null;
    return 'possible';
  }
  if (found === '内部使用') return 'possible';
  if (found === '注意保存') {
    const line = lineAround(text, start, end);
    return INTERNAL_ON_LINE.test(line) || line.replace(/[\s\u00a0\u3000★☆]+/g, '') === '注意保存' ? 'certain' : null;
  }
  return 'certain';
}

export function checkSecrecyMarking(f: FieldText, level: RuleSeverity, out: CheckResult[]): void {
  if (level === 'off') return;
  const text = f.text;
  PATTERN.lastIndex = 0;
  for (let m = PATTERN.exec(text); m !== null; m = PATTERN.exec(text)) {
    const found = m[0];
    const start = m.index;
    const end = start + found.length;
    const kind = STAR.test(found) ? 'certain' : classify(text, found, start, end);
    if (kind === null) continue;
    if (kind === 'certain') {
      report(out, f, {
        rule: 'secrecy_marking', severity: level, start, end,
        message: `发现密级或内部标识“${found}”：涉密或内部信息不得公开发布`,
        messageEn: `Secrecy or internal-use marking "${found}" found: classified or internal information must not be published`,
        suggestion: '删除标识及相关内容，或确认文件已依法解密、可以公开后再发布',
      });
    } else {
      report(out, f, {
        rule: 'secrecy_marking', severity: capSeverity(level, 'warn'), start, end,
        message: `出现“${found}”字样：请确认不是密级标识，也不涉及涉密内容`,
        messageEn: `The word "${found}" appears: confirm it is not a secrecy marking and nothing classified is involved`,
      });
    }
  }
}
