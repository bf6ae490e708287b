import { useMemo } from 'react';
import { useEChart, type ChartOption } from '../../app/use-echart';
import type { QuestionResult } from './surveys-api';

/** The chart option of one question: bars per option, the score distribution, or stacked bars per matrix row. */
export function chartOption(r: QuestionResult): { option: ChartOption; height: number } | null {
  if (r.kind === 'single' || r.kind === 'multiple') {
    return {
      height: 60 + 34 * r.counts.length,
      option: {
        tooltip: {}, grid: { left: 160, right: 40, top: 10, bottom: 30 }, xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: r.counts.map((c) => c.label).reverse() },
        series: [{ type: 'bar', data: r.counts.map((c) => c.count).reverse(), label: { show: true, position: 'right' } }],
      },
    };
  }
  if (r.kind === 'rating') {
    return {
      height: 280,
      option: {
        tooltip: {}, grid: { left: 50, right: 20, top: 20, bottom: 30 }, xAxis: { type: 'category', data: r.counts.map((c) => c.label) },
        yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', data: r.counts.map((c) => c.count), label: { show: true, position: 'top' } }],
      },
    };
  }
  if (r.kind === 'matrix') {
    return {
      height: 100 + 36 * r.matrix.length,
      option: {
        tooltip: {}, legend: { top: 0 }, grid: { left: 160, right: 30, top: 40, bottom: 30 }, xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: r.matrix.map((m) => m.row).reverse() },
        series: r.columns.map((col, c) => ({ name: col, type: 'bar', stack: 'all', data: r.matrix.map((m) => m.counts[c] ?? 0).reverse() })),
      },
    };
  }
  return null;
}

/** ECharts in the console (SVG renderer); the figures are in a table next to it for screen readers. */
export function SurveyChart({ result }: { result: QuestionResult }) {
  const spec = useMemo(() => chartOption(result), [result]);
  const option = useMemo(() => (spec ? { animation: false, ...spec.option } : null), [spec]);
  const ref = useEChart(option);
  if (!spec) return null;
  return <div ref={ref} data-testid={`survey-chart-${result.questionId}`} aria-hidden style={{ width: '100%', maxWidth: 720, height: spec.height }} />;
}
