import type { Platform } from '../../../platform/platform.js';
import { registerDynamicPage } from '../../delivery/index.js';
import { publishingDeps, renderInteractionPage } from '../../publishing/index.js';
import { getSiteByCode } from '../../sites/index.js';
import { monthsChartSvg } from './chart.js';
import { computedAtText, displayFigures, displayView } from './display.js';
import { publicStatistics } from './public-statistics.js';
import type { StatisticsView } from './snapshot.js';

export const LETTER_STATISTICS_PATH = '/letters/statistics.html';

const block = (v: StatisticsView, name: string) => ({
  ...displayView(v),
  caption: name,
  periods: [displayFigures(v.thisMonth), displayFigures(v.thisYear)],
  chartSvg: monthsChartSvg(v.months, `${name}近12个月收信、办结件数和按期办结率，数据见下表`),
});

/** 信件统计 of a site: this month, this year, the last 12 months (chart and table); on a portal, its region too. Null when the site is not open. */
export async function renderLetterStatistics(platform: Platform, siteCode: string): Promise<string | null> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (site?.status !== 'open') return null;
  const s = await publicStatistics(platform.db, site, platform.clock.now());
  return renderInteractionPage(publishingDeps(platform), siteCode, 'letter-statistics', {
    title: '信件统计', breadcrumb: [{ name: '信件统计', href: LETTER_STATISTICS_PATH }],
    letter: {
      computedAt: computedAtText(s.site.statistics),
      site: { name: s.site.name, ...block(s.site.statistics, s.site.name) },
      region: s.region === null ? null : {
        name: s.region.name, ...block(s.region.statistics, `${s.region.name}所属网站合计`),
        sites: s.region.sites.map((x) => ({ name: x.name, thisMonth: displayFigures(x.statistics.thisMonth), thisYear: displayFigures(x.statistics.thisYear) })),
      },
    },
  });
}

export function registerStatisticsPage(platform: Platform): void {
  registerDynamicPage(LETTER_STATISTICS_PATH, async ({ siteCode }) => {
    const html = await renderLetterStatistics(platform, siteCode);
    return html === null ? null : { status: 200, html };
  });
}
