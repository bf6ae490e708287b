import type { Db } from '../db/index.js';
import type { Platform } from '../platform/platform.js';
import { systemActor } from '../platform/identity/actor.js';
import { getOrgByCode } from '../platform/identity/orgs.repo.js';
import { createSite, sitesDeps, type SiteKind, type SiteView } from '../modules/sites/index.js';

/**
 * The demo site registry: the provincial portal, the 13 city portals, two county portals and
 * department sites of the province and of Nanjing. Identifier codes follow NORMS (6-digit
 * division code of the owner + 4-digit sequence); filing numbers are plausible, not real.
 * Every site also gets the platform-managed alias `<code>.localhost` (added by createSite).
 */
export interface DemoSite {
  readonly ownerCode: string;
  readonly kind: SiteKind;
  readonly name: string;
  readonly code: string;
  readonly domain: string;
  /** 主办单位 as the footer shows it (a portal is run by its government's general office). */
  readonly hostUnit: string;
  readonly areaCode: string;
}

const CITIES: readonly [division: string, name: string, pinyin: string, areaCode: string][] = [
  ['320100', '南京市', 'nanjing', '025'], ['320200', '无锡市', 'wuxi', '0510'], ['320300', '徐州市', 'xuzhou', '0516'],
  ['320400', '常州市', 'changzhou', '0519'], ['320500', '苏州市', 'suzhou', '0512'], ['320600', '南通市', 'nantong', '0513'],
  ['320700', '连云港市', 'lianyungang', '0518'], ['320800', '淮安市', 'huaian', '0517'], ['320900', '盐城市', 'yancheng', '0515'],
  ['321000', '扬州市', 'yangzhou', '0514'], ['321100', '镇江市', 'zhenjiang', '0511'], ['321200', '泰州市', 'taizhou', '0523'],
  ['321300', '宿迁市', 'suqian', '0527'],
];

/** Provincial departments seeded in demo-organizations.ts, with their sub-domain of www.jiangsu.gov.cn. */
const PROVINCE_DEPARTMENTS: readonly [suffix: string, name: string][] = [
  ['fgw', '江苏省发展和改革委员会'], ['jyt', '江苏省教育厅'], ['gat', '江苏省公安厅'], ['czt', '江苏省财政厅'],
  ['rst', '江苏省人力资源和社会保障厅'], ['zrzyt', '江苏省自然资源厅'], ['sthjt', '江苏省生态环境厅'], ['wjw', '江苏省卫生健康委员会'],
];

/** City departments of Nanjing that run sites of their own (other cities' departments use columns in the demo). */
const NANJING_DEPARTMENTS: readonly [suffix: string, name: string][] = [['fgw', '南京市发展和改革委员会'], ['jyj', '南京市教育局']];

export function demoSites(): DemoSite[] {
  const sites: DemoSite[] = [
    { ownerCode: '320000', kind: 'province_portal', name: '江苏省人民政府', code: '3200000001', domain: 'www.jiangsu.gov.cn', hostUnit: '江苏省人民政府办公厅', areaCode: '025' },
  ];
  PROVINCE_DEPARTMENTS.forEach(([suffix, name], i) => {
    sites.push({ ownerCode: `320000-${suffix}`, kind: 'department', name, code: `320000${String(i + 2).padStart(4, '0')}`, domain: `${suffix}.jiangsu.gov.cn`, hostUnit: name, areaCode: '025' });
  });
  for (const [division, name, pinyin, areaCode] of CITIES) {
    sites.push({ ownerCode: division, kind: 'city_portal', name: `${name}人民政府`, code: `${division}0001`, domain: `www.${pinyin}.gov.cn`, hostUnit: `${name}人民政府办公室`, areaCode });
  }
  NANJING_DEPARTMENTS.forEach(([suffix, name], i) => {
    sites.push({ ownerCode: `320100-${suffix}`, kind: 'department', name, code: `320100${String(i + 2).padStart(4, '0')}`, domain: `${suffix}.nanjing.gov.cn`, hostUnit: name, areaCode: '025' });
  });
  sites.push(
    { ownerCode: '320102', kind: 'county_portal', name: '南京市玄武区人民政府', code: '3201020001', domain: 'www.njxw.gov.cn', hostUnit: '南京市玄武区人民政府办公室', areaCode: '025' },
    { ownerCode: '320583', kind: 'county_portal', name: '昆山市人民政府', code: '3205830001', domain: 'www.ks.gov.cn', hostUnit: '昆山市人民政府办公室', areaCode: '0512' },
  );
  return sites;
}

/** Registers the demo sites through the same operation the API uses (validated and audited), status open. */
export async function seedDemoSites(db: Db, platform: Platform): Promise<SiteView[]> {
  return registerSites(db, platform, demoSites());
}

/**
 * Registers sites (validated and audited), status open, with plausible filing numbers and contact;
 * `first` numbers the filings on from an earlier call.
 */
export async function registerSites(db: Db, platform: Platform, sites: readonly DemoSite[], first = 0): Promise<SiteView[]> {
  const actor = systemActor('demo-seed');
  const deps = sitesDeps(platform);
  const created: SiteView[] = [];
  for (const [k, s] of sites.entries()) {
    const i = first + k;
    const owner = await getOrgByCode(db, s.ownerCode);
    if (!owner) throw new Error(`demo org ${s.ownerCode} missing`);
    const seq = String(i + 1).padStart(6, '0');
    const { site } = await createSite({
      db, actor, deps,
      input: {
        kind: s.kind, ownerOrgId: owner.id, name: s.name, code: s.code, primaryDomain: s.domain, hostUnit: s.hostUnit, status: 'open',
        icpNumber: `苏ICP备05${seq}号`,
        policeNumber: `苏公网安备 ${owner.divisionCode}02${seq}号`,
        contact: { phone: `${s.areaCode}-8${String(3_391_000 + i * 17).padStart(7, '0')}`, email: `webmaster@${s.domain.replace(/^www\./, '')}`, address: `${s.hostUnit}（示例地址）` },
      },
    });
    created.push(site);
  }
  return created;
}
