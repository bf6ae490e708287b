import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { LetterFigures } from './figures.js';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 320;

/**
 * The 12 months as an SVG drawn on the server (no chart JavaScript on public pages): letters
 * received and closed as bars, the on-time rate as a line on a percent axis. ECharts escapes the
 * labels it writes; the figures are also in the page's table for screen readers, so the picture
 * is marked as one image with a summary.
 */
export function monthsChartSvg(months: readonly LetterFigures[], summary: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption({
      animation: false,
      legend: { top: 0, data: ['收信', '办结', '按期办结率'] },
      grid: { left: 48, right: 56, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: months.map((m) => m.period.slice(2)) },
      yAxis: [{ type: 'value', name: '件', minInterval: 1 }, { type: 'value', name: '%', min: 0, max: 100 }],
      series: [
        { name: '收信', type: 'bar', data: months.map((m) => m.received), itemStyle: { color: '#1f5faa' } },
        { name: '办结', type: 'bar', data: months.map((m) => m.closed), itemStyle: { color: '#2e8b57' } },
        { name: '按期办结率', type: 'line', yAxisIndex: 1, data: months.map((m) => m.onTimeRate), connectNulls: false, itemStyle: { color: '#c0392b' } },
      ],
    });
    return chart.renderToSVGString().replace('<svg ', `<svg role="img" aria-label="${escapeAttr(summary)}" `);
  } finally {
    chart.dispose();
  }
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
