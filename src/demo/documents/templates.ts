import type { Prng } from './prng.js';
import {
  CHECK_ITEMS, EDUCATION, GIVEN_CHARS, HOLIDAYS, LEADER_ROLES, NEWS_BODY, NEWS_OPENINGS, POSITIONS,
  PROCUREMENT_PROJECTS, SURNAMES,
} from './corpus.js';
import { fill, monthDay, paragraphs, shanghaiDate, chineseDate, summaryOf, type DemoDocument, type DemoSiteContext } from './demo-document.js';

/** What every template gets: where it writes, when it was published, its key in the list. */
export interface TemplateInput {
  readonly ctx: DemoSiteContext;
  readonly rng: Prng;
  readonly publishedAt: number;
  readonly key: number;
  readonly columnId: number;
}

const DAY = 86_400_000;

/** Body sentences that do not fit an opening (by opening index: visit, meeting, training, progress). */
const NEWS_BODY_EXCLUDE: readonly (readonly string[])[] = [
  ['会议', '培训', '有关部门负责同志就'], ['调研中', '培训'], ['调研中', '会议', '强调'], ['会议', '调研中', '培训', '有关部门负责同志就', '强调'],
];

function base(t: TemplateInput): Pick<DemoDocument, 'key' | 'siteId' | 'columnId' | 'publishedAt' | 'isMajor' | 'interpretsKey'> {
  return { key: t.key, siteId: t.ctx.siteId, columnId: t.columnId, publishedAt: t.publishedAt, isMajor: false, interpretsKey: null };
}

/** Who leads visits and meetings; a department's head is 厅长, 主任 or 局长 by its kind. */
function leaderRoles(ctx: DemoSiteContext): readonly string[] {
  if (ctx.level !== 'department') return LEADER_ROLES[ctx.level];
  const head = ctx.place.endsWith('厅') ? '厅长' : ctx.place.endsWith('委员会') ? '主任' : '局长';
  return [...LEADER_ROLES.department, head, `副${head}`, `党组书记、${head}`];
}

/** News (领导调研, 会议召开, 工作推进); `meetingNumber` makes it a 常务会议 report. */
export function newsDocument(t: TemplateInput, opts: { meetingNumber?: number; aboutPlace?: string } = {}): DemoDocument {
  const { ctx, rng } = t;
  const s = rng.pick(ctx.subjects);
  const who = rng.pick(leaderRoles(ctx));
  const sub = opts.aboutPlace ?? rng.pick(ctx.subPlaces);
  const place = opts.aboutPlace ?? ctx.place;
  const vars = { date: monthDay(t.publishedAt - rng.int(0, 1) * DAY), who, sub, area: s.area, place };
  let title: string;
  let lines: string[];
  if (opts.meetingNumber !== undefined) {
    const head = ctx.level === 'province' ? '省政府' : ctx.level === 'city' ? `${ctx.place}政府` : `${ctx.place}政府`;
    title = `${head}召开第${opts.meetingNumber}次常务会议`;
    const topics = rng.sample(ctx.subjects, 3).map((x) => x.area);
    lines = [
      `${vars.date}，${head}召开第${opts.meetingNumber}次常务会议，研究${topics.join('、')}等工作。`,
      `会议听取了关于${topics[0] ?? s.area}工作情况的汇报，审议并原则通过《${ctx.place}${rng.pick(ctx.subjects).subject}实施方案》。`,
      fill(rng.pick(NEWS_BODY), vars),
      '会议还研究了其他事项。',
    ];
  } else {
    const opening = rng.int(0, NEWS_OPENINGS.length - 1);
    title = [
      `${who}到${sub}调研${s.area}工作`,
      `${place}召开${s.area}工作推进会`,
      `${place}举办${s.area}专题培训班`,
      `${place}${s.area}工作取得新进展`,
    ][opening] ?? `${place}扎实推进${s.area}`;
    // Each kind of story only takes the body sentences that fit it (no 会议指出 in a visit report).
    const fits = NEWS_BODY.filter((p) => !NEWS_BODY_EXCLUDE[opening]?.some((w) => p.startsWith(w) || p.startsWith(`{who}${w}`)));
    lines = [fill(NEWS_OPENINGS[opening] ?? '', vars), ...rng.sample(fits, rng.int(2, 3)).map((p) => fill(p, vars))];
  }
  return {
    ...base(t), orgId: ctx.office.id, orgCode: ctx.office.code, kind: 'article', title, bodyHtml: paragraphs(lines),
    summary: summaryOf(lines), keywords: s.keywords, documentNumber: null, topicCategory: s.topic, genre: '工作动态',
    issuingOrgName: ctx.level === 'department' ? ctx.government.name : ctx.office.name, dateWritten: null, source: ctx.siteName,
  };
}

/** 通知公告: 开展…的通知, 放假安排, 招标/中标公告. */
export function noticeDocument(t: TemplateInput): DemoDocument {
  const { ctx, rng } = t;
  const date = shanghaiDate(t.publishedAt);
  const year = Number(date.slice(0, 4));
  const issuer = ctx.level === 'department' ? ctx.government : ctx.office;
  const variant = rng.int(0, 3);
  let title: string;
  let genre: string;
  let lines: string[];
  if (variant === 0) {
    const item = rng.pick(CHECK_ITEMS);
    title = `关于开展${year}年度${item}工作的通知`;
    genre = '通知';
    lines = [
      '各有关单位：',
      `为进一步压实工作责任，推动各项要求落到实处，经研究，决定于${year}年组织开展${item}工作。现将有关事项通知如下。`,
      `一、工作内容。重点检查制度建设、日常管理、问题整改等情况，采取单位自查、实地抽查和集中复核相结合的方式进行。`,
      `二、时间安排。各单位于通知印发之日起15个工作日内完成自查，并将自查报告报送${issuer.name}。`,
      '三、工作要求。各单位要高度重视，明确专人负责，如实报送有关情况，对发现的问题要建立台账、限期整改。',
      `${issuer.name}`, chineseDate(date),
    ];
  } else if (variant === 1) {
    const holiday = rng.pick(HOLIDAYS);
    const hYear = holiday === '元旦' && date.slice(5, 7) === '12' ? year + 1 : year;
    title = `关于${hYear}年${holiday}放假安排的通知`;
    genre = '通知';
    lines = [
      `${ctx.level === 'department' ? '机关各处室、各直属单位' : '各有关单位'}：`,
      `根据国务院办公厅关于${hYear}年部分节假日安排的通知精神，现将${hYear}年${holiday}放假安排通知如下。`,
      `${holiday}期间放假调休安排按国家规定执行，节假日期间各单位要妥善安排好值班和安全保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置。`,
      '节日期间，要加强安全生产检查，做好疫病防控、食品安全和消防安全等工作，确保广大人民群众度过平安、祥和的节日。',
      `${issuer.name}`, chineseDate(date),
    ];
  } else {
    const project = rng.pick(PROCUREMENT_PROJECTS);
    const award = variant === 3;
    title = award ? `${issuer.name}${project}项目中标（成交）结果公告` : `${issuer.name}${project}项目公开招标公告`;
    genre = '公告';
    const no = `JSZC-${ctx.government.code.slice(0, 4)}-${year}-${String(rng.int(100, 999))}`;
    lines = award
      ? [`一、项目编号：${no}`, `二、项目名称：${project}`, `三、中标（成交）信息：供应商名称：示例${rng.pick(['信息技术', '物业服务', '数据科技', '网络科技'])}有限公司，中标金额：${rng.int(20, 480)}.${rng.int(10, 99)}万元。`,
        '四、公告期限：自本公告发布之日起1个工作日。', `五、采购人：${issuer.name}。`]
      : [`一、项目编号：${no}`, `二、项目名称：${project}`, `三、预算金额：${rng.int(30, 500)}万元。`,
        '四、供应商资格要求：满足《中华人民共和国政府采购法》第二十二条规定；本项目不接受联合体投标。',
        `五、获取招标文件：自本公告发布之日起5个工作日内，通过政府采购电子交易平台在线获取。`, `六、采购人：${issuer.name}。`];
  }
  return {
    ...base(t), orgId: issuer.id, orgCode: issuer.code, kind: 'notice', title, bodyHtml: paragraphs(lines), summary: summaryOf(lines.slice(1, 2)),
    keywords: genre === '公告' ? '政府采购,公告' : '通知', documentNumber: null, topicCategory: genre === '公告' ? '财政、金融、审计\\财政' : '综合政务\\其他',
    genre, issuingOrgName: issuer.name, dateWritten: date, source: issuer.name,
  };
}

function fictionalName(rng: Prng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_CHARS) + (rng.chance(0.6) ? rng.pick(GIVEN_CHARS) : '');
}

/** 任前公示 with fictional people. */
export function personnelDocument(t: TemplateInput, batch: number): DemoDocument {
  const { ctx, rng } = t;
  const date = shanghaiDate(t.publishedAt);
  const year = Number(date.slice(0, 4));
  const org = ctx.government;
  const people = rng.int(2, 4);
  const lines = [
    `根据《党政领导干部选拔任用工作条例》有关规定，经研究，现将拟任职干部情况予以公示：`,
    ...Array.from({ length: people }, () => {
      const [current, proposed] = rng.pick(POSITIONS);
      return `${fictionalName(rng)}，${rng.chance(0.6) ? '男' : '女'}，汉族，${rng.int(1972, 1990)}年${rng.int(1, 12)}月生，中共党员，${rng.pick(EDUCATION)}，现任${org.name}${current}，拟任${proposed}。`;
    }),
    `公示时间：${chineseDate(date)}至${chineseDate(shanghaiDate(t.publishedAt + 7 * 86_400_000))}（5个工作日）。`,
    '公示期间，对公示对象有情况反映的，可通过来电、来信、来访等方式向组织人事部门反映。反映情况要实事求是，以真实姓名反映的，将予以保密。',
    `联系电话：（示例）${rng.int(80000000, 89999999)}`,
  ];
  return {
    ...base(t), orgId: org.id, orgCode: org.code, kind: 'personnel', title: `${org.name}${year}年第${batch}批干部任前公示`,
    bodyHtml: paragraphs(lines), summary: summaryOf(lines.slice(0, 1)), keywords: '任前公示,干部', documentNumber: null,
    topicCategory: '劳动、人事、监察\\人事工作', genre: '公告', issuingOrgName: org.name, dateWritten: date, source: org.name,
  };
}
