import { useMemo } from 'react';
import { useEChart } from '../../app/use-echart';
import { useI18n } from '../../app/i18n/i18n-context';
import type { LetterFigures } from './letter-statistics-api';

/** The 12 months: received and closed as bars, the on-time rate as a line (the same figures are in the table below it). */
export function StatisticsChart({ months, title }: { months: readonly LetterFigures[]; title: string }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const received = t('letterStats.received');
    const closed = t('letterStats.closed');
    const onTimeRate = t('letterStats.onTimeRate');
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [received, closed, onTimeRate] },
      grid: { left: 48, right: 56, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: months.map((m) => m.period) },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', name: '%', min: 0, max: 100 }],
      series: [
        { name: received, type: 'bar', data: months.map((m) => m.received) },
        { name: closed, type: 'bar', data: months.map((m) => m.closed) },
        { name: onTimeRate, type: 'line', yAxisIndex: 1, data: months.map((m) => m.onTimeRate) },
      ],
    };
  }, [months, t]);
  const ref = useEChart(option);
  return <div ref={ref} role="img" aria-label={title} data-testid="letter-statistics-chart" style={{ width: '100%', height: 320 }} />;
}
