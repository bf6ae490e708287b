import type { Db } from '../db/index.js';
import type { Platform } from '../platform/platform.js';
import { systemActor } from '../platform/identity/actor.js';
import type { SiteView } from '../modules/sites/index.js';
import { columnsDeps, createColumn, type ColumnKind, type WorkflowStep } from '../modules/columns/index.js';

/** One column of a demo tree; slugs are pinyin initials as real government sites use them. */
interface DemoColumn {
  readonly name: string;
  readonly slug: string;
  readonly kind: ColumnKind;
  readonly description?: string;
  readonly linkUrl?: string;
  readonly workflow?: readonly WorkflowStep[];
  readonly children?: readonly DemoColumn[];
}

/** Policy documents get a third, final step by the site admin (初审 → 复审 → 终审). */
const POLICY_CHAIN: readonly WorkflowStep[] = [{ name: '初审', role: 'reviewer' }, { name: '复审', role: 'reviewer' }, { name: '终审', role: 'site_admin' }];

const TOPICS_BY_LEVEL: Readonly<Record<string, readonly [string, string][]>> = {
  province_portal: [['优化营商环境', 'yshj'], ['乡村振兴', 'xczx'], ['长三角一体化发展', 'csjyth']],
  city_portal: [['优化营商环境', 'yshj'], ['文明城市创建', 'wmcj']],
  county_portal: [['乡村振兴', 'xczx'], ['安全生产', 'aqsc']],
};

function portalTree(site: SiteView): DemoColumn[] {
  const level = site.kind === 'province_portal' ? '省' : site.kind === 'city_portal' ? '市' : '县（区）';
  const below = site.kind === 'province_portal' ? ['市县动态', 'sxdt'] : site.kind === 'city_portal' ? ['区县动态', 'qxdt'] : ['镇街动态', 'zjdt'];
  const topics = TOPICS_BY_LEVEL[site.kind] ?? [];
  return [
    { name: '首页要闻', slug: 'yaowen', kind: 'news', description: `${site.name}重要新闻` },
    {
      name: '政务动态', slug: 'zwdt', kind: 'news', description: `${site.name}政务工作动态`,
      children: [
        { name: `${level}政府常务会议`, slug: 'cwhy', kind: 'news' },
        { name: '部门动态', slug: 'bmdt', kind: 'news' },
        { name: below[0] ?? '下级动态', slug: below[1] ?? 'xjdt', kind: 'news' },
      ],
    },
    { name: '通知公告', slug: 'tzgg', kind: 'notice', description: '通知、公告、公示' },
    {
      name: '政府信息公开', slug: 'zfxxgk', kind: 'disclosure', description: '政府信息公开目录',
      children: [
        { name: '政府文件', slug: 'zfwj', kind: 'policy', workflow: POLICY_CHAIN },
        { name: '政策解读', slug: 'zcjd', kind: 'interpretation' },
        { name: '人事信息', slug: 'rsxx', kind: 'disclosure' },
        { name: '财政信息', slug: 'czxx', kind: 'disclosure' },
        { name: '规划计划', slug: 'ghjh', kind: 'disclosure' },
      ],
    },
    { name: '政策文件', slug: 'zcwj', kind: 'policy', description: '规章、规范性文件和其他政策文件', workflow: POLICY_CHAIN },
    { name: '专题专栏', slug: 'zt', kind: 'topic', children: topics.map(([name, slug]) => ({ name, slug, kind: 'topic' as const })) },
    { name: '互动交流', slug: 'hdjl', kind: 'link', linkUrl: `https://${site.primaryDomain}/hdjl/` },
    { name: '关于我们', slug: 'gywm', kind: 'page' },
  ];
}

function departmentTree(site: SiteView): DemoColumn[] {
  return [
    { name: '工作动态', slug: 'gzdt', kind: 'news', description: `${site.name}工作动态` },
    { name: '通知公告', slug: 'tzgg', kind: 'notice' },
    {
      name: '政府信息公开', slug: 'zfxxgk', kind: 'disclosure',
      children: [
        { name: '政策文件', slug: 'zcwj', kind: 'policy', workflow: POLICY_CHAIN },
        { name: '政策解读', slug: 'zcjd', kind: 'interpretation' },
        { name: '规划计划', slug: 'ghjh', kind: 'disclosure' },
        { name: '人事信息', slug: 'rsxx', kind: 'disclosure' },
      ],
    },
    { name: '办事服务', slug: 'bsfw', kind: 'link', linkUrl: `https://${site.primaryDomain}/bsfw/` },
    { name: '机构概况', slug: 'jggk', kind: 'page' },
  ];
}

/** A realistic column tree for every demo site, created through the audited operation. Returns the count. */
export async function seedDemoColumns(db: Db, platform: Platform, sites: readonly SiteView[]): Promise<number> {
  const actor = systemActor('demo-seed');
  const deps = columnsDeps(platform);
  let count = 0;
  const add = async (siteId: number, parentId: number | null, c: DemoColumn): Promise<void> => {
    const created = await createColumn({
      db, actor, siteId, deps,
      input: { parentId, name: c.name, slug: c.slug, kind: c.kind, description: c.description, linkUrl: c.linkUrl, workflow: c.workflow },
    });
    count++;
    for (const child of c.children ?? []) await add(siteId, created.id, child);
  };
  for (const site of sites) {
    for (const c of site.kind === 'department' ? departmentTree(site) : portalTree(site)) await add(site.id, null, c);
  }
  return count;
}
