/**
 * The generated province: Jiangsu's 13 cities and 95 county-level divisions (GB/T 2260 codes),
 * governments with their general offices and departments, and the catalogue of sites they may
 * run — the provincial portal, city and county portals, provincial and city department sites
 * (NORMS: county departments and townships have no site of their own). `--sites N` takes N of
 * them in an order that keeps every kind represented: the portals of the cities first, then the
 * rest interleaved in proportion to how many of each kind there are.
 */
import divisions from '../../data/jiangsu-divisions.json' with { type: 'json' };
import { government, type DemoOrg } from '../../demo/demo-organizations.js';
import type { DemoSite } from '../../demo/seed-sites.js';

/** County-level divisions by city: code, name, domain letters. */
const COUNTIES: Readonly<Record<string, readonly (readonly [string, string, string])[]>> = {
  '320100': [['320102', '玄武区', 'njxw'], ['320104', '秦淮区', 'njqh'], ['320105', '建邺区', 'njjy'], ['320106', '鼓楼区', 'njgl'], ['320111', '浦口区', 'njpk'],
    ['320113', '栖霞区', 'njqx'], ['320114', '雨花台区', 'njyh'], ['320115', '江宁区', 'jiangning'], ['320116', '六合区', 'njlh'], ['320117', '溧水区', 'lishui'], ['320118', '高淳区', 'njgc']],
  '320200': [['320205', '锡山区', 'jsxishan'], ['320206', '惠山区', 'huishan'], ['320211', '滨湖区', 'wxbh'], ['320213', '梁溪区', 'wxlx'], ['320214', '新吴区', 'wnd'],
    ['320281', '江阴市', 'jiangyin'], ['320282', '宜兴市', 'yixing']],
  '320300': [['320302', '鼓楼区', 'xzgl'], ['320303', '云龙区', 'xzyl'], ['320305', '贾汪区', 'jiawang'], ['320311', '泉山区', 'xzqs'], ['320312', '铜山区', 'tongshan'],
    ['320321', '丰县', 'chinafx'], ['320322', '沛县', 'peixian'], ['320324', '睢宁县', 'suining'], ['320381', '新沂市', 'xinyi'], ['320382', '邳州市', 'pizhou']],
  '320400': [['320402', '天宁区', 'czkd'], ['320404', '钟楼区', 'zhonglou'], ['320411', '新北区', 'cznd'], ['320412', '武进区', 'wj'], ['320413', '金坛区', 'jintan'], ['320481', '溧阳市', 'liyang']],
  '320500': [['320505', '虎丘区', 'snd'], ['320506', '吴中区', 'szwz'], ['320507', '相城区', 'szxc'], ['320508', '姑苏区', 'gusu'], ['320509', '吴江区', 'wujiang'],
    ['320581', '常熟市', 'changshu'], ['320582', '张家港市', 'zjg'], ['320583', '昆山市', 'ks'], ['320585', '太仓市', 'taicang']],
  '320600': [['320612', '通州区', 'tongzhou'], ['320613', '崇川区', 'chongchuan'], ['320614', '海门区', 'haimen'], ['320623', '如东县', 'rudong'], ['320681', '启东市', 'qidong'],
    ['320682', '如皋市', 'rugao'], ['320685', '海安市', 'haian']],
  '320700': [['320703', '连云区', 'lyglyq'], ['320706', '海州区', 'lyghz'], ['320707', '赣榆区', 'ganyu'], ['320722', '东海县', 'jsdh'], ['320723', '灌云县', 'guanyun'], ['320724', '灌南县', 'guannan']],
  '320800': [['320803', '淮安区', 'haqq'], ['320804', '淮阴区', 'huaiyin'], ['320812', '清江浦区', 'qjp'], ['320813', '洪泽区', 'hongze'], ['320826', '涟水县', 'lianshui'],
    ['320830', '盱眙县', 'xuyi'], ['320831', '金湖县', 'jinhu']],
  '320900': [['320902', '亭湖区', 'tinghu'], ['320903', '盐都区', 'yandu'], ['320904', '大丰区', 'dafeng'], ['320921', '响水县', 'xiangshui'], ['320922', '滨海县', 'binhai'],
    ['320923', '阜宁县', 'funing'], ['320924', '射阳县', 'sheyang'], ['320925', '建湖县', 'jianhu'], ['320981', '东台市', 'dongtai']],
  '321000': [['321002', '广陵区', 'yzgl'], ['321003', '邗江区', 'hanjiang'], ['321012', '江都区', 'jiangdu'], ['321023', '宝应县', 'baoying'], ['321081', '仪征市', 'yizheng'], ['321084', '高邮市', 'gaoyou']],
  '321100': [['321102', '京口区', 'jingkou'], ['321111', '润州区', 'runzhou'], ['321112', '丹徒区', 'dantu'], ['321181', '丹阳市', 'danyang'], ['321182', '扬中市', 'yangzhong'], ['321183', '句容市', 'jurong']],
  '321200': [['321202', '海陵区', 'hailing'], ['321203', '高港区', 'gaogang'], ['321204', '姜堰区', 'jiangyan'], ['321281', '兴化市', 'xinghua'], ['321282', '靖江市', 'jingjiang'], ['321283', '泰兴市', 'taixing']],
  '321300': [['321302', '宿城区', 'sqsc'], ['321311', '宿豫区', 'suyu'], ['321322', '沭阳县', 'shuyang'], ['321323', '泗阳县', 'siyang'], ['321324', '泗洪县', 'sihong']],
};

/** Domain letters and 文号 character of each city (苏州 uses 苏府, as its government does). */
const CITIES: Readonly<Record<string, readonly [domain: string, abbr: string, areaCode: string]>> = {
  '320100': ['nanjing', '宁', '025'], '320200': ['wuxi', '锡', '0510'], '320300': ['xuzhou', '徐', '0516'], '320400': ['changzhou', '常', '0519'],
  '320500': ['suzhou', '苏府', '0512'], '320600': ['nantong', '通', '0513'], '320700': ['lyg', '连', '0518'], '320800': ['huaian', '淮', '0517'],
  '320900': ['yancheng', '盐', '0515'], '321000': ['yangzhou', '扬', '0514'], '321100': ['zhenjiang', '镇', '0511'], '321200': ['taizhou', '泰', '0523'],
  '321300': ['suqian', '宿', '0527'],
};

/**
 * Departments: code suffix (also the site's sub-domain), name at province and at city level, 文号
 * abbreviation (after 苏 / the city's character), and the first-level topic classes they write in.
 */
const DEPARTMENTS: readonly (readonly [suffix: string, province: string, city: string, abbr: string, fields: string])[] = [
  ['fgw', '发展和改革委员会', '发展和改革委员会', '发改', '国民经济管理、国有资产监管|商贸、海关、旅游'],
  ['jyt', '教育厅', '教育局', '教', '科技、教育'], ['kjt', '科学技术厅', '科学技术局', '科', '科技、教育'],
  ['gxt', '工业和信息化厅', '工业和信息化局', '工信', '工业、交通'], ['mzt', '民族宗教事务委员会', '民族宗教事务局', '民宗', '综合政务'],
  ['gat', '公安厅', '公安局', '公', '综合政务|市场监管、安全生产监管'], ['mzj', '民政厅', '民政局', '民', '民政、扶贫、救灾'],
  ['sft', '司法厅', '司法局', '司', '综合政务'], ['czt', '财政厅', '财政局', '财', '财政、金融、审计'],
  ['rst', '人力资源和社会保障厅', '人力资源和社会保障局', '人社', '劳动、人事、监察'], ['zrzyt', '自然资源厅', '自然资源和规划局', '自然资', '国土资源、能源'],
  ['sthjt', '生态环境厅', '生态环境局', '环', '城乡建设、环境保护'], ['zfcxjst', '住房和城乡建设厅', '住房和城乡建设局', '建', '城乡建设、环境保护'],
  ['jtyst', '交通运输厅', '交通运输局', '交', '工业、交通'], ['slt', '水利厅', '水务局', '水', '农业、林业、水利|国土资源、能源'],
  ['nynct', '农业农村厅', '农业农村局', '农', '农业、林业、水利'], ['swt', '商务厅', '商务局', '商', '商贸、海关、旅游'],
  ['wlt', '文化和旅游厅', '文化广电和旅游局', '文旅', '商贸、海关、旅游'], ['wjw', '卫生健康委员会', '卫生健康委员会', '卫', '卫生、体育|人口与计划生育、妇女儿童工作'],
  ['tyjrt', '退役军人事务厅', '退役军人事务局', '退役军人', '民政、扶贫、救灾'], ['yjglt', '应急管理厅', '应急管理局', '应急', '市场监管、安全生产监管|综合政务'],
  ['sjt', '审计厅', '审计局', '审', '财政、金融、审计'], ['gzw', '人民政府国有资产监督管理委员会', '人民政府国有资产监督管理委员会', '国资', '国民经济管理、国有资产监管'],
  ['scjgj', '市场监督管理局', '市场监督管理局', '市监', '市场监管、安全生产监管'], ['gdj', '广播电视局', '广播电视台', '广电', '文化、广电、新闻出版'],
  ['tyj', '体育局', '体育局', '体', '卫生、体育'], ['tjj', '统计局', '统计局', '统', '国民经济管理、国有资产监管'],
  ['ybj', '医疗保障局', '医疗保障局', '医保', '劳动、人事、监察|卫生、体育'], ['jgswglj', '机关事务管理局', '机关事务管理局', '机管', '综合政务'],
  ['xfj', '信访局', '信访局', '信访', '综合政务'], ['lsj', '粮食和物资储备局', '粮食和物资储备局', '粮', '商贸、海关、旅游'],
  ['cgj', '城市管理委员会', '城市管理局', '城管', '城乡建设、环境保护'], ['zwfw', '政务服务管理办公室', '政务服务管理办公室', '政务办', '综合政务'],
  ['dsj', '大数据管理中心', '大数据管理局', '数据', '综合政务'], ['dfjrjgj', '地方金融管理局', '地方金融监督管理局', '金融', '财政、金融、审计'],
  ['yjj', '药品监督管理局', '药品监督管理局', '药监', '市场监管、安全生产监管'], ['zscqj', '知识产权局', '知识产权局', '知', '科技、教育'],
  ['lyj', '林业局', '园林绿化局', '园林', '农业、林业、水利'], ['mhj', '民航发展促进中心', '口岸办公室', '口岸', '商贸、海关、旅游'],
  ['gjjzx', '住房公积金管理中心', '住房公积金管理中心', '公积金', '城乡建设、环境保护'], ['dzj', '地震局', '地震局', '震', '综合政务'],
  ['qxj', '气象局', '气象局', '气', '综合政务'], ['ydzx', '海洋与渔业局', '海洋发展局', '海洋', '农业、林业、水利'],
  ['rfb', '人民防空办公室', '人民防空办公室', '人防', '综合政务'], ['kxj', '科学技术协会', '科学技术协会', '科协', '科技、教育'],
  ['gsl', '总工会', '总工会', '工', '劳动、人事、监察'], ['fl', '妇女联合会', '妇女联合会', '妇', '人口与计划生育、妇女儿童工作'],
  ['gqt', '共青团委员会', '共青团委员会', '青', '综合政务'], ['cl', '残疾人联合会', '残疾人联合会', '残联', '民政、扶贫、救灾'],
  ['gxs', '供销合作总社', '供销合作总社', '供销', '商贸、海关、旅游'], ['xzb', '乡村振兴局', '乡村振兴局', '乡振', '农业、林业、水利|民政、扶贫、救灾'],
  ['dag', '档案馆', '档案馆', '档', '综合政务'], ['szb', '地方志办公室', '地方志办公室', '志', '综合政务'],
  ['ggzy', '公共资源交易中心', '公共资源交易中心', '公管', '国民经济管理、国有资产监管'], ['xzj', '新闻出版局', '新闻出版局', '新出', '文化、广电、新闻出版'],
  ['wwj', '文物局', '文物局', '文物', '文化、广电、新闻出版'], ['jdj', '监督检查办公室', '政府督查室', '督查', '综合政务'],
  ['hsj', '海事局', '港口管理局', '港', '工业、交通'], ['ydj', '烟草专卖局', '烟草专卖局', '烟', '市场监管、安全生产监管'],
  ['dlj', '综合行政执法监督局', '交通运输综合行政执法支队', '交执', '工业、交通'], ['ycj', '住房保障和房产管理中心', '住房保障和房产局', '房', '城乡建设、环境保护'],
  ['tzj', '投资促进中心', '投资促进中心', '投促', '商贸、海关、旅游'], ['zgj', '政府研究室', '政府研究室', '研', '综合政务'],
  ['wsj', '外事办公室', '外事办公室', '外', '综合政务'], ['tbj', '台湾事务办公室', '台湾事务办公室', '台', '综合政务'],
  ['qwb', '侨务办公室', '侨务办公室', '侨', '综合政务'], ['bzzx', '标准化研究院', '质量技术监督检测中心', '质检', '市场监管、安全生产监管'],
];

const COUNTY_DEPARTMENTS: readonly [string, string][] = [['jyj', '教育局'], ['czj', '财政局'], ['mzj', '民政局'], ['scjgj', '市场监督管理局'], ['zrzyj', '自然资源局']];

export interface CatalogSite extends Omit<DemoSite, 'code'> {
  readonly divisionCode: string;
  /** 文号 prefixes of the site's issuer: main, office, rules. */
  readonly numberPrefixes: { readonly main: string; readonly office: string; readonly rules: string };
  /** First-level topic classes a department writes in (empty: all). */
  readonly fields: readonly string[];
}

export function provinceOrganizations(): DemoOrg {
  const depts = DEPARTMENTS.map(([suffix, province]) => [suffix, `江苏省${province}`] as [string, string]);
  const cities = divisions.divisions.filter((d) => d.level === 'city').map((c) => {
    const counties = (COUNTIES[c.code] ?? []).map(([code, name]) => {
      const county = government(code, `${c.name}${name}`, 'county', COUNTY_DEPARTMENTS);
      return { ...county, children: [...county.children, ...['街道', '镇'].map((t, i): DemoOrg => ({
        code: `${code}-t${i + 1}`, name: `${name.replace(/[区县市]$/, '')}${i === 0 ? '城区' : '中心'}${t}`, kind: 'township', level: 'township', divisionCode: code, creditCode: null, children: [],
      }))] };
    });
    return government(c.code, c.name, 'city', DEPARTMENTS.map(([suffix, , city]) => [suffix, city]), counties);
  });
  return government('320000', '江苏省', 'province', depts, cities);
}

function fieldsOf(spec: string): string[] {
  return spec.split('|');
}

/** Every site the province could run, by kind, in catalogue order. */
function catalog(): CatalogSite[][] {
  const cityList = divisions.divisions.filter((d) => d.level === 'city');
  const province: CatalogSite = {
    ownerCode: '320000', kind: 'province_portal', name: '江苏省人民政府', domain: 'www.jiangsu.gov.cn', hostUnit: '江苏省人民政府办公厅', divisionCode: '320000',
    numberPrefixes: { main: '苏政发', office: '苏政办发', rules: '苏政规' }, fields: [], areaCode: '025',
  };
  const cityPortals: CatalogSite[] = [];
  const counties: CatalogSite[] = [];
  const cityDepartments: CatalogSite[] = [];
  for (const c of cityList) {
    const [domain, abbr, areaCode] = CITIES[c.code] ?? [c.code, '苏', '025'];
    const prefixes = abbr === '苏府' ? { main: '苏府', office: '苏府办', rules: '苏府规' } : { main: `${abbr}政发`, office: `${abbr}政办发`, rules: `${abbr}政规` };
    cityPortals.push({ ownerCode: c.code, kind: 'city_portal', name: `${c.name}人民政府`, domain: `www.${domain}.gov.cn`, hostUnit: `${c.name}人民政府办公室`, divisionCode: c.code, numberPrefixes: prefixes, fields: [], areaCode });
    for (const [code, name, letters] of COUNTIES[c.code] ?? []) {
      const a = name.slice(0, 1);
      counties.push({
        ownerCode: code, kind: 'county_portal', name: `${c.name}${name}人民政府`, domain: `www.${letters}.gov.cn`, hostUnit: `${c.name}${name}人民政府办公室`, divisionCode: code,
        numberPrefixes: { main: `${a}政发`, office: `${a}政办发`, rules: `${a}政规` }, fields: [], areaCode,
      });
    }
    for (const [suffix, , city, dAbbr, fields] of DEPARTMENTS) {
      const head = abbr === '苏府' ? '苏' : abbr;
      cityDepartments.push({
        ownerCode: `${c.code}-${suffix}`, kind: 'department', name: `${c.name}${city}`, domain: `${suffix}.${domain}.gov.cn`, hostUnit: `${c.name}${city}`, divisionCode: c.code,
        numberPrefixes: { main: `${head}${dAbbr}发`, office: `${head}${dAbbr}办`, rules: `${head}${dAbbr}规` }, fields: fieldsOf(fields), areaCode,
      });
    }
  }
  const provinceDepartments = DEPARTMENTS.map(([suffix, name, , abbr, fields]): CatalogSite => ({
    ownerCode: `320000-${suffix}`, kind: 'department', name: `江苏省${name}`, domain: `${suffix}.jiangsu.gov.cn`, hostUnit: `江苏省${name}`, divisionCode: '320000',
    numberPrefixes: { main: `苏${abbr}发`, office: `苏${abbr}办`, rules: `苏${abbr}规` }, fields: fieldsOf(fields), areaCode: '025',
  }));
  return [[province], cityPortals, provinceDepartments, counties, cityDepartments];
}

/** How many sites `--sites` may ask for. */
export function maxSites(): number {
  return catalog().reduce((n, tier) => n + tier.length, 0);
}

/**
 * The first `n` sites: the provincial portal, the city portals (weighted to come early), then the
 * other kinds in proportion. Identifier codes follow NORMS: the owner's 6-digit division code and
 * a 4-digit sequence within that division (the portal is 0001).
 */
export function chooseSites(n: number): (CatalogSite & { code: string })[] {
  const tiers = catalog();
  const weight = [0, 0.02, 1, 1, 1];
  const ranked = tiers.flatMap((tier, t) => tier.map((site, k) => ({ site, key: (k / tier.length) * (weight[t] ?? 1), t, k })));
  ranked.sort((a, b) => a.key - b.key || a.t - b.t || a.k - b.k);
  const chosen = ranked.slice(0, n).sort((a, b) => a.t - b.t || a.k - b.k);
  const seq = new Map<string, number>();
  return chosen.map(({ site }) => {
    const next = (seq.get(site.divisionCode) ?? 0) + 1;
    seq.set(site.divisionCode, next);
    return { ...site, code: `${site.divisionCode}${String(next).padStart(4, '0')}` };
  });
}
