import * as echarts from 'echarts';
import type { QuestionResult } from './survey-results.js';

const WIDTH = 640;
const COLORS = ['#1f5fa8', '#d9822b', '#2e8b57', '#b03a2e', '#7d3c98', '#117a8b', '#a67c00', '#5d6d7e', '#c0392b', '#148f77'];

/** ECharts on the server, as SVG: the public page carries no chart script. Labels are escaped by ECharts' SVG writer. */
function render(option: echarts.EChartsCoreOption, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ animation: false, color: COLORS, textStyle: { fontFamily: 'sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const short = (s: string) => ([...s].length > 14 ? `${[...s].slice(0, 13).join('')}…` : s);

/**
 * The chart of one question's results: horizontal bars for choices, columns for the score
 * distribution, stacked bars (one per row) for a matrix. Null for text questions.
 */
export function questionChartSvg(r: QuestionResult): string | null {
  if (r.kind === 'single' || r.kind === 'multiple') {
    const labels = r.counts.map((c) => short(c.label)).reverse();
    return render({
      grid: { left: 150, right: 40, top: 10, bottom: 30 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: labels },
      series: [{ type: 'bar', data: r.counts.map((c) => c.count).reverse(), label: { show: true, position: 'right' } }],
    }, 40 + 34 * r.counts.length);
  }
  if (r.kind === 'rating') {
    return render({
      grid: { left: 50, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: r.counts.map((c) => c.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: r.counts.map((c) => c.count), label: { show: true, position: 'top' } }],
    }, 260);
  }
  if (r.kind === 'matrix') {
    return render({
      legend: { top: 0, data: r.columns.map(short) },
      grid: { left: 150, right: 30, top: 40, bottom: 30 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: r.matrix.map((m) => short(m.row)).reverse() },
      series: r.columns.map((col, c) => ({ name: short(col), type: 'bar', stack: 'all', data: r.matrix.map((m) => m.counts[c] ?? 0).reverse() })),
    }, 80 + 36 * r.matrix.length);
  }
  return null;
}
