import { GOAL_PHRASES, INTRO_PHRASES, MANAGEMENT_NOUNS, SAFEGUARD_PHRASES, TASK_PHRASES } from './corpus.js';
import { chineseDate, fill, paragraphs, shanghaiDate, summaryOf, type DemoDocument } from './demo-document.js';
import type { TemplateInput } from './templates.js';

const DAY = 86_400_000;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

/** Hands out 文号 sequence numbers per issuer prefix and year, increasing with the date. */
export class DocumentNumbers {
  private readonly last = new Map<string, number>();

  next(prefix: string, year: number, step: number): string {
    const key = `${prefix}|${year}`;
    const n = (this.last.get(key) ?? 0) + step;
    this.last.set(key, n);
    return `${prefix}〔${year}〕${n}号`;
  }
}

/**
 * A policy document (政策文件) with 文号, 成文日期 a few days before publication, topic category
 * and genre: 实施意见 (意见), 印发…方案/措施/办法的通知 (通知).
 */
export function policyDocument(t: TemplateInput, numbers: DocumentNumbers): DemoDocument {
  const { ctx, rng } = t;
  const dateWritten = shanghaiDate(t.publishedAt - rng.int(2, 15) * DAY);
  const year = Number(dateWritten.slice(0, 4));
  const fromOffice = ctx.level !== 'department' && rng.chance(0.55);
  const issuer = fromOffice ? ctx.office : ctx.government;
  const short = ctx.level === 'province' ? (fromOffice ? '省政府办公厅' : '省政府')
    : ctx.level === 'department' ? ctx.government.name
      : fromOffice ? `${ctx.place}政府办公室` : `${ctx.place}政府`;
  const s = rng.pick(ctx.subjects);
  // A department's own plans are named without its name again (江苏省财政厅关于印发…若干措施).
  const inner = ctx.level === 'department' ? '' : ctx.place;
  const variant = rng.int(0, 3);
  let title: string;
  let genre: string;
  let topic = s.topic;
  let noun = '';
  let prefix = fromOffice ? ctx.numberPrefixes.office : ctx.numberPrefixes.main;
  if (variant === 0) {
    title = `${short}关于${s.subject}的实施意见`;
    genre = '意见';
  } else if (variant === 1) {
    title = `${short}关于印发${inner}${s.subject}行动方案（${year}—${year + 2}年）的通知`;
    genre = '通知';
  } else if (variant === 2) {
    title = `${short}关于印发${inner}${s.subject}若干措施的通知`;
    genre = '通知';
  } else {
    const m = rng.pick(MANAGEMENT_NOUNS);
    noun = m.noun;
    title = `${short}关于印发${inner}${m.noun}管理办法的通知`;
    genre = '通知';
    topic = m.topic;
    prefix = ctx.numberPrefixes.rules;
  }
  const addressees = ctx.level === 'province' ? '各设区市人民政府，省各委办厅局，省各直属单位：'
    : ctx.level === 'city' ? '各区（县、市）人民政府，市各委办局，市各直属单位：'
      : ctx.level === 'county' ? '各镇人民政府、街道办事处，区（县、市）各委办局，各直属单位：'
        : '各设区市对口部门，机关各处室，各直属单位：';
  const vars = {
    subject: variant === 3 ? `规范${noun}管理` : s.subject,
    area: s.area, place: ctx.place, year: String(year + 3), closing: variant === 2 ? '提出以下措施' : '制定本方案',
  };
  const tasks = rng.sample(TASK_PHRASES, rng.int(3, 5));
  const safeguards = rng.sample(SAFEGUARD_PHRASES, 2);
  const lines = [
    addressees,
    fill(INTRO_PHRASES[variant === 0 ? 0 : variant === 3 ? 2 : 1] ?? '', vars),
    '一、总体要求',
    ...rng.sample(GOAL_PHRASES, 2).map((g) => fill(g, vars)),
    '二、主要任务',
    ...tasks.map((p, i) => `（${NUMERALS[i] ?? i + 1}）${p}`),
    '三、保障措施',
    ...safeguards.map((p, i) => `（${NUMERALS[i] ?? i + 1}）${p}`),
    variant === 3 ? '本办法自印发之日起施行，有效期5年。' : '本文件自印发之日起施行。',
    issuer.name,
    chineseDate(dateWritten),
  ];
  return {
    key: t.key, siteId: ctx.siteId, columnId: t.columnId, publishedAt: t.publishedAt, isMajor: false, interpretsKey: null,
    orgId: issuer.id, orgCode: issuer.code, kind: 'policy', title, bodyHtml: paragraphs(lines), summary: summaryOf(lines.slice(1, 2)),
    keywords: s.keywords, documentNumber: numbers.next(prefix, year, rng.int(1, 4)), topicCategory: topic, genre,
    issuingOrgName: issuer.name, dateWritten, source: issuer.name,
  };
}

/** A 政策解读 of `policy`, structured as 出台背景 / 主要内容 / 创新举措, published with or soon after it. */
export function interpretationDocument(t: TemplateInput, policy: DemoDocument): DemoDocument {
  const { ctx, rng } = t;
  const core = policy.title;
  const inner = core.includes('关于印发') ? core.replace(/^.*?关于印发/, '').replace(/的通知$/, '') : core;
  const steps = rng.sample(TASK_PHRASES, 3).map((p) => p.split('。')[0] ?? p);
  const lines = [
    '一、出台背景',
    `为贯彻落实国家和省有关决策部署，回应企业和群众关切，${policy.issuingOrgName}在深入调研、广泛征求意见的基础上，研究制定了《${inner}》（${policy.documentNumber ?? ''}），于${chineseDate(policy.dateWritten ?? shanghaiDate(policy.publishedAt))}印发。`,
    '二、主要内容',
    `文件共分总体要求、主要任务和保障措施三个部分，明确了${steps.join('、')}等重点任务，并对组织领导、督查考核和经费保障作出安排。`,
    '三、创新举措',
    `一是突出问题导向，聚焦企业和群众反映集中的难点堵点，逐项提出解决办法；二是强化协同联动，明确牵头部门和配合部门，形成工作合力；三是注重落地见效，建立定期调度和评估机制，确保政策红利及时释放。`,
    '四、解读机关及联系方式',
    `解读机关：${policy.issuingOrgName}；联系电话：（示例）${rng.int(80000000, 89999999)}。`,
  ];
  return {
    key: t.key, siteId: ctx.siteId, columnId: t.columnId, publishedAt: t.publishedAt, isMajor: false, interpretsKey: policy.key,
    orgId: policy.orgId, orgCode: policy.orgCode, kind: 'interpretation', title: `《${inner}》政策解读`, bodyHtml: paragraphs(lines),
    summary: summaryOf(lines.slice(3, 4)), keywords: `政策解读,${policy.keywords}`, documentNumber: null, topicCategory: policy.topicCategory,
    genre: null, issuingOrgName: policy.issuingOrgName, dateWritten: shanghaiDate(t.publishedAt), source: policy.issuingOrgName,
  };
}
