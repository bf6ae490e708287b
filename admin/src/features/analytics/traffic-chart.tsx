import { useMemo } from 'react';
import { useEChart } from '../../app/use-echart';
import { useI18n } from '../../app/i18n/i18n-context';
import type { DayTraffic } from './analytics-api';

/** Page views and unique visitors per day as two lines (the same figures are in the table below). */
export function TrafficChart({ days, title }: { days: readonly DayTraffic[]; title: string }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const views = t('analytics.views');
    const visitors = t('analytics.visitors');
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [views, visitors] },
      grid: { left: 64, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: days.map((d) => d.day) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: views, type: 'line', showSymbol: days.length <= 31, data: days.map((d) => d.views) },
        { name: visitors, type: 'line', showSymbol: days.length <= 31, data: days.map((d) => d.visitors) },
      ],
    };
  }, [days, t]);
  const ref = useEChart(option);
  return <div ref={ref} role="img" aria-label={title} data-testid="traffic-chart" style={{ width: '100%', height: 320 }} />;
}
