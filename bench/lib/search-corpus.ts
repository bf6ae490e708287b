/**
 * A large, deterministic set of Chinese government documents for the search benchmark, as the
 * search index receives them (SearchEntry). A province-wide platform: the provincial portal,
 * 13 city portals, 78 county portals and 40 provincial departments, each with its columns;
 * ten years of history, denser in recent years. Texts are assembled from the demo corpus
 * (src/demo/documents/corpus.ts) plus the service vocabulary citizens search for (社保卡,
 * 公积金, 不动产登记…), with places, numbers, names and dates filled in, so the vocabulary is
 * broad and term frequencies are uneven, as in a real portal. Title and body average ≈ 550
 * characters (policies up to ≈ 2,500). Same seed, same documents.
 */
import { Prng } from '../../src/demo/documents/prng.js';
import {
  GOAL_PHRASES, HOLIDAYS, INTRO_PHRASES, MANAGEMENT_NOUNS, NEWS_BODY, NEWS_OPENINGS, POLICY_SUBJECTS, PROCUREMENT_PROJECTS,
  SAFEGUARD_PHRASES, SURNAMES, GIVEN_CHARS, TASK_PHRASES, CHECK_ITEMS,
} from '../../src/demo/documents/corpus.js';
import type { DocumentKind } from '../../src/modules/content/index.js';
import type { SearchEntry } from '../../src/modules/search/index.js';

const DAY = 86_400_000;
const YEARS = 10;

export const CITIES = ['南京市', '无锡市', '徐州市', '常州市', '苏州市', '南通市', '连云港市', '淮安市', '盐城市', '扬州市', '镇江市', '泰州市', '宿迁市'] as const;
const COUNTY_SUFFIX = ['区', '县', '市'] as const;
const COUNTY_STEMS = ['玄武', '秦淮', '建邺', '鼓楼', '浦口', '栖霞', '雨花台', '江宁', '六合', '溧水', '高淳', '锡山', '惠山', '滨湖', '梁溪', '新吴', '江阴', '宜兴', '丰县', '沛县',
  '睢宁', '新沂', '邳州', '天宁', '钟楼', '新北', '武进', '金坛', '溧阳', '虎丘', '吴中', '相城', '姑苏', '吴江', '常熟', '张家港', '昆山', '太仓', '崇川', '通州',
  '海门', '如东', '启东', '如皋', '海安', '连云', '海州', '赣榆', '东海', '灌云', '灌南', '淮安', '淮阴', '清江浦', '洪泽', '涟水', '盱眙', '金湖', '亭湖', '盐都',
  '大丰', '响水', '滨海', '阜宁', '射阳', '建湖', '东台', '广陵', '邗江', '江都', '宝应', '仪征', '高邮', '京口', '润州', '丹徒', '丹阳', '扬中'];
const DEPARTMENTS = ['发展和改革委员会', '教育厅', '科学技术厅', '工业和信息化厅', '民政厅', '司法厅', '财政厅', '人力资源和社会保障厅', '自然资源厅', '生态环境厅',
  '住房和城乡建设厅', '交通运输厅', '水利厅', '农业农村厅', '商务厅', '文化和旅游厅', '卫生健康委员会', '退役军人事务厅', '应急管理厅', '审计厅',
  '市场监督管理局', '广播电视局', '体育局', '统计局', '医疗保障局', '地方金融管理局', '政务服务管理办公室', '机关事务管理局', '粮食和物资储备局', '能源局',
  '监狱管理局', '药品监督管理局', '知识产权局', '林业局', '数据局', '信访局', '人民防空办公室', '税务局', '气象局', '通信管理局'];

/** What citizens and companies come to do (办事): the words of most real searches. */
export const SERVICES = [
  '社保卡申领', '社保卡补换', '医保报销', '异地就医备案', '公积金提取', '公积金贷款', '不动产登记', '营业执照办理', '企业开办', '户口迁移',
  '居民身份证办理', '驾驶证换领', '机动车检验', '出入境证件办理', '公租房申请', '住房保障', '退役军人优待证', '残疾人两项补贴', '高龄津贴', '义务教育入学',
  '中考报名', '职称评审', '人才引进落户', '创业担保贷款', '稳岗返还', '失业保险金申领', '养老保险待遇领取', '生育津贴', '工伤认定', '最低生活保障',
  '临时救助', '婚姻登记', '出生医学证明', '新生儿落户', '预防接种', '食品经营许可', '建设工程规划许可', '施工许可', '消防验收', '税务登记',
  '个人所得税汇算', '增值税留抵退税', '水电气报装', '新能源汽车补贴', '消费券发放', '家电以旧换新补贴', '耕地地力保护补贴', '农村宅基地审批', '林权登记', '电动自行车登记',
  '居住证办理', '护照办理', '港澳通行证办理', '法律援助', '公证办理', '医师执业注册', '教师资格认定', '特种设备使用登记', '道路运输许可', '排污许可',
] as const;

const SERVICE_SENTENCES = [
  '申请人可通过{place}政务服务网、“苏服办”移动端或线下窗口办理{service}，全程网办事项实行“不见面审批”。',
  '办理{service}需提交居民身份证、户口簿等材料，材料齐全的当场受理，{n}个工作日内办结。',
  '今年以来，{place}累计办理{service}业务{big}件，群众满意率达到{pct}%。',
  '咨询电话：12345政务服务便民热线，或拨打{place}{org}服务电话0{phone}。',
  '符合条件的对象可在每月{day}日前向户籍所在地乡镇（街道）便民服务中心提出{service}申请。',
  '{place}将{service}纳入“一件事一次办”改革，办理时限由{n}个工作日压减至{m}个工作日。',
  '对逾期未办理{service}的，有关部门将通过短信、电话等方式提醒，避免影响待遇享受。',
  '据统计，{year}年全省{service}网上办理比例达到{pct}%，平均跑动次数降至{small}次。',
  '社保卡是持卡人享受社会保障和公共服务的电子凭证，可用于就医购药、待遇领取和身份识别。',
  '住房公积金缴存职工在购买、建造、翻建、大修自住住房时，可以申请提取住房公积金账户内的存储余额。',
  '参保人员异地就医前应办理备案手续，备案后在就医地定点医疗机构直接结算医疗费用。',
  '企业开办实行营业执照、公章刻制、涉税事项和社保登记“一表申请、一窗发放”，一个工作日内办结。',
  '不动产登记实行“交房即交证”，新建商品房首次登记与转移登记合并办理。',
  '失业人员可持社保卡在线申领失业保险金，审核通过后按月发放。',
  '对符合条件的困难群众，及时纳入最低生活保障、特困人员救助供养或临时救助范围。',
  '新能源汽车购置补贴申请截止时间为{year}年{month}月{day}日，逾期不再受理。',
  '消费者参加家电以旧换新活动，可享受购买价格{pct}%的补贴，单件补贴不超过{thousand}元。',
  '参保职工达到法定退休年龄且累计缴费满{n}年的，按月领取基本养老金。',
] as const;

/** Progress reports: the numbers and place names that make every text a little different. */
const PROGRESS_SENTENCES = [
  '{year}年{place}地区生产总值同比增长{small}.{n}%，一般公共预算收入完成{big}万元。',
  '截至{month}月底，{place}已开工建设重点项目{n}个，完成投资{big}万元，占年度计划的{pct}%。',
  '全年新增城镇就业{big}人，城镇登记失业率控制在{small}%以内。',
  '{place}新建改造老旧小区{n}个，惠及居民{big}户，加装电梯{m}百余部。',
  '全市空气质量优良天数比率达到{pct}%，国考断面水质优Ⅲ类比例保持100%。',
  '{place}共排查整治安全隐患{big}处，整改完成率{pct}%，全年未发生较大以上生产安全事故。',
  '新增高新技术企业{n}百家，规模以上工业增加值增长{small}.{m}%。',
  '累计发放创业担保贷款{big}万元，扶持创业{n}千人，带动就业{big}人。',
  '全年接待游客{big}万人次，实现旅游收入{big}万元，同比分别增长{n}%和{m}%。',
  '{place}在全省营商环境评价中位列第{small}，政务服务满意度达到{pct}%。',
  '新建农村公路{big}公里，改造农村危桥{n}座，建制村双车道四级公路覆盖率达{pct}%。',
  '全面落实减税降费政策，全年为市场主体减负{big}万元，惠及企业{big}户。',
  '义务教育阶段新建改扩建学校{n}所，新增学位{big}个，课后服务实现全覆盖。',
  '基层医疗卫生机构诊疗人次占比达到{pct}%，家庭医生签约服务覆盖{big}人。',
  '{place}建成“15分钟便民生活圈”{n}个，新增社区养老服务用房{big}平方米。',
  '全年办理人大代表建议和政协提案{big}件，办复率100%，满意率{pct}%。',
  '12345热线全年受理群众诉求{big}件，按时办结率{pct}%，群众满意率{pct}%。',
  '推进“放管服”改革，{n}项高频事项实现“跨省通办”，{m}项实现“秒批秒办”。',
  '{place}政府网站全年发布信息{big}条，政务新媒体发布{big}条，回应关切{n}百余次。',
  '组织开展{area}专项行动{n}次，检查企业{big}家，立案查处违法案件{n}起。',
] as const;

const RESPONSE_SENTENCES = [
  '您好！您反映的关于{service}的问题已收悉，现答复如下。',
  '经向{place}{org}核实，{service}已于{year}年{month}月起实行网上办理。',
  '感谢您对{place}政府工作的关心和支持。如有疑问，请拨打12345政务服务便民热线咨询。',
  '针对网民反映的{area}问题，{place}有关部门高度重视，第一时间组织人员进行现场调查。',
  '经调查，相关情况属实，责令有关单位限期整改，整改结果将及时向社会公开。',
] as const;

const RUMOUR_SENTENCES = [
  '近日，网上流传“{place}{service}将全面暂停”的消息，经核实，该消息不实。',
  '{place}{org}郑重提醒，请广大市民以官方发布的信息为准，不信谣、不传谣。',
  '对编造、故意传播虚假信息的行为，公安机关将依法予以查处。',
] as const;

const INTERPRETATION_SENTENCES = [
  '一、出台背景。为深入贯彻落实国家有关决策部署，{place}研究制定了《{title}》。',
  '二、主要内容。文件共{n}条，从{area}、要素保障、服务优化等方面提出了具体措施。',
  '三、适用范围。本文件适用于{place}行政区域内的{area}相关工作。',
  '四、创新举措。文件明确将{service}纳入“一网通办”，实现全程网上办理。',
  '五、实施时间。本文件自{year}年{month}月{day}日起施行，有效期{small}年。',
] as const;

const PERSONNEL_SENTENCES = [
  '根据干部选拔任用有关规定，现将拟任职人选予以公示。',
  '公示期间，如对公示对象有异议，可通过来电、来信、来访等方式向{place}组织部门反映。',
  '联系电话：0{phone}。公示时间：{year}年{month}月{day}日至{month}月{day2}日。',
] as const;

const NOTICE_SENTENCES = [
  '各设区市人民政府，省各委办厅局，省各直属单位：',
  '现将有关事项通知如下，请认真贯彻执行。',
  '请各地于{year}年{month}月{day}日前将工作开展情况报送{place}{org}。',
  '联系人：{name}，联系电话：0{phone}，电子邮箱：{mail}@jiangsu.gov.cn。',
  '本次{check}采取自查与抽查相结合的方式进行，重点检查{area}相关工作落实情况。',
  '根据国务院办公厅通知精神，经{place}人民政府同意，现将{year}年{holiday}放假安排通知如下。',
  '{project}采购项目已完成评审，中标供应商为{company}，中标金额{thousand}元。',
] as const;

const COMPANY_STEMS = ['华泰', '苏宁', '恒信', '金陵', '东方', '长江', '新联', '博远', '正德', '智联', '天诚', '汇通'];
const COMPANY_KINDS = ['信息技术有限公司', '物业管理有限公司', '工程咨询有限公司', '数据科技有限公司', '网络科技有限公司'];

export interface CorpusSite {
  readonly id: number;
  readonly place: string;
  readonly org: string;
  readonly orgCode: string;
  readonly numberPrefix: string;
  /** Share of the platform's documents. */
  readonly weight: number;
  /** Column ids by the kind of document they hold. */
  readonly columns: Readonly<Record<DocumentKind, readonly number[]>>;
}

const KINDS: readonly DocumentKind[] = ['article', 'notice', 'policy', 'interpretation', 'personnel', 'response', 'rumour_rebuttal', 'page'];
/** Share of each kind among the documents of a portal. */
const KIND_MIX: readonly [DocumentKind, number][] = [
  ['article', 0.44], ['notice', 0.2], ['policy', 0.08], ['interpretation', 0.04], ['personnel', 0.05], ['response', 0.09], ['rumour_rebuttal', 0.02], ['page', 0.08],
];

function orgCode(n: number): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let s = '';
  let v = 1_000_003 * (n + 17);
  for (let i = 0; i < 9; i++) {
    s += chars[v % chars.length];
    v = Math.floor(v / chars.length) + n * 7919;
  }
  return s;
}

/** The platform's sites (ids from 1), each with two or three columns per kind. */
export function corpusSites(): CorpusSite[] {
  const sites: CorpusSite[] = [];
  let columnId = 1;
  const add = (place: string, org: string, numberPrefix: string, weight: number): void => {
    const id = sites.length + 1;
    const columns = Object.fromEntries(KINDS.map((k) => [k, Array.from({ length: k === 'article' || k === 'notice' ? 3 : 2 }, () => columnId++)])) as Record<DocumentKind, number[]>;
    sites.push({ id, place, org, orgCode: orgCode(id), numberPrefix, weight, columns });
  };
  add('江苏省', '江苏省人民政府办公厅', '苏政办发', 8);
  for (const c of CITIES) add(c, `${c}人民政府办公室`, `${c.slice(0, 1)}政办发`, 2.5);
  COUNTY_STEMS.forEach((stem, i) => {
    const place = `${stem}${stem.endsWith('县') || stem.endsWith('市') ? '' : COUNTY_SUFFIX[i % 3]}`;
    add(place, `${place}人民政府办公室`, `${stem.slice(0, 1)}政办发`, 0.45);
  });
  for (const d of DEPARTMENTS) add('江苏省', `江苏省${d}`, `苏${d.slice(0, 1)}发`, 0.5);
  return sites;
}

function fillText(template: string, v: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => v[k] ?? m);
}

function weightedPick<T>(rng: Prng, items: readonly (readonly [T, number])[]): T {
  let r = rng.next() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

function personName(rng: Prng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_CHARS) + (rng.chance(0.6) ? rng.pick(GIVEN_CHARS) : '');
}

/**
 * Generates documents `first` .. `first + count - 1` (ids from 1). Each document depends only on
 * its id and the seed, so the set can be produced in batches, in any order, in any process.
 */
export function corpusDocuments(sites: readonly CorpusSite[], q: { first: number; count: number; seed: number; now: number }): SearchEntry[] {
  const siteWeights = sites.map((s) => [s, s.weight] as const);
  const out: SearchEntry[] = [];
  for (let id = q.first; id < q.first + q.count; id++) {
    const rng = new Prng((q.seed ^ Math.imul(id, 2_654_435_761)) >>> 0);
    const site = weightedPick(rng, siteWeights);
    const kind = weightedPick(rng, KIND_MIX);
    // Publication time: ten years back, more documents in recent years (√ skews towards now).
    const age = Math.floor((1 - Math.sqrt(rng.next())) * YEARS * 365 * DAY);
    const publishedAt = q.now - age - rng.int(0, DAY - 1);
    const year = new Date(publishedAt + 8 * 3_600_000).getUTCFullYear();
    const subject = rng.pick(POLICY_SUBJECTS);
    const service = rng.pick(SERVICES);
    const v: Record<string, string> = {
      place: site.place, org: site.org.replace(site.place, ''), area: subject.area, subject: subject.subject, service,
      n: String(rng.int(3, 20)), m: String(rng.int(1, 3)), big: String(rng.int(1_000, 900_000)), pct: String(rng.int(60, 99)),
      small: String(rng.int(1, 5)), year: String(year), month: String(rng.int(1, 12)), day: String(rng.int(1, 28)), day2: String(rng.int(1, 28)),
      phone: `25${rng.int(1_000_000, 9_999_999)}`, thousand: String(rng.int(1, 900) * 1000), name: personName(rng), mail: `gov${rng.int(100, 999)}`,
      check: rng.pick(CHECK_ITEMS), holiday: rng.pick(HOLIDAYS), project: rng.pick(PROCUREMENT_PROJECTS),
      company: `江苏${rng.pick(COMPANY_STEMS)}${rng.pick(COMPANY_KINDS)}`, who: `${site.place}${rng.pick(site.place === '江苏省' ? ['主要负责同志', '分管负责同志', '副省长'] : ['主要负责同志', '分管负责同志', '副市长', '副区长'])}`,
      sub: rng.pick(CITIES), date: `${rng.int(1, 12)}月${rng.int(1, 28)}日`, closing: '制定本方案', title: `${site.place}关于${subject.subject}的实施意见`,
    };
    // Distinct sentences of a pool (a real text does not repeat itself), filled in.
    const sentences = (pool: readonly string[], min: number, max: number): string[] => rng.sample(pool, rng.int(min, max)).map((s) => fillText(s, v));
    // Service wording appears in some news, notices and policies, not in all of them.
    const some = (p: number, pool: readonly string[], min: number, max: number): string[] => (rng.chance(p) ? sentences(pool, min, max) : []);
    let title: string;
    let body: string[];
    let documentNumber: string | null = null;
    let genre: string | null = null;
    switch (kind) {
      case 'article': {
        const opening = rng.int(0, NEWS_OPENINGS.length - 1);
        title = [`${v.who}到${v.sub}调研${subject.area}工作`, `${site.place}召开${subject.area}工作推进会`, `${site.place}举办${subject.area}专题培训班`, `${site.place}${subject.area}工作取得新进展`][opening] as string;
        if (rng.chance(0.1)) title = `${site.place}${service}实现“一网通办”`;
        body = [fillText(NEWS_OPENINGS[opening] as string, v), ...sentences(NEWS_BODY, 3, 6), ...sentences(PROGRESS_SENTENCES, 2, 6), ...some(0.25, SERVICE_SENTENCES, 1, 2), ...sentences(TASK_PHRASES, 1, 3)];
        genre = '工作动态';
        break;
      }
      case 'notice': {
        title = rng.pick([
          `关于开展${v.check}的通知`, `关于${year}年${v.holiday}放假安排的通知`, `${v.project}采购项目中标公告`, `关于做好${service}工作的通知`, `关于公布${year}年度${subject.area}示范单位名单的公告`,
        ]);
        body = [...sentences(NOTICE_SENTENCES, 3, 7), ...sentences(TASK_PHRASES, 2, 5), ...sentences(PROGRESS_SENTENCES, 0, 4), ...some(0.3, SERVICE_SENTENCES, 1, 2)];
        genre = '通知';
        break;
      }
      case 'policy': {
        const noun = rng.pick(MANAGEMENT_NOUNS).noun;
        title = rng.pick([`${site.place}人民政府关于${subject.subject}的意见`, `${site.org}关于印发${site.place}${noun}管理办法的通知`, `关于${subject.subject}的实施方案`, `${site.place}${service}实施细则`]);
        documentNumber = `${site.numberPrefix}〔${year}〕${rng.int(1, 150)}号`;
        body = [fillText(rng.pick(INTRO_PHRASES), v), ...sentences(GOAL_PHRASES, 2, 4), ...sentences(TASK_PHRASES, 5, 10), ...sentences(PROGRESS_SENTENCES, 4, 16), ...some(0.5, SERVICE_SENTENCES, 1, 4), ...sentences(SAFEGUARD_PHRASES, 2, 4)];
        genre = rng.pick(['意见', '通知', '办法', '方案', '规定']);
        break;
      }
      case 'interpretation':
        title = rng.pick([`《${v.title}》政策解读`, `一图读懂《${v.title}》`, `${site.org}负责同志解读${subject.area}新政`]);
        body = [...INTERPRETATION_SENTENCES.map((s) => fillText(s, v)), ...sentences(TASK_PHRASES, 3, 8), ...sentences(PROGRESS_SENTENCES, 1, 5)];
        genre = '解读';
        break;
      case 'personnel':
        title = rng.pick([`${site.org}干部任前公示`, `关于${v.name}等同志职务任免的通知`]);
        body = [...sentences(PERSONNEL_SENTENCES, 2, 3), ...Array.from({ length: rng.int(2, 6) }, () => `${personName(rng)}，男，汉族，${rng.int(1970, 1992)}年${rng.int(1, 12)}月生，${rng.pick(['大学学历', '研究生学历、硕士学位'])}，拟任${rng.pick(['处长', '副处长', '科长', '主任'])}。`)];
        genre = '人事信息';
        break;
      case 'response':
        title = rng.pick([`关于${service}问题的回复`, `关于网民反映${subject.area}问题的回应`, `${site.place}就${service}有关问题答网民问`]);
        body = [...sentences(RESPONSE_SENTENCES, 3, 6), ...sentences(SERVICE_SENTENCES, 1, 3)];
        genre = '回应关切';
        break;
      case 'rumour_rebuttal':
        title = `网传“${site.place}${service}将全面暂停”不实`;
        body = sentences(RUMOUR_SENTENCES, 3, 5);
        genre = '辟谣';
        break;
      case 'page':
        title = rng.pick([`${service}办事指南`, `${service}常见问题解答`, `${site.place}${service}服务专栏`]);
        body = [...sentences(SERVICE_SENTENCES, 6, 14), ...sentences(RESPONSE_SENTENCES, 0, 2)];
        genre = '办事指南';
        break;
    }
    const columns = site.columns[kind];
    const bodyText = body.join('\n');
    out.push({
      documentId: id, siteId: site.id, columnId: rng.pick(columns), extraSiteIds: rng.chance(0.02) ? [1] : [], extraColumnIds: [],
      kind, title, bodyText, summary: (body[0] ?? '').slice(0, 120), keywords: subject.keywords.replace(',', ' '),
      indexNumber: `${site.orgCode}/${year}-${String(id % 100_000).padStart(5, '0')}`, documentNumber, topicCategory: subject.topic, genre,
      issuingOrgName: site.org, publishedAt, url: `/art/${year}/${String(new Date(publishedAt + 8 * 3_600_000).getUTCMonth() + 1).padStart(2, '0')}/${id}.html`,
    });
  }
  return out;
}

/**
 * What people search for on such a platform: service names and their short forms, policy
 * areas, two-character words, phrases, and a few document numbers. Weighted towards short
 * queries, as real query logs are.
 */
export function corpusQueries(rng: Prng, n: number): string[] {
  const shortForms = ['社保', '医保', '公积金', '社保卡', '营业执照', '落户', '退休', '养老金', '失业金', '补贴', '招聘', '放假', '中考', '驾驶证', '护照', '政务', '低保', '消费券', '以旧换新', '不动产'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    if (r < 0.35) out.push(rng.pick(shortForms));
    else if (r < 0.6) out.push(rng.pick(SERVICES));
    else if (r < 0.75) out.push(rng.pick(POLICY_SUBJECTS).area);
    else if (r < 0.85) out.push(`${rng.pick(CITIES)} ${rng.pick(shortForms)}`);
    else if (r < 0.95) out.push(`"${rng.pick(['一网通办', '异地就医', '公积金提取', '营商环境', '乡村振兴', '政务服务'])}"`);
    else out.push(`${rng.pick(shortForms)}${rng.pick(['怎么办理', '在哪里办', '需要什么材料', '多久到账'])}`);
  }
  return out;
}
