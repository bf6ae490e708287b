import type { Db } from '../../db/index.js';
import { getOrg, getOrgByCode } from '../../platform/identity/orgs.repo.js';
import type { SiteView } from '../../modules/sites/index.js';
import { listSiteColumns } from '../../modules/columns/index.js';
import type { DemoIssuer, DemoSiteContext } from './demo-document.js';
import { POLICY_SUBJECTS } from './corpus.js';

/** 文号 issuer characters of the cities (苏州 uses 苏府, as its government does). */
const CITY_ABBR: Readonly<Record<string, string>> = {
  '320100': '宁', '320200': '锡', '320300': '徐', '320400': '常', '320500': '苏府', '320600': '通', '320700': '连',
  '320800': '淮', '320900': '盐', '321000': '扬', '321100': '镇', '321200': '泰', '321300': '宿', '320102': '玄', '320583': '昆',
};
/** 文号 issuer abbreviations of the departments that run sites of their own. */
const DEPARTMENT_ABBR: Readonly<Record<string, string>> = {
  '320000-fgw': '苏发改', '320000-jyt': '苏教', '320000-gat': '苏公', '320000-czt': '苏财', '320000-rst': '苏人社',
  '320000-zrzyt': '苏自然资', '320000-sthjt': '苏环', '320000-wjw': '苏卫', '320100-fgw': '宁发改', '320100-jyj': '宁教',
};

/** First-level topic classes each department writes about. */
const DEPARTMENT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  fgw: ['国民经济管理、国有资产监管', '商贸、海关、旅游', '城乡建设、环境保护'], jyt: ['科技、教育'], jyj: ['科技、教育'],
  gat: ['综合政务', '市场监管、安全生产监管'], czt: ['财政、金融、审计'], rst: ['劳动、人事、监察'], zrzyt: ['国土资源、能源'],
  sthjt: ['城乡建设、环境保护'], wjw: ['卫生、体育', '人口与计划生育、妇女儿童工作'],
};

function subjectsOf(level: DemoSiteContext['level'], orgCode: string): DemoSiteContext['subjects'] {
  if (level !== 'department') return POLICY_SUBJECTS;
  const fields = DEPARTMENT_FIELDS[orgCode.split('-')[1] ?? ''] ?? [];
  const own = POLICY_SUBJECTS.filter((s) => fields.some((f) => s.topic.startsWith(`${f}\\`)));
  return own.length > 0 ? own : POLICY_SUBJECTS;
}

function prefixes(level: DemoSiteContext['level'], orgCode: string): DemoSiteContext['numberPrefixes'] {
  if (level === 'province') return { main: '苏政发', office: '苏政办发', rules: '苏政规' };
  if (level === 'department') {
    const a = DEPARTMENT_ABBR[orgCode] ?? '苏部';
    return { main: `${a}发`, office: `${a}办`, rules: `${a}规` };
  }
  const a = CITY_ABBR[orgCode] ?? '苏市';
  if (a === '苏府') return { main: '苏府', office: '苏府办', rules: '苏府规' };
  return { main: `${a}政发`, office: `${a}政办发`, rules: `${a}政规` };
}

async function issuer(db: Db, code: string): Promise<DemoIssuer> {
  const org = await getOrgByCode(db, code);
  if (!org?.creditCode) throw new Error(`demo org ${code} missing or without an organization code`);
  return { id: org.id, code: org.creditCode, name: org.name };
}

/** What the templates need of every demo site: its issuers, 文号 prefixes, places and columns. */
export async function demoSiteContexts(db: Db, sites: readonly SiteView[]): Promise<DemoSiteContext[]> {
  const cityNames = sites.filter((s) => s.kind === 'city_portal').map((s) => s.name.replace(/人民政府$/, ''));
  const out: DemoSiteContext[] = [];
  for (const site of sites) {
    const owner = await getOrg(db, site.ownerOrgId);
    if (!owner) throw new Error(`demo site ${site.name} has no owner`);
    const level: DemoSiteContext['level'] = site.kind === 'province_portal' ? 'province' : site.kind === 'city_portal' ? 'city'
      : site.kind === 'county_portal' ? 'county' : 'department';
    const government = await issuer(db, owner.code);
    const office = level === 'department' ? government : await issuer(db, `${owner.code}-bgt`);
    const columns: Record<string, number> = {};
    for (const c of await listSiteColumns(db, site.id)) if (!(c.slug in columns)) columns[c.slug] = c.id;
    out.push({
      siteId: site.id, siteName: site.name, level,
      place: level === 'department' ? site.name : site.name.replace(/人民政府$/, ''),
      government, office, numberPrefixes: prefixes(level, owner.code),
      subPlaces: level === 'province' ? cityNames
        : level === 'city' ? ['高新区', '经济技术开发区', '市政务服务中心', '重点企业', '基层一线']
          : level === 'county' ? ['辖区街道', '重点企业', '城乡社区', '区（县、市）政务服务中心']
            : ['基层单位', '有关设区市', '重点企业', '服务窗口'],
      localities: level === 'province' ? cityNames
        : level === 'city' ? ['高新区', '经济技术开发区', '综合保税区', '旅游度假区']
          : ['开发区', '辖区各街道', '各镇'],
      subjects: subjectsOf(level, owner.code),
      columns,
    });
  }
  return out;
}
