/**
 * Machine checks per second on a typical 3,000-character document (a policy notice with
 * numbers, dates, a table, links and the starter dictionary), against a baseline measured in
 * the same run: a plain `String.prototype.includes` scan of the same body text for every
 * dictionary phrase and secrecy word (no positions, no context, no HTML). The ratio says how
 * many naive scans one real check costs.
 *
 * Run alone: `node --import tsx bench/checks.bench.ts [--quick]`.
 */
import { pathToFileURL } from 'node:url';
import { htmlToPlainText, runChecks, STARTER_DICTIONARY, type CheckContext, type CheckInput } from '../src/modules/checks/index.js';
import type { BenchOptions, BenchResult } from './lib/figure.js';
import { median } from './lib/stats.js';
import { formatTable } from './lib/print-table.js';
import { cpuPlan } from './lib/cpu-pinning.js';

const PARAGRAPHS = [
  '为深入贯彻落实党中央、国务院关于推进政府网站集约化建设的决策部署，进一步提升政府网站管理水平和服务能力，根据《国务院办公厅关于印发政府网站发展指引的通知》（国办发〔2017〕47号）要求，结合我省实际，现就有关事项通知如下。',
  '一、总体要求。坚持以人民为中心的发展思想，以集约共享为方向，以数据融通为重点，统筹推进全省政府网站平台建设、内容保障和安全防护，到2026年底，全省政府网站全部迁入省级统一平台，实现标准统一、资源共享、安全可靠、服务便捷。',
  '二、主要任务。（一）统一平台建设。省政务办牵头建设全省统一的政府网站集约化平台，提供站群管理、信息资源库、统一检索、统一用户、统一安全防护等功能，各设区市、县（市、区）政府网站和省级部门网站原则上全部部署在省级平台上。',
  '（二）规范内容管理。各地各部门要建立健全信息发布审核制度，严格执行“先审后发”和保密审查要求，确保发布内容准确、权威、规范。截至2025年6月底，全省共有政府网站312家，其中政府门户网站109家、部门网站203家。',
  '（三）强化数据共享。依托信息资源库，按照统一的分类、元数据和数据格式，实现政策文件、解读材料、办事指南等信息资源跨层级、跨地域、跨系统共享共用。各级政府网站应当在12小时内转载国务院和省政府重要政策文件。',
  '（四）加强安全防护。落实网络安全等级保护制度，完善安全监测、预警通报和应急处置机制，定期开展安全检查和应急演练，及时处置网页篡改、数据泄露等安全事件，保障平台安全稳定运行。',
  '三、保障措施。各地各部门要高度重视政府网站集约化工作，明确责任分工，加强经费保障，将政府网站建设管理纳入年度绩效考核。省政府办公厅将定期通报各地各部门工作进展情况。联系电话：025-83391234，电子邮箱：zwgk@js.gov.cn。',
];

export function typicalDocument(): CheckInput {
  let html = '';
  let i = 0;
  while (htmlToPlainText(html).length < 2900) {
    html += `<p>${PARAGRAPHS[i % PARAGRAPHS.length]}</p>`;
    i++;
  }
  html += '<table><tr><td>序号</td><td>单位</td><td>完成时限</td></tr><tr><td>1</td><td>省政务办</td><td>2026年12月31日</td></tr></table>';
  html += '<p>相关链接：<a href="https://www.gov.cn/zhengce/content/2017-06/08/content_5200760.htm">国务院办公厅通知</a>、<a href="https://www.jiangsu.gov.cn/col/col76841/index.html">江苏省人民政府</a>。</p>';
  return {
    title: '江苏省人民政府办公厅关于进一步加强政府网站集约化建设的通知',
    bodyHtml: html,
    metadata: { documentNumber: '苏政办发〔2026〕12号', dateWritten: '2026-06-28', topicCategory: '综合政务\\政务公开', genre: '通知', issuingOrgName: '江苏省人民政府办公厅' },
    requiredFields: ['documentNumber', 'dateWritten', 'topicCategory', 'genre', 'issuingOrgName'],
  };
}

const SECRECY_WORDS = ['绝密', '机密', '秘密', '内部资料', '内部文件', '内部参考', '内部传阅', '不得外传', '严禁外传', '内部使用', '注意保存'];

function naiveScan(text: string, words: readonly string[]): number {
  let found = 0;
  for (const w of words) if (text.includes(w)) found++;
  return found;
}

function opsPerSecondSync(seconds: number, fn: () => unknown): number {
  const start = process.hrtime.bigint();
  const limit = start + BigInt(Math.round(seconds * 1e9));
  let n = 0;
  let now = start;
  let sink = 0;
  while (now < limit) {
    for (let k = 0; k < 50; k++) {
      const r = fn();
      sink += typeof r === 'number' ? r : Array.isArray(r) ? r.length : 0;
    }
    n += 50;
    now = process.hrtime.bigint();
  }
  if (sink < 0) console.log(sink);
  return n / (Number(now - start) / 1e9);
}

export async function benchChecks(opts: BenchOptions): Promise<BenchResult> {
  const input = typicalDocument();
  const text = htmlToPlainText(input.bodyHtml);
  const ctx: CheckContext = { dictionary: STARTER_DICTIONARY.map((e, i) => ({ ...e, id: i + 1 })), severities: {} };
  const words = [...SECRECY_WORDS, ...ctx.dictionary.map((e) => e.phrase.replace(/\{[^}]*\}/g, ''))];
  const seconds = opts.quick ? 0.3 : 1;
  // Warm up both paths (JIT, dictionary compilation).
  opsPerSecondSync(0.2, () => runChecks(input, ctx));
  opsPerSecondSync(0.2, () => naiveScan(text, words));
  const checks: number[] = [];
  const base: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    const c = opsPerSecondSync(seconds, () => runChecks(input, ctx));
    const b = opsPerSecondSync(seconds, () => naiveScan(text, words));
    checks.push(c);
    base.push(b);
    ratios.push(b / c);
    opts.log(`round ${r + 1}: ${Math.round(c)} checks/s, ${Math.round(b)} naive scans/s`);
  }
  const perSecond = median(checks);
  const msEach = 1000 / perSecond;
  return {
    figures: [{
      name: `machine checks, ${text.length}-char document`,
      value: Math.round(perSecond), unit: 'checks/s',
      baseline: { value: Math.round(median(base)), unit: 'scans/s', label: `String.includes × ${words.length} words` },
      ratio: median(ratios),
      goal: '< 1 ms per document (> 1,000 checks/s)',
      pass: msEach < 1,
    }],
    notes: [`checks: ${runChecks(input, ctx).length} findings on the typical document; ${msEach.toFixed(3)} ms per check; dictionary ${ctx.dictionary.length} entries`],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const result = await benchChecks({ quick, rounds: 3, cpu: cpuPlan(), log: (m) => process.stderr.write(`  ${m}\n`) });
  console.log(formatTable(result.figures));
  for (const n of result.notes) console.log(`- ${n}`);
}
