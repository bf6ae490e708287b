import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useI18n } from '../../app/i18n/i18n-context';
import type { DayTraffic } from './analytics-api';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Page views and unique visitors per day as two lines (the same figures are in the table below). */
export function TrafficChart({ days, title }: { days: readonly DayTraffic[]; title: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, null, { renderer: 'svg' });
    const views = t('analytics.views');
    const visitors = t('analytics.visitors');
    chart.setOption({
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
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [days, t]);
  return <div ref={ref} role="img" aria-label={title} data-testid="traffic-chart" style={{ width: '100%', height: 320 }} />;
}
