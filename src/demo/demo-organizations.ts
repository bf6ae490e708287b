import divisions from '../data/jiangsu-divisions.json' with { type: 'json' };

/** The demo organization tree: Jiangsu, its 13 cities, offices and departments, two counties with townships. */
export interface DemoOrg {
  readonly code: string;
  readonly name: string;
  readonly kind: 'government' | 'general_office' | 'department' | 'township';
  readonly level: 'province' | 'city' | 'county' | 'township';
  readonly divisionCode: string;
  readonly creditCode: string | null;
  readonly children: readonly DemoOrg[];
}

const PROVINCE_DEPARTMENTS: readonly [string, string][] = [
  ['fgw', '江苏省发展和改革委员会'], ['jyt', '江苏省教育厅'], ['gat', '江苏省公安厅'], ['czt', '江苏省财政厅'],
  ['rst', '江苏省人力资源和社会保障厅'], ['zrzyt', '江苏省自然资源厅'], ['sthjt', '江苏省生态环境厅'], ['wjw', '江苏省卫生健康委员会'],
];
const CITY_DEPARTMENTS: readonly [string, string][] = [
  ['fgw', '发展和改革委员会'], ['jyj', '教育局'], ['czj', '财政局'], ['rsj', '人力资源和社会保障局'],
];
const COUNTIES: Readonly<Record<string, { code: string; name: string; townships: readonly string[] }>> = {
  '320100': { code: '320102', name: '南京市玄武区', townships: ['梅园新村街道', '新街口街道', '玄武门街道'] },
  '320500': { code: '320583', name: '昆山市', townships: ['玉山镇', '周市镇', '千灯镇'] },
};

/** A stable, plausible 9-character organization code for index numbers (not a real registry code). */
export function orgCode(seed: string): string {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return String(h % 1_000_000_000).padStart(9, '0');
}

/** A government with its general office and departments (names of city and county departments get the place prefixed). */
export function government(code: string, name: string, level: 'province' | 'city' | 'county', departments: readonly [string, string][], extra: readonly DemoOrg[] = []): DemoOrg {
  const officeName = level === 'province' ? '江苏省人民政府办公厅' : `${name}人民政府办公${level === 'city' ? '室' : '室'}`;
  return {
    code, name: level === 'province' ? '江苏省人民政府' : `${name}人民政府`, kind: 'government', level, divisionCode: code, creditCode: orgCode(code),
    children: [
      { code: `${code}-bgt`, name: officeName, kind: 'general_office', level, divisionCode: code, creditCode: orgCode(`${code}-bgt`), children: [] },
      ...departments.map(([suffix, dept]): DemoOrg => ({
        code: `${code}-${suffix}`, name: level === 'province' ? dept : `${name}${dept}`, kind: 'department', level, divisionCode: code, creditCode: orgCode(`${code}-${suffix}`), children: [],
      })),
      ...extra,
    ],
  };
}

export function demoOrganizationTree(): DemoOrg {
  const cities = divisions.divisions.filter((d) => d.level === 'city').map((c) => {
    const county = COUNTIES[c.code];
    const counties = county ? [government(county.code, county.name, 'county', [['jyj', '教育局'], ['czj', '财政局']], county.townships.map((t, i): DemoOrg => ({
      code: `${county.code}-t${i + 1}`, name: t, kind: 'township', level: 'township', divisionCode: county.code, creditCode: null, children: [],
    })))] : [];
    return government(c.code, c.name, 'city', CITY_DEPARTMENTS, counties);
  });
  const province = divisions.divisions.find((d) => d.level === 'province');
  return government(province?.code ?? '320000', province?.name ?? '江苏省', 'province', PROVINCE_DEPARTMENTS, cities);
}
